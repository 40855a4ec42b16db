using System.Security.Claims;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CountySkills.Bench;

/// <summary>The app's own pieces wired by hand over a fresh SQLite file: a migrated database with the demo county.</summary>
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
    string? _connectionString;

    /// <param name="reuse">A database file kept between runs (seeding 700,000 people takes minutes); created when missing.</param>
    /// <param name="postgres">A PostgreSQL connection string to use instead of a SQLite file (the database must exist; it is migrated and kept).</param>
    public static async Task<BenchApp> StartAsync(int people = 0, string role = Roles.CountyOfficer, string area = DemoCounty.Code, string? reuse = null,
        string? postgres = null)
    {
        // --provider postgres (Program): every bench's database on PostgreSQL — kept under the reuse file's name, else a fresh one.
        if (postgres is null && Postgres is { } pg)
        {
            var name = reuse is null ? "bench_" + Guid.NewGuid().ToString("N")[..12] : "bench_" + new string(Path.GetFileNameWithoutExtension(reuse).Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray());
            postgres = await pg.DatabaseAsync(name, fresh: reuse is null);
            reuse = null;
        }
        var app = new BenchApp { _file = reuse, _connectionString = postgres, Provider = postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres };
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

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_file is not null || _connectionString is not null) return ValueTask.CompletedTask;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
