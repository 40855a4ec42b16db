using System.Net;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CountySkills.Tests.Foundation;

/// <summary>
/// The test server has no sockets: the address a request comes from is put on the connection from X-Test-Peer, before any of the
/// app's middleware, as Kestrel would put the socket's.
/// </summary>
sealed class PeerAddressFromTestHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((ctx, go) =>
        {
            if (ctx.Request.Headers.TryGetValue("X-Test-Peer", out var peer)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            return go(ctx);
        });
        next(app);
    };
}

/// <summary>Behind a balancer at 10.9.0.1 (and anything in 10.8.0.0/16), 3 public look-ups a minute per client.</summary>
public class ProxiedApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override int DemoPeople => 50;
    protected virtual string? Proxies => "10.9.0.1, 10.8.0.0/16";
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:PublicPerMinute"] = "3",
        ["App:ForwardedProxies"] = Proxies,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerAddressFromTestHeader>());
    }

    /// <summary>A public look-up as it reaches the app from <paramref name="peer"/>, with the X-Forwarded-For it carries.</summary>
    public async Task<HttpStatusCode> LookUp(string peer, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/notices/NOSUCHNOTICE");
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await CreateClient().SendAsync(request)).StatusCode;
    }
}

/// <summary>The same with no proxy configured (the default).</summary>
public sealed class UnproxiedApp : ProxiedApp
{
    protected override string? Proxies => null;
}

public sealed class ForwardedHeaderTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task A_forged_X_Forwarded_For_from_an_address_that_is_not_a_configured_proxy_does_not_change_the_rate_limit_key()
    {
        // Loopback too: ASP.NET Core's defaults would believe it; the app believes only what is configured.
        foreach (var peer in new[] { "127.0.0.1", "10.9.0.2", "::1" })
        {
            for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await app.LookUp(peer, $"203.0.113.{i}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await app.LookUp(peer, "203.0.113.99"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await app.LookUp(peer, null));
        }
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_quota()
    {
        // Six clients through the balancer: none is held back by the others.
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.NotFound, await app.LookUp("10.9.0.1", $"198.51.100.{i}"));
        // One client through it is limited like any other.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await app.LookUp("10.9.0.1", "198.51.100.200"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await app.LookUp("10.9.0.1", "198.51.100.200"));
        // Through two proxies (an inner one in 10.8.0.0/16): the client is the first address no proxy of ours added; what the client
        // wrote in front of it is not believed.
        Assert.Equal(HttpStatusCode.TooManyRequests, await app.LookUp("10.9.0.1", "192.0.2.1, 198.51.100.200, 10.8.3.4"));
        Assert.Equal(HttpStatusCode.NotFound, await app.LookUp("10.9.0.1", "198.51.100.200, 198.51.100.201, 10.8.3.4"));
    }
}

public sealed class UnproxiedForwardedHeaderTests(UnproxiedApp app) : IClassFixture<UnproxiedApp>
{
    [Fact]
    public async Task With_no_proxy_configured_X_Forwarded_For_is_ignored_from_everyone()
    {
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await app.LookUp("10.9.0.1", $"198.51.100.{i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await app.LookUp("10.9.0.1", "198.51.100.50"));
    }
}

/// <summary>A Production host given the settings that start one, less or changed as a test says.</summary>
public sealed class MisconfiguredProductionApp(Dictionary<string, string?> changes) : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProductionHost.Configure(builder);
        builder.UseSetting("Database:MigrateOnStart", "true");
        foreach (var (k, v) in changes) builder.UseSetting(k, v);
    }

    /// <summary>The start's failure, with every message of it.</summary>
    public static async Task<string> Refusal(Dictionary<string, string?> changes)
    {
        var app = new MisconfiguredProductionApp(changes);
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);
            return e.ToString();
        }
        finally
        {
            try { await ((Xunit.IAsyncLifetime)app).DisposeAsync(); } catch (Exception) { /* a host that never started */ }
        }
    }
}

