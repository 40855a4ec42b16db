using CountySkills.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Notifications;

/// <summary>The signed-in user's own notifications (站内通知), newest first: GET /api/notifications?unread=true&amp;take=20.
/// Nobody reads another user's: the query is the caller's user id, whatever their role.</summary>
public static class ListNotifications
{
    public sealed record Query(bool? Unread, int? Take);
    public sealed record Page(IReadOnlyList<NotificationView> Items, int Unread);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, IStringLocalizer<SharedResource> L)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            if (user.UserId is not { } me) return Result.Forbidden();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
            var unread = await mine.CountAsync(n => n.ReadUtc == null, ct);
            var list = q.Unread == true ? mine.Where(n => n.ReadUtc == null) : mine;
            var rows = await list.OrderByDescending(n => n.Day).ThenByDescending(n => n.Id).Take(Math.Clamp(q.Take ?? 20, 1, 100)).ToListAsync(ct);
            return new Page(rows.Select(n => NotificationView.Of(n, L)).ToList(), unread);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/notifications", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(ListNotifications)).RequirePermission(Perm.SignedIn).WithSummary("The caller's own notifications, newest first, and how many are unread");
}
