using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Features.Planning;

/// <summary>
/// A plan's progress at a day, computed now from the records with the indicator engine: per item the county row, one row per township
/// it is split over and one per department, each with target, actual (from January 1 to the day), expected (序时进度), progress, status,
/// light, score (against the target, or against the expected with basis=expected) and, among the townships and among the departments, rank.
/// Every row is computed for the whole county (ranks need all townships); a township officer then gets their own township's rows only.
/// </summary>
public static class PlanProgress
{
    public const string County = "county", Township = "township", Department = "department";
    public const string ByTarget = "target", ByExpected = "expected";

    public sealed record Row(string IndicatorKey, string IndicatorName, string IndicatorNameEn, string Unit, string Dimension, string Code, string Name,
        decimal Target, decimal? Actual, decimal Expected, decimal? Progress, string Status, string Light, decimal Score, decimal Points, bool Vetoed, int? Rank,
        bool Veto, decimal? ShortPercent, decimal Deducted, decimal Bonus, string? NameEn = null);

    public sealed record Report(long PlanId, int Year, string Title, DateOnly AsOf, decimal ElapsedShare, DateTime ComputedAt, string Basis, IReadOnlyList<Row> Rows);

    public static async Task<Result<Report>> ComputeAsync(AppDbContext db, CurrentUser user, TimeProvider clock, long planId, DateOnly? asOf, string? basis, CancellationToken ct)
    {
        var r = await ComputeAllAsync(db, user, clock, planId, asOf, basis, ct);
        if (!r.IsOk) return r;
        var names = await Names.LoadAsync(db, ct);
        return r.Value! with { Rows = r.Value!.Rows.Where(x => Sees(user, x, names)).ToList() };
    }

    /// <summary>Every row, whoever asks (for ranks and rankings; callers show a user only the rows <see cref="Sees(CurrentUser, Row, Names)"/> allows).</summary>
    public static async Task<Result<Report>> ComputeAllAsync(AppDbContext db, CurrentUser user, TimeProvider clock, long planId, DateOnly? asOf, string? basis, CancellationToken ct)
    {
        if (user.ScopeBroken) return Result.Forbidden("您的账号没有设置所属乡镇");
        basis = string.IsNullOrWhiteSpace(basis) ? ByTarget : basis.Trim().ToLowerInvariant();
        if (basis is not (ByTarget or ByExpected)) return Result.Invalid("basis", "basis 应为 target（对照年度目标）或 expected（对照序时进度）", "progress.basis");
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return Result.NotFound("没有找到该目标任务");
        var today = clock.Today();
        var (first, last) = (new DateOnly(plan.Year, 1, 1), new DateOnly(plan.Year, 12, 31));
        var day = asOf ?? today;
        day = day < first ? first : day > last ? last : day;
        var rules = await SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        var period = new Period(first, day, today, rules.WorkingAgeMin, rules.WorkingAgeMax);
        var labels = await Labels.LoadAsync(db, ct);
        var names = await Names.LoadAsync(db, ct);
        var rows = new List<Row>();
        foreach (var item in plan.Items)
        {
            if (Catalogue.Find(item.IndicatorKey) is not { } ind) continue;
            var share = ProgressRules.ExpectedShare(item, day);
            var ratio = ind.Aggregate == Aggregate.Ratio;
            decimal? none = ratio ? null : 0;
            var total = (await Figures.ComputeAsync(db, ind, period, null, null, labels, ct)).FirstOrDefault()?.Value ?? none;
            rows.Add(Build(item, ind, County, names.CountyCode, names.CountyName, item.Target, total, share, basis));
            foreach (var (kind, by, dim) in new[] { (SplitKind.Township, Breakdown.Township, Township), (SplitKind.Department, Breakdown.Department, Department) })
            {
                var splits = item.Splits.Where(s => s.Kind == kind).ToList();
                if (splits.Count == 0) continue;
                var figures = await FiguresByAsync(db, ind, period, by, splits, total, labels, ct);
                var part = splits.Select(s =>
                {
                    var code = kind == SplitKind.Department ? names.Department(s.Code)?.Id.ToString() ?? s.Code : s.Code;
                    return Build(item, ind, dim, code, names.Of(s), s.Target, figures.TryGetValue(code, out var v) ? v : none, share, basis)
                        with { NameEn = kind == SplitKind.Department ? names.Department(s.Code)?.NameEn : null };
                }).ToList();
                rows.AddRange(Ranked(part));
            }
        }
        return new Report(plan.Id, plan.Year, plan.Title, day, Math.Round(ProgressRules.ElapsedShare(day), 6), clock.GetUtcNow().UtcDateTime, basis, rows);
    }

