using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CountySkills.Web.Features.Ops;

/// <summary>
/// The database answers a real query of the schema within Health:TimeoutSeconds (3 by default): a database that is down or hangs
/// gives "unhealthy" in that time, never the driver's 15-30 s. On PostgreSQL a failure also empties the connection pool, so once
/// the server is back (a restart, a failover) the next requests open fresh connections instead of meeting dead pooled ones: the
/// app recovers by itself.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbs, IConfiguration config) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(config.GetValue("Health:TimeoutSeconds", 3.0));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        await using var db = await dbs.CreateDbContextAsync(cts.Token);
        try
        {
            // WaitAsync: the answer comes in time even when a driver does not honour the cancellation at once.
            await db.Regions.AnyAsync(cts.Token).WaitAsync(timeout, ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection pg) NpgsqlConnection.ClearPool(pg);
            var late = cts.IsCancellationRequested || ex is TimeoutException; // the deadline passed, whatever the driver wrapped it in
            return HealthCheckResult.Unhealthy(late ? "timeout" : "unreachable", late ? new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s") : ex);
        }
    }
}
