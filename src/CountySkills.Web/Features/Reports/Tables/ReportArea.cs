using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// What every statistical table of one request shares: the period and the place resolved as the indicators resolve them (the same
/// defaults, scope rules and refusals), the names for the form's head (填报单位, period, 填报日期), and the engine's figures.
/// </summary>
public sealed class ReportArea
{
    ReportArea(AppDbContext db, Period period, string? area, Labels labels, string county, DateOnly today, DateTime asOf) =>
        (Db, Period, Area, Labels, County, FilledOn, AsOf) = (db, period, area, labels, county, today, asOf);

    public AppDbContext Db { get; }
    public Period Period { get; }
    /// <summary>The area-code prefix the figures cover (null: everything the installation holds).</summary>
    public string? Area { get; }
    public Labels Labels { get; }
    /// <summary>The county's name (禾丰县), or the area's when it is wider than a county.</summary>
    public string County { get; }
    public DateOnly FilledOn { get; }
    public DateTime AsOf { get; }

    /// <summary>填报单位: the county's HR and social-security bureau.</summary>
    public string Unit => County + "人力资源和社会保障局";

    /// <summary>The period as the forms write it: 2026年1月1日至2026年11月30日.</summary>
    public string PeriodText => $"{Words(Period.From)}至{Words(Period.To)}";

    /// <summary>The place the figures cover (禾丰县, or 青石镇 for one township).</summary>
    public string AreaName => Area is { Length: > 6 } ? Labels.AreaName(Area) : County;

    public string ScopeLine => $"统计范围：{AreaName}。";

