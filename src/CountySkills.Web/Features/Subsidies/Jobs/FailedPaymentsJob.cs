using CountySkills.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace CountySkills.Web.Features.Subsidies.Jobs;

/// <summary>
/// Every morning (Jobs:FailedPaymentsCron, 08:15): tells each county officer how many payment items the bank failed to pay are still
/// waiting, Jobs:FailedPaymentDays or more after their batch, and for how much. It pays nothing and re-queues nothing: a failed
/// payment is usually a wrong or frozen account, corrected by a person, who then re-submits it in a new batch (CreatePaymentBatch
/// with retryFailed) that is sent to the bank — so nothing is ever paid twice by a job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FailedPaymentsJob(IDbContextFactory<AppDbContext> dbs, Recipients recipients, TimeProvider clock, IOptions<JobSettings> settings) : IJob
{
    public const string Link = "/subsidies/payments";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        var today = clock.Today();
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, settings.Value.FailedPaymentDays));
        await using var db = await dbs.CreateDbContextAsync(ct);
        var told = 0;
        foreach (var (userId, who) in await recipients.InRolesAsync([Roles.CountyOfficer], ct))
        {
            var claims = db.Claims.AsNoTracking().OwnedBy(who).Select(c => c.Id);
            // A line re-submitted since is InBatch or Paid again: only those still Failed wait for someone.
            var waiting = db.PaymentItems.AsNoTracking()
                .Where(i => i.Status == PaymentState.Failed && i.Line!.Payment == PaymentState.Failed && claims.Contains(i.Line.ClaimId))
                .Join(db.PaymentBatches.Where(b => b.CreatedUtc <= before), i => i.BatchId, b => b.Id, (i, b) => new { i.LineId, i.AmountFen })
                .Select(x => new { x.LineId, x.AmountFen }).Distinct();
            var rows = await waiting.ToListAsync(ct);
            var lines = rows.DistinctBy(r => r.LineId).ToList();
            var days = lines.Count > 0 ? settings.Value.FailedPaymentDays : 0;
            if (await Notices.PutAsync(db, userId, NotificationKind.PaymentsFailed, today, lines.Count, days, lines.Sum(r => r.AmountFen), Link,
                    clock.GetUtcNow().UtcDateTime, ct)) told++;
        }
        await db.SaveChangesAsync(ct);
        context.Result = told;
    }
}
