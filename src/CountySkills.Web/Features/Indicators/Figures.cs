using System.Linq.Expressions;

namespace CountySkills.Web.Features.Indicators;

/// <summary>One figure of a group: the value (a rate in %, 1 decimal), and a rate's numerator and denominator.</summary>
public sealed record FigureRow(string Group, string Code, decimal? Value, long? Numerator = null, long? Denominator = null);

/// <summary>
/// The engine under every figure: takes an indicator's facts, limits them to a place, groups them by a breakdown and aggregates them
/// in the database. The same filters select the records of one group for a drill-down, so a list's count equals its figure.
/// </summary>
public static partial class Figures
{
    public const string TotalCode = "total";

    /// <summary>The figure of the whole place (one row) or one row per group of <paramref name="by"/>.</summary>
    public static async Task<IReadOnlyList<FigureRow>> ComputeAsync(AppDbContext db, Indicator ind, Period p, string? area, Breakdown? by, Labels labels, CancellationToken ct)
    {
        if (ind.Reported) return await Reported.ComputeAsync(db, ind, p, area, by, labels, ct);
        var parts = ind.Facts!(db, p).Select(q => InArea(q, area)).ToArray();
        if (ind.Custom is { } custom)
        {
            var rows = await custom(db, p, parts[0], by, ct);
            return rows.Select(r => new FigureRow(by is null ? "合计" : labels.Of(by.Value, r.Code, ind), by is null ? TotalCode : r.Code, r.Value, r.Numerator, r.Denominator))
                .OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        }
        var raw = new List<(string Code, long A, long B)>();
        var places = RowLength(area, labels);
        foreach (var q in parts) raw.AddRange(by is null ? [await TotalAsync(q, ind.Aggregate, ct)] : await GroupAsync(q, by.Value, ind.Aggregate, places, ct));
        var folded = Fold(raw, by, ind, labels);
        return folded.Select(g => Row(ind, by is null ? "合计" : labels.Of(by.Value, g.Code, ind), g.Code, g.A, g.B)).ToList();
    }

    public static FigureRow Row(Indicator ind, string group, string code, long a, long b) => ind.Aggregate == Aggregate.Ratio
        ? new(group, code, b == 0 ? null : Math.Round(100m * a / b, 1), a, b)
        : new(group, code, a);

    /// <summary>
    /// The places the "township" breakdown shows under an area, by the length of their codes: the next level down — a province's cities
    /// (4), a city's counties (6), a county's townships (9; a township or village shows its own township). Without an area, the level
    /// under the whole installation (<see cref="Labels.TopRowLength"/>): townships for one county, as ever.
    /// </summary>
    public static int RowLength(string? area, Labels labels) => area?.Length switch
    {
        2 => 4,
        4 => 6,
        >= 6 => 9,
        _ => labels.TopRowLength,
    };

    /// <summary>The grouping key of a place breakdown: the township code, or its first <paramref name="rows"/> digits.</summary>
    static Expression<Func<Fact, string>> PlaceKey(int rows) => rows >= 9 ? f => f.Township : f => f.Township.Substring(0, rows);

    public static IQueryable<Fact> InArea(IQueryable<Fact> q, string? area) => string.IsNullOrEmpty(area) ? q : q.Where(Scope.AreaPrefix<Fact>(area));

    /// <summary>The facts of one group of a breakdown (the drill-down's filter); the same grouping rules as <see cref="Fold"/>.</summary>
    public static IQueryable<Fact> InGroup(IQueryable<Fact> q, Breakdown by, string code, Indicator ind, Labels labels)
    {
        switch (by)
        {
            case Breakdown.Township: return q.Where(Scope.AreaPrefix<Fact>(code));
            case Breakdown.Month:
                var first = DateOnly.ParseExact(code + "-01", "yyyy-MM-dd");
                var last = first.AddMonths(1).AddDays(-1);
                return q.Where(f => f.Day >= first && f.Day <= last);
            case Breakdown.TargetGroup:
                var flag = long.Parse(code);
                return flag == 0 ? q.Where(f => f.Tags == 0) : q.Where(f => (f.Tags & flag) != 0);
            case Breakdown.Band:
                var bands = BandGroups.Single(g => g.Code == code).Bands;
                return q.Where(f => bands.Contains(f.Band));
            case Breakdown.Department:
                var id = long.Parse(code);
                return id == labels.LeadDepartmentId(ind) ? q.Where(f => f.Department == id || f.Department == 0) : q.Where(f => f.Department == id);
            default:
                var value = long.Parse(code);
                var key = Indicator.NumericKey(by);
                var eq = Expression.Lambda<Func<Fact, bool>>(Expression.Equal(key.Body, Expression.Constant(value)), key.Parameters);
                return q.Where(eq);
        }
    }

    /// <summary>Whether a drill-down code names a group of this breakdown (so a bad code is a 400, not an exception).</summary>
    public static bool IsCode(Breakdown by, string code) => by switch
    {
        Breakdown.Township => code.Length is 4 or 6 or 9 && code.All(char.IsAsciiDigit),
        Breakdown.Month => DateOnly.TryParseExact(code + "-01", "yyyy-MM-dd", out _),
        Breakdown.Band => BandGroups.Any(g => g.Code == code),
        _ => long.TryParse(code, out var n) && n >= 0,
    };

