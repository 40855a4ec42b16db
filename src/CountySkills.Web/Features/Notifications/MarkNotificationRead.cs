using CountySkills.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Notifications;

/// <summary>POST /api/notifications/{id}/read: the caller marks one of their own notifications read (again: no change). Another
/// user's notification is "not found", as an unknown id is.</summary>
public static class MarkNotificationRead
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> L)
    {
        public async Task<Result<NotificationView>> Handle(long id, CancellationToken ct)
        {
            var me = user.UserId;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var n = await db.Notifications.SingleOrDefaultAsync(x => x.Id == id && x.UserId == me, ct);
            if (n is null) return Result.NotFound("没有找到该通知");
            n.MarkRead(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return NotificationView.Of(n, L);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/notifications/{id:long}/read", async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
            .WithName(nameof(MarkNotificationRead)).RequirePermission(Perm.SignedIn).WithSummary("Mark one of the caller's notifications read");
}
