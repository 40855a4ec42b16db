using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Closing a job order (no more recruiting): POST /api/employment/job-orders/{id}/close {"version"?}. County staff, or employer staff for their own.
/// Refusal: job_order.closed (409).</summary>
public static class CloseJobOrder
{
    public sealed class Command
    {
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Command> validator, CurrentUser user, ListJobOrders.Handler list)
    {
        public async Task<Result<ListJobOrders.View>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.JobOrders.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null) return Result.NotFound("没有找到该用工订单");
            if (!user.MayWriteOrdersOf(o.EmployerId)) return Result.Forbidden("只能关闭本单位的用工订单");
            if (cmd.Version is { } v) db.Entry(o).Property(x => x.Version).OriginalValue = v;
            if (o.Close() is { } refusal) return Result.Refused(refusal);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该订单已被他人修改，请刷新后重试"); }
            return (await list.List(id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/employment/job-orders/{id:long}/close", async (long id, Command? cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(id, cmd ?? new(), ct)).ToHttp())
            .WithName(nameof(CloseJobOrder)).RequirePermission(Perm.JobOrdersWrite).WithSummary("Close a job order");
}