public sealed class ProductionStartupTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_public_base_address_explicit_hosts_or_a_key_certificate_and_names_each()
    {
        var all = await MisconfiguredProductionApp.Refusal(new()
        {
            ["App:PublicBaseUrl"] = "", ["AllowedHosts"] = "", ["DataProtection:CertificatePath"] = "",
        });
        Assert.Contains("拒绝启动", all);
        Assert.Contains("App:PublicBaseUrl", all);
        Assert.Contains("AllowedHosts", all);
        Assert.Contains("DataProtection:CertificatePath", all);

        var star = await MisconfiguredProductionApp.Refusal(new() { ["AllowedHosts"] = "*" });
        Assert.Contains("AllowedHosts 不能为 *", star);
        Assert.DoesNotContain("App:PublicBaseUrl", star);

        foreach (var url in new[] { "skills.example.gov.cn", "ftp://skills.example.gov.cn", "https://skills.example.gov.cn/?x=1" })
            Assert.Contains($"App:PublicBaseUrl “{url}” 无效", await MisconfiguredProductionApp.Refusal(new() { ["App:PublicBaseUrl"] = url }));

        Assert.Contains("10.0.0.300", await MisconfiguredProductionApp.Refusal(new() { ["App:ForwardedProxies"] = "10.0.0.1, 10.0.0.300" }));
        Assert.Contains("不存在", await MisconfiguredProductionApp.Refusal(new() { ["DataProtection:CertificatePath"] = "/nonexistent/keys.pfx" }));
        Assert.Contains("密码不对", await MisconfiguredProductionApp.Refusal(new() { ["DataProtection:CertificatePassword"] = "wrong" }));
    }
}

/// <summary>
/// PostgreSQL with the application's own role (deploy/postgres-roles.sql), named for the database by the setting the migration reads:
/// the migrations run as the owner, the app's role may then only add to the audit log and read it.
/// </summary>
public sealed class AppRolePostgresApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override int DemoPeople => 50;
    public string Role { get; } = "cs_app_" + Guid.NewGuid().ToString("N")[..12];
    public string RoleConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = Role, Password = "Role#2026" }.ConnectionString;

    protected override async Task DatabaseCreatedAsync(NpgsqlConnection admin, string database)
    {
        await using var cmd = new NpgsqlCommand($"CREATE ROLE \"{Role}\" LOGIN PASSWORD 'Role#2026'; ALTER DATABASE \"{database}\" SET countyskills.app_role = '{Role}';", admin);
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task DatabaseDroppedAsync(NpgsqlConnection admin)
    {
        await using var cmd = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{Role}\"", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class AuditRoleTests_Postgres(AppRolePostgresApp app) : IClassFixture<AppRolePostgresApp>
{
    [Fact]
    public async Task The_application_role_may_add_to_the_audit_log_and_read_it_but_not_update_delete_or_truncate_it()
    {
        await using var conn = new NpgsqlConnection(app.RoleConnectionString);
        await conn.OpenAsync();
        async Task<object?> Run(string sql) { await using var cmd = new NpgsqlCommand(sql, conn); return await cmd.ExecuteScalarAsync(); }

        var before = (long)(await Run("SELECT count(*) FROM \"AuditEntries\""))!;
        Assert.True(before > 0);
        await Run("INSERT INTO \"AuditEntries\" (\"AtUtc\", \"UserName\", \"Action\", \"Entity\", \"EntityKey\") VALUES (now(), 'app', 'Insert', 'Test', '1')");
        Assert.Equal(before + 1, (long)(await Run("SELECT count(*) FROM \"AuditEntries\""))!);

        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"UserName\" = 'x'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\"" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => Run(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        Assert.Equal(before + 1, (long)(await Run("SELECT count(*) FROM \"AuditEntries\""))!);
    }
}
