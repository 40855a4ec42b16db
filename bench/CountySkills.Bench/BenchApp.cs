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

    /// <param name="reuse">A database file kept between runs (seeding 700,000 people takes minutes); created when missing.</param>
    public static async Task<BenchApp> StartAsync(int people = 0, string role = Roles.CountyOfficer, string area = DemoCounty.Code, string? reuse = null)
    {
        var app = new BenchApp { _file = reuse };
        Directory.CreateDirectory(app.Dir);
        app.User.Set(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, role), new Claim(ScopeClaims.Area, area),
             .. (area == DemoCounty.Code ? new[] { new Claim(ScopeClaims.AreaCoversAll, "true") } : [])], "bench")));
        var options = DatabaseSetup.BuildOptions(DatabaseProvider.Sqlite, $"Data Source={app.File}", new AuditInterceptor(app.Clock));
        app.Factory = new AppDbContextFactory(options, app.User);
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await CountySkills.Web.Data.Reference.ReferenceData.EnsureAsync(db);
        }
        await new DemoSeeder(app.Factory, app.Clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(app.Factory, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }), NullLogger<DemoSeeder>.Instance).SeedAsync(people, accounts: false);
        return app;
    }

    /// <summary>The exact-search gate of a user (a throttle of its own, the default limit).</summary>
    public CountySkills.Web.Features.People.ExactSearch.Gate SearchGate(CurrentUser? user = null) =>
        new(new ExactSearchThrottle(Clock), user ?? User, Clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(Factory,
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }));

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_file is not null) return ValueTask.CompletedTask;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
