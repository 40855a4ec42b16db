using System.Net.Http.Headers;
using System.Net.Http.Json;
using CountySkills.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CountySkills.Tests.Infrastructure;

/// <summary>
/// The real app on a real, fresh database (one per test class): SQLite in a temp file, or a new PostgreSQL
/// database on the server the test script started (CS_TEST_PG). Development environment, so the demo county and
/// demo accounts are seeded, with a small ledger.
/// </summary>
public abstract class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Demo#2026";
    public abstract DatabaseProvider Provider { get; }
    protected virtual int DemoPeople => 600;
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();
    protected string ConnectionString { get; private set; } = "";
    string? _pgDatabase;

    public virtual async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "countyskills-tests");
            Directory.CreateDirectory(dir);
            ConnectionString = $"Data Source={Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db")}";
        }
        else
        {
            var admin = PostgresServer.AdminConnectionString;
            _pgDatabase = "cs_" + Guid.NewGuid().ToString("N");
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", conn);
            await cmd.ExecuteNonQueryAsync();
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _pgDatabase }.ConnectionString;
            await DatabaseCreatedAsync(conn, _pgDatabase);
        }
        _ = Server; // start the host: migrate and seed now, not inside the first test
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
            await DatabaseDroppedAsync(conn);
        }
    }

    /// <summary>PostgreSQL: the fresh database exists and nothing is migrated yet (the admin connection is open on the server).</summary>
    protected virtual Task DatabaseCreatedAsync(NpgsqlConnection admin, string database) => Task.CompletedTask;

    /// <summary>PostgreSQL: the test database is gone (for what a fixture made on the server beside it, such as a role).</summary>
    protected virtual Task DatabaseDroppedAsync(NpgsqlConnection admin) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:People", DemoPeople.ToString());
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test client comes from the same in-memory address: the per-address sign-in limit would couple
        // unrelated tests of one class. SignInThrottleTests keeps the production default.
        builder.UseSetting("SignIn:MaxFailuresPerAddress", "10000");
        foreach (var (k, v) in ExtraSettings) builder.UseSetting(k, v);
    }

    /// <summary>A client signed in through POST /api/auth/login with the bearer token it returns.</summary>
    public async Task<HttpClient> ClientFor(string userName, string password = Password)
    {
        var client = CreateClient();
        var r = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        r.EnsureSuccessStatusCode();
        var token = (await r.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public sealed record TokenResponse(string AccessToken, long ExpiresIn);
}

public sealed class SqliteApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public static class PostgresServer
{
    /// <summary>Set by test.sh, which starts PostgreSQL 15 on a loopback port in a temporary folder.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CS_TEST_PG")
        ?? throw new InvalidOperationException("CS_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL.");
}
