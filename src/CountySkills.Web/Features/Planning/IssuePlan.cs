namespace CountySkills.Web.Features.Planning;

/// <summary>Issuing (下达) a plan: POST /api/planning/plans/{id}/issue. Refused when already issued (409 plan.issued), when it has no
/// item (409 plan.empty), when a split does not add up to its target (409 plan.split_mismatch) or when another plan of the year is
/// already issued (409 plan.year_issued). DELETE /api/planning/plans/{id} removes a draft (an issued plan is never deleted).</summary>
public static class IssuePlan
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<PlanView.View>> Issue(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (plan is null) return Result.NotFound("没有找到该目标任务");
            if (plan.Status == PlanStatus.Draft
                && await db.Plans.Where(p => p.Year == plan.Year && p.Status == PlanStatus.Issued && p.Id != id).Select(p => p.Title).FirstOrDefaultAsync(ct) is { } other)
                return Result.Refused(new Refusal("plan.year_issued", $"{plan.Year} 年已下达目标任务“{other}”，同一年度只能下达一份；请修改已下达的目标任务"));
            if (plan.Issue(user.UserName, clock.GetUtcNow().UtcDateTime, PlanView.Additive) is { } refusal) return Result.Refused(refusal);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return new Failure(Outcome.Conflict, "该目标任务已被他人修改，请刷新后重试", null, "plan.stale"); }
            return (await PlanView.LoadAsync(db, id, ct))!;
        }

        public async Task<Result<bool>> Delete(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (plan is null) return Result.NotFound("没有找到该目标任务");
            if (plan.Status == PlanStatus.Issued) return Result.Refused(new Refusal("plan.issued", "已下达的目标任务不能删除，只能修改（须写明原因）"));
            db.Plans.Remove(plan);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/plans").WithTags("Planning");
        g.MapPost("/{id:long}/issue", async (long id, Handler h, CancellationToken ct) => (await h.Issue(id, ct)).ToHttp())
            .WithName(nameof(IssuePlan)).RequirePermission(Perm.PlanningWrite).WithSummary("Issue a plan: locked from then on (changes need a reason); its splits must add up");
        g.MapDelete("/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Delete(id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeletePlan").RequirePermission(Perm.PlanningWrite).WithSummary("Delete a draft plan");
    }
}
