using System.Data.Common;
using Npgsql;

namespace CountySkills.Web.Data;

/// <summary>
/// Contexts for reads that may lag behind the last write (ADR 0028): the dashboards, the indicator figures and their drill-down, the
/// statistical tables and the work report's figures. With ConnectionStrings:Replica (PostgreSQL) they read from a streaming replica,
/// falling back to the primary when no standby answers; on SQLite, or with no replica configured, they read from the primary.
/// Every write, and every read of what a user has just written, goes through <see cref="IDbContextFactory{AppDbContext}"/> (the primary).
/// </summary>
public interface IReadDbContextFactory : IDbContextFactory<AppDbContext>
{
    /// <summary>Whether a replica is configured at all (the pages then say where their figures came from).</summary>
    bool ReplicaConfigured { get; }

    /// <summary>How fresh the data <paramref name="db"/> reads is: the server that answers and, on a standby, how far it lags.</summary>
    Task<DataFreshness> FreshnessAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>Where a page's figures came from: <c>source</c> "primary" (up to date) or "replica"; <c>dataAsOf</c> the instant (UTC) the
/// data read is complete up to; <c>lagSeconds</c> how far behind the primary the replica was (0 on the primary).</summary>
public sealed record DataFreshness(string Source, DateTime DataAsOf, double LagSeconds, bool ReplicaConfigured)
{
    public const string Primary = "primary", Replica = "replica";
    public bool FromReplica => Source == Replica;
    public static DataFreshness Live(TimeProvider clock, bool replicaConfigured = false) => new(Primary, clock.GetUtcNow().UtcDateTime, 0, replicaConfigured);
}

public sealed class ReadDbContextFactory(ReadDbOptions read, CurrentUser user, TimeProvider clock) : IReadDbContextFactory
{
    public bool ReplicaConfigured => read.ReplicaConfigured;

    public AppDbContext CreateDbContext()
    {
        var db = DatabaseSetup.Create(read.Options);
        db.Actor = user.IsAuthenticated ? new AuditActor(user.UserId, user.UserName) : AuditActor.System;
        return db;
    }

    /// <summary>
    /// One query on the context's own server. A standby that has replayed all it received while its WAL receiver runs is up to date;
    /// otherwise it is as old as the last transaction it replayed. The receiver's row is readable by any role (its details are not,
    /// without pg_read_all_stats: a hidden status counts as running).
    /// </summary>
    public async Task<DataFreshness> FreshnessAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return DataFreshness.Live(clock, read.ReplicaConfigured);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => QueryAsync(db, ct), ct);
    }

    async Task<DataFreshness> QueryAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = """
                SELECT pg_is_in_recovery(),
                       CASE WHEN NOT pg_is_in_recovery() THEN 0
                            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                                 AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming') THEN 0
                            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            var (standby, lag) = (r.GetBoolean(0), Math.Max(0, r.GetDouble(1)));
            var now = clock.GetUtcNow().UtcDateTime;
            return standby
                ? new DataFreshness(DataFreshness.Replica, now.AddSeconds(-lag), Math.Round(lag, 1), read.ReplicaConfigured)
                : new DataFreshness(DataFreshness.Primary, now, 0, read.ReplicaConfigured);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }
}

/// <summary>The options of the read contexts, and whether they name a replica.</summary>
public sealed record ReadDbOptions(DbContextOptions Options, bool ReplicaConfigured);

public static class ReadReplica
{
    /// <summary>
    /// Registers <see cref="IReadDbContextFactory"/>: over the primary's options, or (PostgreSQL with ConnectionStrings:Replica) over one
    /// multi-host data source of the replica's hosts then the primary's, asked for <c>prefer-standby</c>.
    /// </summary>
    public static void AddReadContexts(this IServiceCollection services, IConfiguration config, DatabaseProvider provider, string primary)
    {
        var replica = config.GetConnectionString("Replica");
        if (provider == DatabaseProvider.Postgres && !string.IsNullOrWhiteSpace(replica))
        {
            var cs = ConnectionString(primary, replica, out var target);
            services.AddSingleton(new NpgsqlDataSourceBuilder(DatabaseSetup.PooledWithoutReset(cs)).BuildMultiHost());
            services.AddSingleton(sp =>
            {
                var source = sp.GetRequiredService<NpgsqlMultiHostDataSource>().WithTargetSession(target);
                // A replica stopped or restarted breaks the pooled connections to it: the query that meets one is retried (Npgsql then
                // clears that pool, marks the host offline and the next attempt lands on the primary). Reads only, so a retry is safe.
                var b = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(source, o => o.EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(300), ["57P01", "57P02", "57P03"]));
                return new ReadDbOptions(b.Options, true);
            });
        }
        else services.AddSingleton(sp => new ReadDbOptions(sp.GetRequiredService<DbContextOptions>(), false));
        services.AddScoped<IReadDbContextFactory, ReadDbContextFactory>();
    }

    /// <summary>
    /// The read connection string: the primary's settings (user, password, database…), overridden by whatever the Replica string gives
    /// (its hosts, Timeout, Maximum Pool Size…), with the primary's host(s) appended as the last resort. A dead replica should cost little:
    /// Timeout (connect) is 3 s unless given, and Npgsql then skips an offline host for Host Recheck Seconds (10 s by default).
    /// The target session is Replica's "Target Session Attributes", prefer-standby when it names none.
    /// </summary>
    public static string ConnectionString(string primary, string replica, out TargetSessionAttributes target)
    {
        var p = new NpgsqlConnectionStringBuilder(primary);
        var given = new DbConnectionStringBuilder { ConnectionString = replica };
        var r = new NpgsqlConnectionStringBuilder(replica);
        var b = new NpgsqlConnectionStringBuilder(primary);
        foreach (string key in given.Keys) b[key] = given[key];
        var hosts = Hosts(r.Host ?? "", r.Port).ToList();
        hosts.AddRange(Hosts(p.Host ?? "localhost", p.Port).Where(h => !hosts.Contains(h, StringComparer.OrdinalIgnoreCase)));
        b.Host = string.Join(",", hosts);
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout")) b.Timeout = 3;
        target = Enum.TryParse<TargetSessionAttributes>((r.TargetSessionAttributes ?? "prefer-standby").Replace("-", ""), true, out var t) ? t : TargetSessionAttributes.PreferStandby;
        b.TargetSessionAttributes = null;
        b.Remove("Target Session Attributes");
        return b.ConnectionString;
    }

    static IEnumerable<string> Hosts(string hosts, int port) =>
        hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.StartsWith('/') || (h.StartsWith('[') ? h.Contains("]:") : h.Contains(':')) ? h : $"{h}:{port}");
}
