namespace CountySkills.Web.Features.Planning;

/// <summary>Reading plans: GET /api/planning/plans?year=, GET /api/planning/plans/{id}, GET /api/planning/plans/{id}/revisions.
/// A plan is a county document issued to every township, so everyone who reads planning reads the whole of it.</summary>
public static class Plans
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<List<PlanView.View>> List(int? year, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Plans.AsNoTracking();
            if (year is { } y) q = q.Where(p => p.Year == y);
            var plans = await q.OrderByDescending(p => p.Year).ThenByDescending(p => p.Status).ThenBy(p => p.Id).ToListAsync(ct);
            var ids = plans.Select(p => p.Id).ToList();
            var revisions = await db.PlanRevisions.Where(r => ids.Contains(r.PlanId)).GroupBy(r => r.PlanId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
            var names = await Names.LoadAsync(db, ct);
            return plans.Select(p => PlanView.Of(p, names, revisions.GetValueOrDefault(p.Id))).ToList();
        }

        public async Task<Result<PlanView.View>> Get(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await PlanView.LoadAsync(db, id, ct) is { } v ? v : Result.NotFound("没有找到该目标任务");
        }

        /// <summary>The versions an issued plan had before each change, newest first.</summary>
        public async Task<Result<List<PlanView.Revision>>> Revisions(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Plans.AnyAsync(p => p.Id == id, ct)) return Result.NotFound("没有找到该目标任务");
            var names = await Names.LoadAsync(db, ct);
            var list = await db.PlanRevisions.AsNoTracking().Where(r => r.PlanId == id).OrderByDescending(r => r.Number).ToListAsync(ct);
            return list.Select(r => new PlanView.Revision(r.Number, r.Title, r.Reason, r.By, r.AtUtc,
                PlanView.Items(Plan.ParseItems(r.ItemsJson), names))).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/plans").WithTags("Planning");
        g.MapGet("", async (int? year, Handler h, CancellationToken ct) => TypedResults.Ok(await h.List(year, ct)))
            .WithName("ListPlans").RequirePermission(Perm.PlanningRead).WithSummary("The plans of targets (of a year), each with its items, splits and their differences");
        g.MapGet("/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Get(id, ct)).ToHttp())
            .WithName("GetPlan").RequirePermission(Perm.PlanningRead).WithSummary("One plan: items, splits with names, and how far each kind of split is from the target");
        g.MapGet("/{id:long}/revisions", async (long id, Handler h, CancellationToken ct) => (await h.Revisions(id, ct)).ToHttp())
            .WithName("ListPlanRevisions").RequirePermission(Perm.PlanningRead).WithSummary("The earlier versions of an issued plan, each with the reason it was changed");
    }
}
