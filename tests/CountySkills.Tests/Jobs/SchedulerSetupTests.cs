using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace CountySkills.Tests.Jobs;

/// <summary>The app's scheduler: clustered on PostgreSQL, in memory on SQLite; each job on its daily cron in the county's zone; the
/// "jobs" readiness check healthy once it runs.</summary>
public abstract class SchedulerSetupTests(AppFactory app)
{
    [Fact]
    public async Task The_scheduler_runs_the_three_daily_jobs_in_the_countys_time_zone_and_reports_ready()
    {
        var scheduler = await JobsKit.SchedulerOf(app);
        var meta = await scheduler.GetMetadata();
        Assert.Equal("CountySkills", scheduler.SchedulerName);
        Assert.Equal(app.Provider == DatabaseProvider.Postgres, meta.JobStorePersistent);
        Assert.Equal(app.Provider == DatabaseProvider.Postgres, meta.JobStoreClustered);
        foreach (var (key, local) in new[] { (JobsSetup.FollowUps, new TimeOnly(6, 30)), (JobsSetup.ClaimsReady, new TimeOnly(8, 0)), (JobsSetup.FailedPayments, new TimeOnly(8, 15)) })
        {
            var job = await scheduler.GetJobDetail(key);
            Assert.NotNull(job);
            Assert.True(job.RequestsRecovery);
            Assert.True(job.ConcurrentExecutionDisallowed);
            var trigger = Assert.Single(await scheduler.GetTriggersOfJob(key));
            var next = trigger.NextFireTimeUtc!.Value.ToOffset(TimeSpan.FromHours(8));
            Assert.Equal(local, TimeOnly.FromTimeSpan(next.TimeOfDay));
        }
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(r => r.Name == "jobs");
        Assert.Equal(HealthStatus.Healthy, report.Entries["jobs"].Status);
        Assert.Contains("ready", report.Entries["jobs"].Tags);
    }
}

public sealed class SchedulerSetupTests_Sqlite(SqliteApp app) : SchedulerSetupTests(app), IClassFixture<SqliteApp>;
public sealed class SchedulerSetupTests_Postgres(PostgresApp app) : SchedulerSetupTests(app), IClassFixture<PostgresApp>;
