namespace CountySkills.Web.Features.Planning;

/// <summary>GET /api/planning/plans/{id}/progress?asOf=&amp;basis= (rows per item, township and department) and
/// GET /api/planning/plans/{id}/ranking?asOf=&amp;dimension=township|department&amp;basis= (each township's or department's total score, ranked).</summary>
public static class GetProgress
{
    public sealed record Query
    {
        public DateOnly? AsOf { get; set; }
        public string? Basis { get; set; }
        public string? Dimension { get; set; }
    }

    public sealed record RankRow(string Code, string Name, decimal Score, decimal Points, int Items, bool Vetoed, IReadOnlyList<string> VetoedBy, int Rank);

    public sealed record Ranking(long PlanId, int Year, DateOnly AsOf, string Dimension, string Basis, DateTime ComputedAt, IReadOnlyList<RankRow> Rows);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PlanProgress.Report>> Progress(long id, Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await PlanProgress.ComputeAsync(db, user, clock, id, q.AsOf, q.Basis, ct);
        }

        public async Task<Result<Ranking>> Rank(long id, Query q, CancellationToken ct)
        {
            var dimension = string.IsNullOrWhiteSpace(q.Dimension) ? PlanProgress.Township : q.Dimension.Trim().ToLowerInvariant();
            if (dimension is not (PlanProgress.Township or PlanProgress.Department))
                return Result.Invalid("dimension", "dimension 应为 township（乡镇）或 department（部门）", "ranking.dimension");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var r = await PlanProgress.ComputeAllAsync(db, user, clock, id, q.AsOf, q.Basis, ct);
            if (!r.IsOk) return r.AsFailure();
            var report = r.Value!;
            var names = await Names.LoadAsync(db, ct);
            var ranked = Of(report.Rows.Where(x => x.Dimension == dimension))
                .Where(x => PlanProgress.Sees(user, dimension == PlanProgress.Township ? x.Code : names.CountyCode, dimension == PlanProgress.Township)).ToList();
            return new Ranking(report.PlanId, report.Year, report.AsOf, dimension, report.Basis, report.ComputedAt, ranked);
        }
    }

    /// <summary>Totals per place: the sum of its item scores; a vetoed place (一票否决) ranks after every place that is not, then by score.</summary>
    public static List<RankRow> Of(IEnumerable<PlanProgress.Row> rows)
    {
        var totals = rows.GroupBy(x => x.Code).Select(g => (Code: g.Key, Name: g.First().Name, Score: g.Sum(x => x.Score), Points: g.Sum(x => x.Points), Items: g.Count(),
                VetoedBy: g.Where(x => x.Vetoed).Select(x => x.IndicatorName).ToList()))
            .OrderBy(t => t.VetoedBy.Count > 0).ThenByDescending(t => t.Score).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        var list = new List<RankRow>();
        for (var i = 0; i < totals.Count; i++)
        {
            var t = totals[i];
            var same = i > 0 && list[i - 1].Score == t.Score && list[i - 1].Vetoed == t.VetoedBy.Count > 0;
            list.Add(new RankRow(t.Code, t.Name, t.Score, t.Points, t.Items, t.VetoedBy.Count > 0, t.VetoedBy, same ? list[i - 1].Rank : i + 1));
        }
        return list;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/plans").WithTags("Planning");
        g.MapGet("/{id:long}/progress", async (long id, [AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Progress(id, q, ct)).ToHttp())
            .WithName("GetPlanProgress").RequirePermission(Perm.PlanningRead)
            .WithSummary("Progress at a day: per item the county, township and department rows with actual, expected, status, light, score and rank");
        g.MapGet("/{id:long}/ranking", async (long id, [AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Rank(id, q, ct)).ToHttp())
            .WithName("GetPlanRanking").RequirePermission(Perm.PlanningRead)
            .WithSummary("Total score per township or department at a day (sum of item scores; vetoed ones last), ranked");
    }
}