    static string Words(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>Resolves the query as <see cref="IndicatorRequest.ResolveAsync"/> does: from defaults to 1 January of the end's year, to to
    /// today; 400 period.invalid when from is after to; the area narrowed to the caller's scope, 403 area.out_of_scope outside it.</summary>
    public static async Task<Result<ReportArea>> ResolveAsync(AppDbContext db, CurrentUser user, TimeProvider clock, ReportQuery q, CancellationToken ct)
    {
        var r = await IndicatorRequest.ResolveAsync(db, user, clock, "training.person_times", new IndicatorQuery { From = q.From, To = q.To, Area = q.Area }, ct);
        if (!r.IsOk) return r.AsFailure();
        var labels = await Labels.LoadAsync(db, ct);
        var area = r.Value!.Area;
        var counties = db.Regions.AsNoTracking().Where(x => x.Level == AreaLevel.County);
        if (area is not null) counties = area.Length >= 6 ? counties.Where(x => x.Code == area.Substring(0, 6)) : counties.Where(x => x.Code.StartsWith(area));
        var names = await counties.OrderBy(x => x.Code).Select(x => x.Name).Take(2).ToListAsync(ct);
        var county = names.Count == 1 ? names[0] : labels.AreaName(area);
        return new ReportArea(db, r.Value.Period, area, labels, county, clock.Today(), clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A new table with this request's head: 填报单位, period, 填报日期 (the footer comes with <see cref="WithNotes"/>).</summary>
    public StatTable Table(string key, string title, string countUnit, IReadOnlyList<StatLabelColumn> labels, IReadOnlyList<StatHeader> columns) => new()
    {
        Key = key, Title = title, Unit = Unit, Period = PeriodText, CountUnit = countUnit, FilledOn = FilledOn, LabelColumns = labels, Columns = columns,
    };

    /// <summary>The table with its footer: the signature line, the notes and the scope, each note wrapped to the table's printed width
    /// (a line wider than the table would be cut off on the page).</summary>
    public StatTable WithNotes(StatTable t, params string[] notes)
    {
        var width = StatTableWorkbook.Widths(t, t.Layout).Sum() - 2;
        var done = new StatTable
        {
            Key = t.Key, Title = t.Title, Unit = t.Unit, Period = t.Period, CountUnit = t.CountUnit, FilledOn = t.FilledOn, LabelColumns = t.LabelColumns,
            Columns = t.Columns, Footer = [StatTable.DefaultFooterLine, .. notes.Append(ScopeLine).SelectMany(n => Wrap(n, width))],
        };
        foreach (var row in t.Rows) done.AddRow(row.Labels, row.Values, row.InTotal);
        return done;
    }

    /// <summary>A line cut into lines at most <paramref name="width"/> wide (in the sheet's units, a CJK character counting two), after
    /// a punctuation mark when one is near; the lines after the first indented.</summary>
    internal static IEnumerable<string> Wrap(string text, double width)
    {
        const string Indent = "　　", Closing = "，；、。）：";
        var line = "";
        foreach (var ch in text)
        {
            // A closing mark stays with the line before it (no line begins with 。，；), a little past the width.
            if (StatTableWorkbook.TextWidth(line + ch) > width && line.Trim('　').Length > 0 && !Closing.Contains(ch))
            {
                var cut = line.LastIndexOfAny(Closing.ToCharArray());
                var keep = cut > line.Length - 12 && cut > Indent.Length ? line[(cut + 1)..] : "";
                yield return line[..(line.Length - keep.Length)];
                line = Indent + keep;
            }
            line += ch;
        }
        if (line.Trim('　').Length > 0) yield return line;
    }

    /// <summary>An indicator's figure (the total) for this period and place, as GET /api/indicators/{key}/values gives it.</summary>
    public async Task<FigureRow> TotalAsync(Indicator ind, CancellationToken ct) =>
        (await Figures.ComputeAsync(Db, ind, Period, Area, null, Labels, ct)).FirstOrDefault()
        ?? new FigureRow("合计", Figures.TotalCode, ind.Aggregate == Aggregate.Ratio ? null : 0);

    /// <summary>An indicator's figures by one breakdown, by group code (as ?by= gives them).</summary>
    public async Task<IReadOnlyDictionary<string, FigureRow>> ByAsync(Indicator ind, Breakdown by, CancellationToken ct) =>
        (await Figures.ComputeAsync(Db, ind, Period, Area, by, Labels, ct)).ToDictionary(r => r.Code);

    public Task<IReadOnlyDictionary<string, FigureRow>> ByAsync(string key, Breakdown by, CancellationToken ct) => ByAsync(Indicator(key), by, ct);

    /// <summary>An indicator's figures by two or three breakdowns, by the codes joined with "|".</summary>
    public async Task<IReadOnlyDictionary<string, CrossRow>> CrossAsync(Indicator ind, Breakdown[] by, CancellationToken ct, PersonTags? tags = null) =>
        (await Figures.CrossAsync(Db, ind, Period, Area, by, Labels, ct, tags)).ToDictionary(r => string.Join("|", r.Codes));

    /// <summary>The rows' places of the area, by code, also those without a record: the townships (and like units) of a county or
    /// township, a city's counties, a province's cities (<see cref="Figures.RowLength"/>, the level the figures break down by).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> TownshipsAsync(CancellationToken ct)
    {
        var level = Figures.RowLength(Area, Labels) switch { 4 => AreaLevel.City, 6 => AreaLevel.County, _ => AreaLevel.Township };
        var q = Db.Regions.AsNoTracking().Where(x => x.Level == level);
        if (Area is { Length: >= 9 }) q = q.Where(x => x.Code == Area.Substring(0, 9));
        else if (Area is not null) q = q.Where(x => x.Code.StartsWith(Area));
        return (await q.OrderBy(x => x.Code).Select(x => new { x.Code, x.Name }).ToListAsync(ct)).Select(x => (x.Code, x.Name)).ToList();
    }

    public static Indicator Indicator(string key) => Catalogue.Find(key) ?? throw new InvalidOperationException($"没有指标 {key}");

    /// <summary>A figure as a table's number: 0 when the group has no records (a count, a sum).</summary>
    public static decimal Of(IReadOnlyDictionary<string, FigureRow> figures, string code) => figures.TryGetValue(code, out var f) ? f.Value ?? 0 : 0;

    public static decimal Of(IReadOnlyDictionary<string, CrossRow> figures, params string[] codes) =>
        figures.TryGetValue(string.Join("|", codes), out var f) ? f.Value ?? 0 : 0;
}

/// <summary>The query string of a table: ?from=&amp;to=&amp;area= (all optional).</summary>
public sealed record ReportQuery
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Area { get; set; }
}
