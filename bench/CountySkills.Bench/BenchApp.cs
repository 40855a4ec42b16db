using System.Data.Common;
using System.Security.Claims;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CountySkills.Bench;

/// <summary>The app's own pieces wired by hand over a fresh SQLite file (or, with `--provider postgres`, a PostgreSQL database):
/// a migrated database with the demo county.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "countyskills-bench-" + Guid.NewGuid().ToString("N"));
    public TimeProvider Clock { get; } = new CountyClock(CountyClock.Zone(null));
    public IDbContextFactory<AppDbContext> Factory { get; private set; } = default!;
    public CurrentUser User { get; } = new();
    string? _file;
    public string File => _file ?? Path.Combine(Dir, "app.db");
    public DatabaseProvider Provider { get; private set; } = DatabaseProvider.Sqlite;
    /// <summary>The database the app uses: the SQLite file, or the PostgreSQL database given.</summary>
    public string ConnectionString => _connectionString ?? $"Data Source={File}";
    /// <summary>The PostgreSQL server of `--provider postgres`, for benches that do not name one.</summary>
    public static PgServer? Postgres { get; set; }
    public string ProviderName => Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
    /// <summary>Where the data is, for the benches' messages: the SQLite file, or the PostgreSQL database's name.</summary>
    public string Where => Provider == DatabaseProvider.Postgres ? $"PostgreSQL database {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}" : File;
    string? _connectionString;
    /// <summary>A PostgreSQL database created for this run only (no reuse name): dropped again on dispose.</summary>
    string? _dropOnDispose;

    /// <param name="reuse">A database file kept between runs (seeding 700,000 people takes minutes); created when missing.</param>
    /// <param name="postgres">A PostgreSQL connection string to use instead of a SQLite file (the database must exist; it is migrated and kept).</param>
    public static async Task<BenchApp> StartAsync(int people = 0, string role = Roles.CountyOfficer, string area = DemoCounty.Code, string? reuse = null,
        string? postgres = null)
    {
        // --provider postgres (Program): every bench's database on PostgreSQL — kept under the reuse file's name, else a fresh one.
        string? drop = null;
        if (postgres is null && Postgres is { } pg)
        {
            var name = reuse is null ? "bench_" + Guid.NewGuid().ToString("N")[..12] : "bench_" + new string(Path.GetFileNameWithoutExtension(reuse).Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray());
            var fresh = reuse is null;
            postgres = await pg.DatabaseAsync(name, fresh);
            if (fresh) drop = name;
            reuse = null;
        }
        var app = new BenchApp { _file = reuse, _connectionString = postgres, _dropOnDispose = drop, Provider = postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres };
        Directory.CreateDirectory(app.Dir);
        app.User.Set(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, role), new Claim(ScopeClaims.Area, area),
             .. (area == DemoCounty.Code ? new[] { new Claim(ScopeClaims.AreaCoversAll, "true") } : [])], "bench")));
        var options = DatabaseSetup.BuildOptions(app.Provider, app.ConnectionString, new AuditInterceptor(app.Clock));
        app.Factory = new AppDbContextFactory(options, app.User);
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await CountySkills.Web.Data.Reference.ReferenceData.EnsureAsync(db);
        }
        await app.Seeder().SeedAsync(people, accounts: false);
        return app;
    }

    /// <summary>The demo's seeder over this database (for the two years of history: <see cref="DemoSeeder.SeedHistoryAsync"/>).</summary>
    public DemoSeeder Seeder() => new(Factory, Clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(Factory,
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }),
        NullLogger<DemoSeeder>.Instance);

    /// <summary>The exact-search gate of a user (a throttle of its own, the default limit).</summary>
    public CountySkills.Web.Features.People.ExactSearch.Gate SearchGate(CurrentUser? user = null) =>
        new(new ExactSearchThrottle(Clock), user ?? User, Clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(Factory,
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }));

    /// <summary>An open raw connection to the bench's database, for the hand-written baselines: an NpgsqlConnection or a
    /// SqliteConnection over <see cref="ConnectionString"/> (SQLite without the app's per-connection pragmas, as before).</summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection conn = Provider == DatabaseProvider.Postgres ? new Npgsql.NpgsqlConnection(ConnectionString) : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    /// <summary>A day as a hand-written query's parameter: a date on PostgreSQL, the 'yyyy-MM-dd' text EF stores a DateOnly as on SQLite.</summary>
    public object Day(DateOnly day) => Provider == DatabaseProvider.Postgres ? day : day.ToString("yyyy-MM-dd");

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_dropOnDispose is { } name && Postgres is { } pg)
        {
            await using var conn = new Npgsql.NpgsqlConnection(pg.AdminConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_file is not null) return; // a kept SQLite file; the folder holds only this run's files otherwise (workbooks, a fresh database)
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Parameters of the hand-written baselines, named @x (both SQLite and PostgreSQL read @).</summary>
public static class BenchSql
{
    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }
}
