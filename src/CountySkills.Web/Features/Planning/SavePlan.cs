using FluentValidation;

namespace CountySkills.Web.Features.Planning;

/// <summary>Writing a plan: POST /api/planning/plans {year, title, items} (a draft), PUT /api/planning/plans/{id} {title, items, version, reason}.
/// An issued plan changes only with a reason (400 plan.reason_required), and the version it replaces is kept as a revision.</summary>
public static class SavePlan
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<PlanInput> validator)
    {
        public async Task<Result<PlanView.View>> Create(PlanInput input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await CheckAsync(db, input, ct) is { } refused) return refused;
            var now = clock.GetUtcNow().UtcDateTime;
            var plan = new Plan { Year = input.Year, Title = input.Title!.Trim(), CreatedUtc = now, CreatedBy = user.UserName };
            plan.Change(input.Title!, input.ToItems(), null, user.UserName, now);
            db.Plans.Add(plan);
            await db.SaveChangesAsync(ct);
            return (await PlanView.LoadAsync(db, plan.Id, ct))!;
        }

        public async Task<Result<PlanView.View>> Update(long id, PlanInput input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (plan is null) return Result.NotFound("没有找到该目标任务");
            input.Year = plan.Year; // the year of a plan does not change
            if (await CheckAsync(db, input, ct) is { } refused) return refused;
            if (input.Version is { } v && v != plan.Version) return Stale;
            var refusal = plan.Change(input.Title!, input.ToItems(), input.Reason, user.UserName, clock.GetUtcNow().UtcDateTime);
            if (refusal is not null) return Result.Refused(refusal, "reason");
            if (input.Version is null) return Result.Invalid("version", "请提供所编辑目标任务的版本号（version）", "version.required");
            db.Entry(plan).Property(p => p.Version).OriginalValue = input.Version.Value;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Stale; }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Stale; }
            return (await PlanView.LoadAsync(db, id, ct))!;
        }

        static Failure Stale => new(Outcome.Conflict, "该目标任务已被他人修改，请刷新后重试", null, "plan.stale");

        async Task<Failure?> CheckAsync(AppDbContext db, PlanInput input, CancellationToken ct)
        {
            var v = await validator.ValidateAsync(input, ct);
            if (!v.IsValid) return PlanningErrors.Of(v);
            var errors = (await Names.LoadAsync(db, ct)).Check(input);
            return errors.Count > 0 ? PlanningErrors.Of(errors) : null;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/plans").WithTags("Planning");
        g.MapPost("", async (PlanInput input, Handler h, CancellationToken ct) =>
                (await h.Create(input, ct)).ToHttp(v => TypedResults.Created($"/api/planning/plans/{v.Id}", v)))
            .WithName("CreatePlan").RequirePermission(Perm.PlanningWrite).WithSummary("Draft a year's plan of targets: items with targets, scoring and splits");
        g.MapPut("/{id:long}", async (long id, PlanInput input, Handler h, CancellationToken ct) => (await h.Update(id, input, ct)).ToHttp())
            .WithName("UpdatePlan").RequirePermission(Perm.PlanningWrite)
            .WithSummary("Change a plan's title and items (with its version; once issued, with a reason: the previous version is kept)");
    }
}