    /// <summary>The figures of the groups split over. An indicator without a department breakdown counts wholly for its lead department
    /// (as the engine counts records without a department); one without a township breakdown is computed township by township.</summary>
    static async Task<Dictionary<string, decimal?>> FiguresByAsync(AppDbContext db, Indicator ind, Period period, Breakdown by, List<PlanSplit> splits, decimal? total,
        Labels labels, CancellationToken ct)
    {
        if (ind.Breakdowns.Contains(by)) return (await Figures.ComputeAsync(db, ind, period, null, by, labels, ct)).ToDictionary(r => r.Code, r => r.Value);
        if (by == Breakdown.Department) return new() { [labels.LeadDepartmentId(ind).ToString()] = total };
        var map = new Dictionary<string, decimal?>();
        foreach (var s in splits) map[s.Code] = (await Figures.ComputeAsync(db, ind, period, s.Code, null, labels, ct)).FirstOrDefault()?.Value;
        return map;
    }

    static Row Build(PlanItem item, Indicator ind, string dimension, string code, string name, decimal target, decimal? actual, decimal share, string basis)
    {
        var expected = target * share;
        var against = basis == ByExpected ? expected : target;
        string status;
        (decimal Score, bool Vetoed) scored;
        if (actual is null)
        {
            // A rate with nothing to count (no follow-up was due): nothing was missed.
            (status, scored) = (ProgressRules.OnTrack, (item.Points, false));
        }
        else
        {
            status = ProgressRules.Status(actual.Value, expected);
            scored = item.Score(against, actual.Value);
        }
        decimal? progress = target > 0 && actual is { } a ? Math.Round(a / target * 100, 1) : null;
        decimal? shortPercent = against > 0 && actual is { } b && b < against ? Math.Round((against - b) / against * 100, 1) : null;
        return new Row(item.IndicatorKey, ind.Name, ind.NameEn, ind.Unit, dimension, code, name, target, actual, Math.Round(expected, 2), progress,
            status, ProgressRules.Light(status), scored.Score, item.Points, scored.Vetoed, null, item.Veto, shortPercent,
            Math.Max(0, item.Points - scored.Score), Math.Max(0, scored.Score - item.Points));
    }

    /// <summary>Ranks rows of one item and dimension by progress, highest first; equal progress shares a rank (1, 1, 3).</summary>
    static IEnumerable<Row> Ranked(List<Row> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Progress ?? decimal.MinValue).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Progress == ordered[i - 1].Progress ? ordered[i - 1].Rank : i + 1;
            ordered[i] = ordered[i] with { Rank = rank };
        }
        return ordered.OrderBy(r => rows.FindIndex(x => x.Code == r.Code));
    }

    /// <summary>A user limited to a township sees that township's rows only; one limited to the county sees all of it.</summary>
    public static bool Sees(CurrentUser user, Row r, Names names) => Sees(user, r.Dimension == Township ? r.Code : names.CountyCode, r.Dimension == Township);

    public static bool Sees(CurrentUser user, string place, bool isTownship)
    {
        if (user.AreaCoversAll || user.AreaScope is not { } scope) return true;
        return scope.Length < 9 ? place.StartsWith(scope, StringComparison.Ordinal) : isTownship && scope.StartsWith(place, StringComparison.Ordinal);
    }
}
