using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure.Jobs;
using Npgsql;
using Quartz;

namespace CountySkills.Tests.Jobs;

/// <summary>A migrated PostgreSQL database whose app node runs no scheduler: the tests bring up cluster nodes of their own on it.</summary>
public sealed class JobClusterDb : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override int DemoPeople => 50;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };
    public string Database => ConnectionString;
}

/// <summary>
/// Two scheduler nodes (two instance ids, configured as every app node is, JobsSetup.Configure) on one PostgreSQL database: a
/// trigger runs its job once across the cluster, and a job whose node dies mid-run is run again by the other node.
/// </summary>
public sealed class JobClusterTests(JobClusterDb db) : IClassFixture<JobClusterDb>
{
    [Fact]
    public async Task The_migration_seeds_the_lock_rows_of_the_scheduler()
    {
        await using var conn = new NpgsqlConnection(db.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT string_agg(lock_name, ',' ORDER BY lock_name) FROM qrtz_locks WHERE sched_name = 'CountySkills'", conn);
        Assert.Equal("STATE_ACCESS,TRIGGER_ACCESS", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Each_firing_runs_once_across_two_nodes()
    {
        await Probe.PrepareAsync(db.Database);
        var a = await Node("node-a");
        var b = await Node("node-b");
        try
        {
            var at = DateTimeOffset.UtcNow.AddSeconds(2);
            for (var i = 0; i < 6; i++)
                await a.ScheduleJob(TriggerBuilder.Create().ForJob(Probe.Key).WithIdentity($"once-{i}", "probe").StartAt(at).Build());
            var rows = await Probe.WaitForAsync(db.Database, 6, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(3)); // time for a double run to show
            rows = await Probe.RowsAsync(db.Database);
            Assert.Equal(6, rows.Count);
            Assert.Equal(6, rows.Select(r => r.Trigger).Distinct().Count());
            Assert.All(rows, r => Assert.Contains(r.Instance, new[] { "node-a", "node-b" }));
        }
        finally
        {
            await a.Shutdown(true);
            await b.Shutdown(true);
        }
    }

    [Fact]
    public async Task A_job_whose_node_dies_mid_run_is_run_again_by_the_other_node()
    {
        await Probe.PrepareAsync(db.Database);
        Probe.Hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = await Node("node-a");
        IScheduler? b = null;
        try
        {
            await a.ScheduleJob(TriggerBuilder.Create().ForJob(Probe.Key).WithIdentity("hangs-on-a", "probe").UsingJobData(Probe.HangOn, "node-a").StartNow().Build());
            var started = Assert.Single(await Probe.WaitForAsync(db.Database, 1, TimeSpan.FromSeconds(30)));
            Assert.Equal(("node-a", false), (started.Instance, started.Recovering));

            // Node A goes away without finishing the job (its job never returns); node B comes up and takes the job over.
            await a.Shutdown(false);
            b = await Node("node-b");
            var rows = await Probe.WaitForAsync(db.Database, 2, TimeSpan.FromSeconds(40));
            var again = rows[1];
            Assert.Equal(("node-b", true), (again.Instance, again.Recovering));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(2, (await Probe.RowsAsync(db.Database)).Count);
        }
        finally
        {
            Probe.Hang.TrySetResult();
            if (b is not null) await b.Shutdown(true);
        }
    }

    async Task<IScheduler> Node(string id)
    {
        var settings = new JobSettings { InstanceId = id, CheckinIntervalSeconds = 1, CheckinMisfireThresholdSeconds = 1, IdleWaitSeconds = 1, MaxConcurrency = 2 };
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            JobsSetup.Configure(q, settings, DatabaseProvider.Postgres, db.Database);
            q.AddJob<Probe>(j => j.WithIdentity(Probe.Key).StoreDurably().RequestRecovery());
        }).BuildScheduler();
        await scheduler.Start();
        return scheduler;
    }
}

/// <summary>A job that writes one row per run (which trigger, which node, whether it is a recovery) and, on the node named in its data,
/// never finishes until the test lets it.</summary>
[DisallowConcurrentExecution]
public sealed class Probe : IJob
{
    public static readonly JobKey Key = new("probe", "probe");
    public const string HangOn = "hang-on";
    public static TaskCompletionSource Hang { get; set; } = new();
    static string _cs = "";

    public sealed record Row(string Trigger, string Instance, bool Recovering);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct = default)
    {
        await using (var conn = new NpgsqlConnection(_cs))
        {
            await conn.OpenAsync(CancellationToken.None);
            await using var cmd = new NpgsqlCommand("INSERT INTO job_probe (trigger_name, instance, recovering) VALUES (@t, @i, @r)", conn);
            cmd.Parameters.AddWithValue("t", (context.RecoveringTriggerKey ?? context.Trigger.Key).Name);
            cmd.Parameters.AddWithValue("i", context.Scheduler.SchedulerInstanceId);
            cmd.Parameters.AddWithValue("r", context.Recovering);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        if (context.MergedJobDataMap.TryGetValue(HangOn, out var node) && Equals(node, context.Scheduler.SchedulerInstanceId))
            await Hang.Task; // a node that dies mid-job: nothing after this runs there
    }

    public static async Task PrepareAsync(string cs)
    {
        _cs = cs;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS job_probe (id serial PRIMARY KEY, trigger_name text, instance text, recovering bool); TRUNCATE job_probe", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<List<Row>> RowsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT trigger_name, instance, recovering FROM job_probe ORDER BY id", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await r.ReadAsync()) rows.Add(new Row(r.GetString(0), r.GetString(1), r.GetBoolean(2)));
        return rows;
    }

    public static async Task<List<Row>> WaitForAsync(string cs, int count, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var rows = await RowsAsync(cs);
            if (rows.Count >= count) return rows;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{rows.Count} of {count} probe runs after {within.TotalSeconds} s: " + string.Join("; ", rows));
            await Task.Delay(200);
        }
    }
}
