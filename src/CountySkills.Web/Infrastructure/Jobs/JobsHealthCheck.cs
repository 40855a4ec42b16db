using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace CountySkills.Web.Infrastructure.Jobs;

/// <summary>Readiness ("jobs", tag "ready"): healthy when this node's scheduler is running and, on PostgreSQL, its job store answers
/// a query. With Jobs:Enabled = false the node runs no jobs and says so, healthy.</summary>
public sealed class JobsHealthCheck(JobsHost host, IOptions<JobSettings> settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!settings.Value.Enabled) return HealthCheckResult.Healthy("background jobs are off on this node");
        if (host.Scheduler is not { } s) return HealthCheckResult.Unhealthy("job scheduler not started");
        var status = s.Status;
        if (status != SchedulerStatus.Running) return HealthCheckResult.Unhealthy($"job scheduler {status}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var meta = await s.GetMetadata(timeout.Token);
            if (meta.JobStorePersistent) await s.GetJobGroupNames(timeout.Token); // a query on the store's tables
            return HealthCheckResult.Healthy($"job scheduler running ({(meta.JobStoreClustered ? "clustered" : "in memory")})");
        }
        catch (Exception e) { return HealthCheckResult.Unhealthy("job store does not answer", e); }
    }
}
