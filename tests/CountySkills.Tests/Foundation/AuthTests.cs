using System.Net;
using System.Net.Http.Json;
using System.Text;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

public abstract class AuthTests(AppFactory app)
{
    [Theory]
    [InlineData("admin", "Admin", null)]
    [InlineData("county", "CountyOfficer", "419921")]
    [InlineData("town01", "TownshipOfficer", "419921101")]
    [InlineData("school01", "InstitutionStaff", null)]
    [InlineData("viewer", "Viewer", "419921")]
    [InlineData("auditor", "Auditor", "419921")]
    public async Task Each_demo_account_signs_in_and_gets_its_role_and_scope(string user, string role, string? area)
    {
        var client = app.CreateClient();
        var r = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = AppFactory.Password });
        var token = await HttpAssert.Json(r);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);

        var authed = await app.ClientFor(user);
        var me = await HttpAssert.Json(await authed.GetAsync("/api/auth/me"));
        Assert.Equal(role, me.GetProperty("role").GetString());
        Assert.Equal(area, me.GetProperty("areaScope").GetString());
    }

    [Fact]
    public async Task The_institution_clerk_is_scoped_to_the_senior_technical_school()
    {
        var me = await HttpAssert.Json(await (await app.ClientFor("school01")).GetAsync("/api/auth/me"));
        Assert.Equal("禾丰县高级技工学校", me.GetProperty("scopeName").GetString());
        Assert.True(me.GetProperty("institutionId").GetInt64() > 0);
    }

    [Theory]
    [InlineData("county", "wrong-password")]
    [InlineData("nobody-like-this", "Demo#2026")]
    public async Task Wrong_credentials_are_401_problem_details(string user, string password)
    {
        var r = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        var p = await HttpAssert.Problem(r, HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = "lockme", DisplayName = "锁定测试" }, "Lock#2026a");
            Assert.True(created.Succeeded);
        }
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await HttpAssert.Problem(await client.PostAsJsonAsync("/api/auth/login", new { userName = "lockme", password = "bad" }), HttpStatusCode.Unauthorized);
        // The sixth attempt within the minute is throttled, right password or not; the account itself is locked.
        var r = await client.PostAsJsonAsync("/api/auth/login", new { userName = "lockme", password = "Lock#2026a" });
        var p = await HttpAssert.Problem(r, HttpStatusCode.TooManyRequests);
        Assert.Equal("auth.throttled", p.GetProperty("code").GetString());
        Assert.InRange(int.Parse(r.Headers.GetValues("Retry-After").Single()), 1, 60);
        await using var check = app.Scope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await manager.IsLockedOutAsync((await manager.FindByNameAsync("lockme"))!));
    }

    [Fact]
    public async Task The_password_policy_refuses_weak_passwords()
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var r = await users.CreateAsync(new AppUser { UserName = "weak" }, "password");
        Assert.False(r.Succeeded);
        Assert.Contains(r.Errors, e => e.Description.Contains("密码"));
    }

    [Fact]
    public async Task The_api_without_a_token_is_401_and_a_bad_token_too()
    {
        await HttpAssert.Problem(await app.CreateClient().GetAsync("/api/people"), HttpStatusCode.Unauthorized);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        await HttpAssert.Problem(await client.GetAsync("/api/people"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Missing_fields_are_a_400_with_field_errors()
    {
        var r = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "" });
        var p = await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _), errors.ToString());
    }

    [Theory]
    [InlineData("{\"userName\": \"county\", \"password\": ")]
    [InlineData("{\"userName\": 123, \"password\": true}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Malformed_json_or_wrong_types_are_a_clear_400(string body)
    {
        var r = await app.CreateClient().PostAsync("/api/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = "{\"userName\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";
        var r = await app.CreateClient().PostAsync("/api/auth/login", new StringContent(huge, Encoding.UTF8, "application/json"));
        await HttpAssert.Problem(r, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Sign_ins_are_written_to_the_audit_log()
    {
        await app.ClientFor("viewer");
        await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "viewer", password = "nope" });
        var auditor = await app.ClientFor("auditor");
        var ok = await HttpAssert.Json(await auditor.GetAsync("/api/audit?user=viewer&action=SignIn"));
        var failed = await HttpAssert.Json(await auditor.GetAsync("/api/audit?user=viewer&action=SignInFailed"));
        Assert.True(ok.GetProperty("total").GetInt32() >= 1);
        Assert.True(failed.GetProperty("total").GetInt32() >= 1);
    }
}

public sealed class AuthTests_Sqlite(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;
public sealed class AuthTests_Postgres(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