    /// <summary>The three bands the reports fold the five destinations into.</summary>
    public static readonly (string Code, string Name, int[] Bands)[] BandGroups =
    [
        ("county", "县内", [1]), ("province", "县外省内", [2, 3]), ("outside", "省外(含境外)", [4, 5]),
    ];

    static async Task<(string, long, long)> TotalAsync(IQueryable<Fact> q, Aggregate agg, CancellationToken ct) => agg switch
    {
        Aggregate.Count => (TotalCode, await q.CountAsync(ct), 0),
        Aggregate.DistinctPeople => (TotalCode, await q.Select(f => f.PersonId).Distinct().CountAsync(ct), 0),
        Aggregate.Sum => (TotalCode, await q.SumAsync(f => (long?)f.Value, ct) ?? 0, 0),
        _ => (TotalCode, await q.SumAsync(f => (long?)f.Value, ct) ?? 0, await q.CountAsync(ct)),
    };

    static async Task<List<(string, long, long)>> GroupAsync(IQueryable<Fact> q, Breakdown by, Aggregate agg, int rows, CancellationToken ct)
    {
        if (by == Breakdown.Township)
            return (await Group(q, PlaceKey(rows), agg, ct)).Select(x => (x.Key, x.A, x.B)).ToList();
        return (await Group(q, Indicator.NumericKey(by), agg, ct)).Select(x => (x.Key.ToString(), x.A, x.B)).ToList();
    }

    sealed record Grouped<TKey>(TKey Key, long A, long B);

    static Task<List<Grouped<TKey>>> Group<TKey>(IQueryable<Fact> q, Expression<Func<Fact, TKey>> key, Aggregate agg, CancellationToken ct) => agg switch
    {
        Aggregate.Count => q.GroupBy(key).Select(g => new Grouped<TKey>(g.Key, g.Count(), 0)).ToListAsync(ct),
        Aggregate.DistinctPeople => q.GroupBy(key).Select(g => new Grouped<TKey>(g.Key, g.Select(f => f.PersonId).Distinct().Count(), 0)).ToListAsync(ct),
        Aggregate.Sum => q.GroupBy(key).Select(g => new Grouped<TKey>(g.Key, g.Sum(f => f.Value), 0)).ToListAsync(ct),
        _ => q.GroupBy(key).Select(g => new Grouped<TKey>(g.Key, g.Sum(f => f.Value), g.Count())).ToListAsync(ct),
    };

    /// <summary>Adds up parts, folds raw keys into the groups shown (tags into each target group, five bands into three, months into
    /// yyyy-MM, no department into the lead department) and orders them.</summary>
    static List<(string Code, long A, long B)> Fold(List<(string Code, long A, long B)> raw, Breakdown? by, Indicator ind, Labels labels)
    {
        var mapped = by is { } b ? raw.SelectMany(r => FoldCode(b, r.Code, ind, labels).Select(code => (Code: code, r.A, r.B))) : raw;
        var summed = mapped.GroupBy(r => r.Code).Select(g => (g.Key, g.Sum(x => x.A), g.Sum(x => x.B)));
        return summed.OrderBy(r => r.Key, CodeOrder(by)).ToList();
    }

    /// <summary>The groups one raw key of a breakdown falls in: a person's tags in each of <paramref name="tags"/> they carry (none of
    /// them: "0", 其他), a destination in its band, a month number as yyyy-MM, no department as the lead department; else the key.</summary>
    internal static IEnumerable<string> FoldCode(Breakdown by, string code, Indicator ind, Labels labels, PersonTags tags = AllTags)
    {
        switch (by)
        {
            case Breakdown.TargetGroup:
                var shown = long.Parse(code) & (long)tags;
                return shown == 0 ? ["0"] : Enum.GetValues<PersonTags>().Where(t => t != 0 && (shown & (long)t) != 0).Select(t => ((long)t).ToString());
            case Breakdown.Band: return [BandGroups.First(g => g.Bands.Contains(int.Parse(code))).Code];
            case Breakdown.Month: return [$"{long.Parse(code) / 100:D4}-{long.Parse(code) % 100:D2}"];
            case Breakdown.Department: return [code == "0" ? labels.LeadDepartmentId(ind).ToString() : code];
            default: return [code];
        }
    }

    const PersonTags AllTags = (PersonTags)(-1);

    /// <summary>How the groups of a breakdown are ordered: bands as <see cref="BandGroups"/>, others by code (shorter first).</summary>
    internal static IComparer<string> CodeOrder(Breakdown? by) => by == Breakdown.Band
        ? Comparer<string>.Create((x, y) => Array.FindIndex(BandGroups, g => g.Code == x).CompareTo(Array.FindIndex(BandGroups, g => g.Code == y)))
        : Comparer<string>.Create((x, y) => x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y));
}
