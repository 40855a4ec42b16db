using CountySkills.Web.Features.Training;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Opening the order-training class (订单式培训) for a job order: POST /api/employment/job-orders/{id}/class with the class plan. The class is of kind
/// 订单式培训 for the order's employer (and its occupation unless the plan names one); one per order (job_order.has_class, 409). County staff.
/// </summary>
public static class OpenOrderClass
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<ClassInput> validator, SaveClass.Handler classes)
    {
        public async Task<Result<ClassView>> Handle(long id, ClassInput plan, CancellationToken ct)
        {
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var o = await db.JobOrders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
                if (o is null) return Result.NotFound("没有找到该用工订单");
                if (o.CanOpenClass() is { } refusal) return Result.Refused(refusal);
                plan.Kind = ClassKind.Order;
                plan.EmployerId = o.EmployerId;
                if (plan.OccupationId is null && plan.OccupationCode is null) plan.OccupationId = o.OccupationId;
            }
            // Validated once the order has filled in the kind, employer and occupation.
            if (await validator.Refuse(plan, ct) is { } bad) return bad;
            var created = await classes.Create(plan, ct);
            if (!created.IsOk) return created;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var o = await db.JobOrders.SingleAsync(x => x.Id == id, ct);
                var cls = await db.Classes.SingleAsync(c => c.Id == created.Value!.Id, ct);
                if (o.AttachClass(cls.Id) is { } refusal) return Result.Refused(refusal);
                cls.JobOrderId = o.Id;
                await db.SaveChangesAsync(ct);
            }
            return created;
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/employment/job-orders/{id:long}/class", async (long id, ClassInput plan, Handler h, CancellationToken ct) =>
                (await h.Handle(id, plan, ct)).ToHttp(v => TypedResults.Created($"/api/training/classes/{v.Id}", v)))
            .WithName(nameof(OpenOrderClass)).RequireWorkCounty()
            .WithSummary("Open the order-training class (订单式培训) for a job order");
}
