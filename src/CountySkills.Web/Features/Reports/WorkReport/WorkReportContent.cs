using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>
/// Everything the county work report (.docx) says, gathered once from the records within the caller's scope: the filled narratives,
/// the ledger by employment status, the indicators against the year's issued plan, training by month (this year and last), the brands
/// with their output, the typical cases with a photo (names masked), and next year's targets. Free text written by staff is masked like
/// any free text (<see cref="PersonalData.MaskFreeText"/>) before the placeholders are filled, so no ID number or phone slips in.
/// </summary>
public sealed record WorkReportContent(
    ReportFigures Figures, DateOnly Today, IReadOnlyDictionary<string, string> Texts,
    IReadOnlyList<(EmploymentStatus Status, int People)> Ledger,
    IReadOnlyList<WorkReportContent.IndicatorLine> Indicators, bool HasTargets,
    WorkReportContent.Series? Training, IReadOnlyList<WorkReportContent.BrandLine> Brands,
    IReadOnlyList<WorkReportContent.CaseLine> Cases, WorkReportContent.NextPlan? Next)
{
    public sealed record IndicatorLine(Indicator Indicator, decimal? Value, decimal? Target);
    /// <summary>Training person-times per category (months, or years of a span), one or two series (this year, last year).</summary>
    public sealed record Series(IReadOnlyList<string> Categories, IReadOnlyList<(string Name, double[] Values)> Lines, string Title);
    public sealed record BrandLine(string Name, string Category, string Owner, string? Description, int Members, decimal Output);
    public sealed record CaseLine(string Title, string Story, string PersonName, string? Brand, byte[]? Photo);
    public sealed record NextPlan(int Year, string Title, PlanStatus Status, IReadOnlyList<(Indicator Indicator, decimal Target)> Items);

    /// <summary>The indicators table 表1 lists these (and any other indicator the year's plan sets a target for).</summary>
    public static readonly string[] MainIndicators =
    [
        "training.person_times", "training.subsidised", "training.people", "certificates.people", "certificates.rate",
        "labour.transferred", "labour.new_transfers", "labour.organised", "labour.poverty_alleviated_working",
        "brands.output", "brands.jobs_driven", "entrepreneurship.returnees", "entrepreneurship.jobs_driven",
        "followups.on_time_rate", "subsidies.paid_fen", "employment.urban_new_jobs", "labour.income",
    ];

    public ReportPeriod Period => Figures.Period;
    public string Text(string section) => Texts.TryGetValue(section, out var t) ? t : "";

    /// <param name="narrativesDb">Where the narratives are read (the primary, when <paramref name="db"/> is a replica's); <paramref name="db"/> when null.</param>
    public static async Task<WorkReportContent> LoadAsync(AppDbContext db, CurrentUser user, TimeProvider clock, ReportPeriod period, CancellationToken ct,
        AppDbContext? narrativesDb = null)
    {
        var narratives = (await ListNarratives.LoadAsync(narrativesDb ?? db, period, ct)).ToDictionary(n => n.Section, n => PersonalData.MaskFreeText(n.Text));
        // Targets only for a single year: a plan is a year's.
        var plan = period.FirstYear == period.LastYear
            ? await db.Plans.AsNoTracking().Where(p => p.Year == period.LastYear && p.Status == PlanStatus.Issued).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct)
            : null;
        var targets = plan?.Items.GroupBy(i => i.IndicatorKey).ToDictionary(g => g.Key, g => g.First().Target) ?? [];

        // Each figure once, and only those the report shows: the table's, and those the texts name (a placeholder filled from nothing
        // lists every name it holds as unknown).
        var named = narratives.Values.SelectMany(t => Placeholders.Fill(t, new Dictionary<string, string>()).Unknown).Select(Placeholders.Normalise).ToHashSet();
        var keys = Catalogue.All.Where(i => named.Contains(Placeholders.Normalise(i.Name))).Select(i => i.Key).Concat(MainIndicators).Concat(targets.Keys).ToHashSet();
        var figures = await ReportFigures.ComputeAsync(db, user, clock, period, ct, keys);
        var today = clock.Today();
        var texts = narratives.ToDictionary(n => n.Key, n => Placeholders.Fill(n.Value, figures.ByName).Text);

        var ledger = (await db.People.VisibleTo(user).Where(p => p.MergedIntoId == null)
                .GroupBy(p => p.EmploymentStatus).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .OrderBy(x => x.Key).Select(x => (x.Key, x.N)).ToList();

        var indicators = MainIndicators.Concat(targets.Keys.Where(k => !MainIndicators.Contains(k)))
            .Select(Catalogue.Find).OfType<Indicator>()
            .Select(i => new IndicatorLine(i, figures.ByKey.GetValueOrDefault(i.Key), targets.TryGetValue(i.Key, out var t) ? t : null)).ToList();

        var labels = await Labels.LoadAsync(db, ct);
        var training = await TrainingAsync(db, user, clock, period, today, labels, ct);
        var brands = await BrandsAsync(db, user, clock, period, today, labels, ct);
        var cases = await CasesAsync(db, user, labels, ct);

        var nextYear = period.LastYear + 1;
        var next = await db.Plans.AsNoTracking().Where(p => p.Year == nextYear)
            .OrderByDescending(p => p.Status).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        var nextPlan = next is null ? null : new NextPlan(next.Year, next.Title, next.Status,
            next.Items.Select(i => (Catalogue.Find(i.IndicatorKey), i.Target)).Where(x => x.Item1 is not null).Select(x => (x.Item1!, x.Target)).ToList());

        return new WorkReportContent(figures, today, texts, ledger, indicators, plan is not null, training, brands, cases, nextPlan);
    }

    /// <summary>Training person-times by month, this year against last (one query over both years); for a span, by year.</summary>
    static async Task<Series?> TrainingAsync(AppDbContext db, CurrentUser user, TimeProvider clock, ReportPeriod period, DateOnly today, Labels labels, CancellationToken ct)
    {
        var single = period.FirstYear == period.LastYear;
        var from = single ? new DateOnly(period.LastYear - 1, 1, 1) : period.From;
        var to = period.To < today ? period.To : today;
        if (from > to) return null;
        var r = await IndicatorRequest.ResolveAsync(db, user, clock, "training.person_times", new IndicatorQuery { From = from, To = to, By = "month" }, ct);
        if (!r.IsOk) return null;
        var rows = (await GetIndicatorValues.ComputeAsync(db, r.Value!, clock, ct, labels)).Rows;
        double Sum(Func<string, bool> month) => (double)rows.Where(x => month(x.Code)).Sum(x => x.Value ?? 0);
        if (!single)
        {
            var years = Enumerable.Range(period.FirstYear, period.LastYear - period.FirstYear + 1).Where(y => y <= to.Year).ToList();
            return new Series(years.Select(y => $"{y}年").ToList(),
                [("培训人次", years.Select(y => Sum(c => c.StartsWith($"{y}-", StringComparison.Ordinal))).ToArray())],
                $"{period.Words}各年度培训人次");
        }
        var year = period.LastYear;
        var months = year == to.Year ? to.Month : 12;
        double[] Year(int y) => Enumerable.Range(1, months).Select(m => Sum(c => c == $"{y:D4}-{m:D2}")).ToArray();
        return new Series(Enumerable.Range(1, months).Select(m => $"{m}月").ToList(),
            [($"{year}年", Year(year)), ($"{year - 1}年", Year(year - 1))],
            months == 12 ? $"{year}年与{year - 1}年各月培训人次" : $"{year}年与{year - 1}年1—{months}月各月培训人次");
    }

    static async Task<IReadOnlyList<BrandLine>> BrandsAsync(AppDbContext db, CurrentUser user, TimeProvider clock, ReportPeriod period, DateOnly today, Labels labels, CancellationToken ct)
    {
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        if (brands.Count == 0) return [];
        var people = db.People.VisibleTo(user);
        var members = await db.BrandMembers.AsNoTracking().Where(m => m.RevokedUtc == null && people.Any(p => p.Id == m.PersonId))
            .GroupBy(m => m.BrandId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var output = new Dictionary<string, decimal>();
        var to = period.To < today ? period.To : today;
        if (period.From <= to)
        {
            var r = await IndicatorRequest.ResolveAsync(db, user, clock, "brands.output", new IndicatorQuery { From = period.From, To = to, By = "brand" }, ct);
            if (r.IsOk)
                foreach (var row in (await GetIndicatorValues.ComputeAsync(db, r.Value!, clock, ct, labels)).Rows) output[row.Code] = row.Value ?? 0;
        }
        return brands.Select(b => new BrandLine(b.Name, b.Category, b.Owner, b.Description is { } d ? PersonalData.MaskFreeText(d) : null,
            members.GetValueOrDefault(b.Id), output.GetValueOrDefault(b.Id.ToString()))).ToList();
    }

    /// <summary>The typical cases of people in scope, newest last, each with its first PNG or JPEG photo; the person named as masked.</summary>
    static async Task<IReadOnlyList<CaseLine>> CasesAsync(AppDbContext db, CurrentUser user, Labels labels, CancellationToken ct)
    {
        var people = db.People.VisibleTo(user);
        var cases = await db.Cases.AsNoTracking().Where(c => people.Any(p => p.Id == c.PersonId)).OrderBy(c => c.Id).Take(20)
            .Select(c => new { c.Id, c.Title, c.Story, c.BrandId, c.Person!.Name }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var first = await db.CasePhotos.AsNoTracking().Where(p => ids.Contains(p.CaseId) && (p.ContentType == "image/png" || p.ContentType == "image/jpeg"))
            .GroupBy(p => p.CaseId).Select(g => g.Min(p => p.Id)).ToListAsync(ct);
        var photos = await db.CasePhotos.AsNoTracking().Where(p => first.Contains(p.Id)).Select(p => new { p.CaseId, p.Data }).ToDictionaryAsync(p => p.CaseId, p => p.Data, ct);
        return cases.Select(c =>
        {
            var masked = Person.MaskName(c.Name);
            string Clean(string s) => PersonalData.MaskFreeText(c.Name.Length > 1 ? s.Replace(c.Name, masked) : s);
            return new CaseLine(Clean(c.Title), Clean(c.Story), masked, c.BrandId is { } b ? labels.Brands.GetValueOrDefault(b) : null, photos.GetValueOrDefault(c.Id));
        }).ToList();
    }

    /// <summary>The ledger's words for a status (务农, 县内就业 …).</summary>
    public static string StatusName(EmploymentStatus s) => PersonVocabulary.Statuses.TryGetValue(s, out var w) ? w[0] : s.ToString();
}
