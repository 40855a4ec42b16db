using CountySkills.Web.Infrastructure.Jobs;
using Quartz;

namespace CountySkills.Web.Features.Subsidies.Jobs;

/// <summary>
/// Every morning (Jobs:ClaimsReadyCron, 08:00): tells each county officer how many claims in their scope have finished their public
/// notice and may now be approved, and how many more are held by objections still open. It approves nothing: approval stays a
/// person's decision (SubsidyClaim.Approve).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ClaimsReadyJob(IDbContextFactory<AppDbContext> dbs, Recipients recipients, TimeProvider clock) : IJob
{
    public const string Link = "/subsidies/claims?status=InNotice";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var today = clock.Today();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var told = 0;
        foreach (var (userId, who) in await recipients.InRolesAsync([Roles.CountyOfficer], ct))
        {
            var ended = db.Claims.AsNoTracking().OwnedBy(who).Where(c => c.Status == ClaimStatus.InNotice && c.NoticeEndsOn < today);
            var held = ended.Where(c => db.Objections.Any(o => o.ClaimId == c.Id && o.Status == ObjectionStatus.Open));
            var heldCount = await held.CountAsync(ct);
            var ready = await ended.CountAsync(ct) - heldCount;
            if (await Notices.PutAsync(db, userId, NotificationKind.ClaimsReady, today, ready, heldCount, 0, Link, clock.GetUtcNow().UtcDateTime, ct)) told++;
        }
        await db.SaveChangesAsync(ct);
        context.Result = told;
    }
}
