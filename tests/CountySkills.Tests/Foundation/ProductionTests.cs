using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

/// <summary>Production, configured as it must be to start: no demo accounts, no demo data; the first admin comes from the documented command.</summary>
public sealed class ProductionApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public string Database => ConnectionString;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProductionHost.Configure(builder);
        builder.UseSetting("Database:MigrateOnStart", "true");
    }
}

public sealed class ProductionTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task There_are_no_demo_accounts_and_the_sign_in_page_lists_none()
    {
        foreach (var user in new[] { "admin", "county", "town01", "school01", "viewer", "auditor" })
        {
            var r = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = user, password = AppFactory.Password });
            await HttpAssert.Problem(r, HttpStatusCode.Unauthorized);
        }
        var html = await (await app.CreateClient().GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("登录", html);
        Assert.DoesNotContain("Demo#2026", html);
        Assert.DoesNotContain("town01", html);
    }

    [Fact]
    public async Task The_create_admin_command_makes_an_administrator_who_can_sign_in()
    {
        var (exitCode, output, _) = await Cli("create-admin --user chief --password \"Chief#2026x\"");
        Assert.True(exitCode == 0, output);

        var client = await app.ClientFor("chief", "Chief#2026x");
        var me = await HttpAssert.Json(await client.GetAsync("/api/auth/me"));
        Assert.Equal("Admin", me.GetProperty("role").GetString());
        Assert.Equal(0, (await HttpAssert.Json(await client.GetAsync("/api/people"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_weak_admin_password_is_refused_by_the_command()
    {
        var (exitCode, _, err) = await Cli("create-admin --user weakling --password abc");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("密码", err);
    }

    /// <summary>Runs the app's operator command the way the README documents it, in Production, on this fixture's database.</summary>
    async Task<(int ExitCode, string Output, string Error)> Cli(string arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CountySkills.Web.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Default"] = app.Database;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_with_the_configured_certificate_and_open_again_with_it()
    {
        // A page with a form uses the key ring (a fresh database gets its first key at start).
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/account/login")).StatusCode);
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(stored);
        foreach (var xml in stored)
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("<EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
            Assert.DoesNotContain("unencrypted", xml);
        }
        // Read back from the database (not the node's cache) and decrypted with the certificate.
        var keys = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.NotNull(k.Descriptor));
    }

    [Fact]
    public async Task Https_answers_carry_hsts_and_an_unlisted_host_is_refused()
    {
        var r = await app.CreateClient(new() { BaseAddress = new Uri(ProductionHost.PublicBaseUrl) }).GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("max-age=", string.Join(",", r.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", r.Headers.GetValues("Content-Security-Policy")));
        var other = await app.CreateClient(new() { BaseAddress = new Uri("https://intranet-node-3.local") }).GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var r = await app.CreateClient().PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }
}
