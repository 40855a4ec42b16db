using CountySkills.Web.Infrastructure.Jobs;
using Quartz;

namespace CountySkills.Web.Features.Employment.Jobs;

/// <summary>
/// Every morning (Jobs:FollowUpsCron, 06:30): tells each township officer and each employer's staff how many follow-ups in their
/// scope are overdue and how many fall due within a week, as the work list counts them (FollowUp.StateOn stays the truth; nothing
/// is stored on the follow-ups). One notification per user and day, so a re-run or a recovery on another node changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpRemindersJob(IDbContextFactory<AppDbContext> dbs, Recipients recipients, TimeProvider clock) : IJob
{
    public const string Link = "/employment?tab=followups&state=open";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var today = clock.Today();
        var soon = today.AddDays(7);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var told = 0;
        foreach (var (userId, who) in await recipients.InRolesAsync([Roles.TownshipOfficer, Roles.EmployerStaff], ct))
        {
            var open = db.FollowUps.AsNoTracking().Visible(who).Where(f => !f.Cancelled && f.DoneOn == null);
            var overdue = await open.CountAsync(f => f.DueOn < today, ct);
            var due = await open.CountAsync(f => f.DueOn >= today && f.DueOn <= soon, ct);
            if (await Notices.PutAsync(db, userId, NotificationKind.FollowUps, today, overdue, due, 0, Link, clock.GetUtcNow().UtcDateTime, ct)) told++;
        }
        await db.SaveChangesAsync(ct);
        context.Result = told;
    }
}
