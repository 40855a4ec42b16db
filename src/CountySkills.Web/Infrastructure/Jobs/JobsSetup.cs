using CountySkills.Web.Data;
using CountySkills.Web.Features.Employment.Jobs;
using CountySkills.Web.Features.Subsidies.Jobs;
using Quartz;

namespace CountySkills.Web.Infrastructure.Jobs;

/// <summary>
/// Background work in Quartz.NET (ADR 0026): on PostgreSQL the clustered ADO job store (tables qrtz_*, created by a migration), so a
/// trigger fires on one node of the cluster and a node that dies mid-job has it run again by another; on SQLite (one node) the
/// in-memory store. Quartz keeps its own (system) clock for firing; the jobs read "today" from the app's TimeProvider.
/// </summary>
public static class JobsSetup
{
    public static readonly JobKey FollowUps = new("follow-up-reminders", "countyskills");
    public static readonly JobKey ClaimsReady = new("claims-ready-for-approval", "countyskills");
    public static readonly JobKey FailedPayments = new("failed-payments", "countyskills");

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings();
        services.Configure<JobSettings>(config.GetSection(JobSettings.Section));
        services.AddSingleton<JobsHost>();
        services.AddScoped<Recipients>();
        services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs", tags: ["ready"]);
        if (!settings.Enabled) return services;
        var provider = DatabaseSetup.ProviderOf(config);
        var zone = CountyClock.Zone(config["App:TimeZone"]);
        var cs = config.GetConnectionString("Default") ?? "";
        services.AddQuartz(q =>
        {
            Configure(q, settings, provider, cs);
            Schedule(q, settings, zone);
        });
        services.AddHostedService(sp => sp.GetRequiredService<JobsHost>());
        return services;
    }

    /// <summary>The scheduler and its store, as every node of the cluster configures them (the tests build a second node with this).</summary>
    public static void Configure(IQuartzBuilder q, JobSettings s, DatabaseProvider provider, string connectionString)
    {
        q.ConfigureScheduler(o =>
        {
            o.InstanceName = JobSettings.SchedulerName;
            o.IdleWaitTime = TimeSpan.FromSeconds(Math.Max(1, s.IdleWaitSeconds));
            if (string.Equals(s.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase)) o.GenerateInstanceId = true;
            else o.InstanceId = s.InstanceId;
        });
        q.UseTimeProvider(TimeProvider.System);
        q.UseDefaultThreadPool(Math.Max(1, s.MaxConcurrency));
        var misfire = TimeSpan.FromSeconds(Math.Max(1, s.MisfireThresholdSeconds));
        if (provider == DatabaseProvider.Postgres)
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(s.CheckinIntervalSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(s.CheckinMisfireThresholdSeconds);
                });
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = JobSettings.TablePrefix;
                    o.MisfireThreshold = misfire;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;   // the tables come from the migration (QuartzSchema)
                });
            });
        else
            q.UseInMemoryStore(o => o.MisfireThreshold = misfire);
    }

    static void Schedule(IQuartzBuilder q, JobSettings s, TimeZoneInfo zone)
    {
        Daily<FollowUpRemindersJob>(q, FollowUps, s.FollowUpsCron, zone);
        Daily<ClaimsReadyJob>(q, ClaimsReady, s.ClaimsReadyCron, zone);
        Daily<FailedPaymentsJob>(q, FailedPayments, s.FailedPaymentsCron, zone);
    }

    /// <summary>A durable job that asks to be run again after a node failure, with one cron trigger in the county's zone; a run the
    /// cluster missed (every node down at the time) fires once as soon as a node is back.</summary>
    static void Daily<T>(IQuartzBuilder q, JobKey key, string cron, TimeZoneInfo zone) where T : class, IJob
    {
        q.AddJob<T>(j => j.WithIdentity(key).StoreDurably().RequestRecovery());
        q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + ".schedule", key.Group)
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
