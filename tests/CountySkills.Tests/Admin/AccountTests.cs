using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Admin;

/// <summary>The county's administrator runs the accounts: create, change, disable, reset, and every effect is immediate.</summary>
public abstract class AccountTests(AppFactory app)
{
    const string Qingshi = "419921101", Liuhe = "419921102";

    async Task<(string Id, string Password)> Create(HttpClient admin, object body)
    {
        var r = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/admin/users", body), HttpStatusCode.Created);
        return (r.GetProperty("id").GetString()!, r.GetProperty("oneTimePassword").GetString()!);
    }

    static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    async Task<HttpClient> SignedIn(string user, string password, bool changeTo = true)
    {
        var client = app.CreateClient();
        var token = await HttpAssert.Json(await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        if (changeTo && token.GetProperty("mustChangePassword").GetBoolean())
            await HttpAssert.Json(await client.PostAsJsonAsync("/api/account/password", new { currentPassword = password, newPassword = "Changed#2026x" }));
        return client;
    }

    async Task<JsonElement> User(HttpClient admin, string id) => await HttpAssert.Json(await admin.GetAsync($"/api/admin/users/{id}"));

    [Fact]
    public async Task A_new_township_officer_must_change_the_one_time_password_before_anything_else_and_then_sees_their_township()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("liuhe");
        var (_, otp) = await Create(admin, new { userName = name, displayName = "柳河镇专干", phone = "13812345678", role = "TownshipOfficer", areaCode = Liuhe });

        var client = app.CreateClient();
        var login = await HttpAssert.Json(await client.PostAsJsonAsync("/api/auth/login", new { userName = name.ToUpperInvariant(), password = otp }));
        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());

        var refused = await HttpAssert.Problem(await client.GetAsync("/api/people"), HttpStatusCode.Forbidden);
        Assert.Equal("password.must_change", refused.GetProperty("code").GetString());
        var same = await HttpAssert.Problem(await client.PostAsJsonAsync("/api/account/password", new { currentPassword = otp, newPassword = otp }), HttpStatusCode.BadRequest);
        Assert.True(same.GetProperty("errors").TryGetProperty("newPassword", out _));
        var wrong = await HttpAssert.Problem(await client.PostAsJsonAsync("/api/account/password", new { currentPassword = "Wrong#2026x", newPassword = "Better#2026x" }), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("currentPassword", out _));
        var weak = await HttpAssert.Problem(await client.PostAsJsonAsync("/api/account/password", new { currentPassword = otp, newPassword = "weakweak" }), HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("newPassword", out _));
        await HttpAssert.Json(await client.PostAsJsonAsync("/api/account/password", new { currentPassword = otp, newPassword = "Better#2026x" }));

        var people = await HttpAssert.Json(await client.GetAsync("/api/people?pageSize=50"));
        Assert.True(people.GetProperty("total").GetInt32() > 0);
        Assert.All(people.GetProperty("items").EnumerateArray(), p => Assert.Equal(Liuhe, p.GetProperty("townshipCode").GetString()));
        // The one-time password is gone; the new one signs in without the must-change flag.
        await HttpAssert.Problem(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = otp }), HttpStatusCode.Unauthorized);
        var again = await HttpAssert.Json(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Better#2026x" }));
        Assert.False(again.GetProperty("mustChangePassword").GetBoolean());
    }

    [Theory]
    [InlineData("TownshipOfficer", null, null, null, "areaCode", "user.scope_required")]
    [InlineData("TownshipOfficer", "419921", null, null, "areaCode", "user.scope_invalid")]
    [InlineData("TownshipOfficer", "419921999", null, null, "areaCode", "user.scope_invalid")]
    [InlineData("InstitutionStaff", null, null, null, "institutionId", "user.scope_required")]
    [InlineData("InstitutionStaff", null, 987654L, null, "institutionId", "user.scope_invalid")]
    [InlineData("EmployerStaff", null, null, null, "employerId", "user.scope_required")]
    [InlineData("EmployerStaff", null, null, 987654L, "employerId", "user.scope_invalid")]
    [InlineData("Viewer", "41992110", null, null, "areaCode", "user.scope_invalid")]
    public async Task A_missing_or_wrong_scope_is_400_on_the_named_field(string role, string? area, long? institutionId, long? employerId, string field, string code)
    {
        var admin = await app.ClientFor("admin");
        var r = await admin.PostAsJsonAsync("/api/admin/users", new { userName = Name("scope"), displayName = "范围测试", role, areaCode = area, institutionId, employerId });
        var p = await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        Assert.Equal(code, p.GetProperty("code").GetString());
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), p.ToString());
    }

    [Fact]
    public async Task A_duplicate_user_name_is_409_whatever_its_case_and_bad_fields_are_400()
    {
        var admin = await app.ClientFor("admin");
        var p = await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/admin/users", new { userName = "TOWN01", displayName = "重名", role = "CountyOfficer" }), HttpStatusCode.Conflict);
        Assert.Equal("user.duplicate", p.GetProperty("code").GetString());
        var bad = await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/admin/users", new { userName = "a b", displayName = "", phone = "12345", role = "Boss" }), HttpStatusCode.BadRequest);
        foreach (var f in new[] { "userName", "displayName", "phone", "role" }) Assert.True(bad.GetProperty("errors").TryGetProperty(f, out _), f);
    }

    [Fact]
    public async Task Disabling_refuses_the_accounts_existing_token_at_the_next_request_and_enabling_lets_it_sign_in_again()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("off");
        var (id, otp) = await Create(admin, new { userName = name, displayName = "停用测试", role = "CountyOfficer" });
        var client = await SignedIn(name, otp);
        await HttpAssert.Json(await client.GetAsync("/api/people?pageSize=1"));

        await HttpAssert.Problem(await admin.PostAsJsonAsync($"/api/admin/users/{id}/disable", new { reason = "" }), HttpStatusCode.BadRequest);
        await HttpAssert.Json(await admin.PostAsJsonAsync($"/api/admin/users/{id}/disable", new { reason = "调离岗位" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/people?pageSize=1")).StatusCode);
        var login = await HttpAssert.Problem(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Changed#2026x" }), HttpStatusCode.Unauthorized);
        Assert.Equal("auth.disabled", login.GetProperty("code").GetString());
        Assert.True((await User(admin, id)).GetProperty("disabled").GetBoolean());

        await HttpAssert.Json(await admin.PostAsJsonAsync($"/api/admin/users/{id}/enable", new { reason = "返岗" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/people?pageSize=1")).StatusCode); // the old token stays dead
        await HttpAssert.Json(await (await SignedIn(name, "Changed#2026x")).GetAsync("/api/people?pageSize=1"));

        await using var scope = app.Scope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var trail = await db.AuditEntries.Where(a => a.Entity == "User" && a.EntityKey == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["UserCreated", "UserDisabled", "UserEnabled"], trail.Where(a => a.Action.StartsWith("User")).Select(a => a.Action).ToArray());
        Assert.Contains("调离岗位", trail.Single(a => a.Action == "UserDisabled").Changes);
        Assert.All(trail.Where(a => a.Action.StartsWith("User")), a => Assert.Equal("admin", a.UserName));
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_and_gives_a_new_one_time_password()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("reset");
        var (id, otp) = await Create(admin, new { userName = name, displayName = "重置测试", role = "Auditor" });
        var client = await SignedIn(name, otp);
        await HttpAssert.Json(await client.GetAsync("/api/audit?pageSize=1"));

        var reset = await HttpAssert.Json(await admin.PostAsync($"/api/admin/users/{id}/reset-password", null));
        var fresh = reset.GetProperty("oneTimePassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit?pageSize=1")).StatusCode);
        await HttpAssert.Problem(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Changed#2026x" }), HttpStatusCode.Unauthorized);
        var login = await HttpAssert.Json(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = fresh }));
        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        Assert.True((await User(admin, id)).GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task A_locked_out_account_loses_its_token_at_once_and_the_admin_unlocks_it()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("lock");
        var (id, otp) = await Create(admin, new { userName = name, displayName = "锁定测试", role = "CountyOfficer" });
        var client = await SignedIn(name, otp);
        for (var i = 0; i < 5; i++)
            await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Wrong#2026" + i });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/people?pageSize=1")).StatusCode);
        Assert.True((await User(admin, id)).GetProperty("lockedOut").GetBoolean());

        await HttpAssert.Json(await admin.PostAsync($"/api/admin/users/{id}/unlock", null));
        Assert.False((await User(admin, id)).GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task A_role_or_scope_change_applies_to_the_next_request_with_the_same_token()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("move");
        var (id, otp) = await Create(admin, new { userName = name, displayName = "调动测试", role = "TownshipOfficer", areaCode = Qingshi });
        var client = await SignedIn(name, otp);
        var before = await HttpAssert.Json(await client.GetAsync("/api/people?pageSize=20"));
        Assert.All(before.GetProperty("items").EnumerateArray(), p => Assert.Equal(Qingshi, p.GetProperty("townshipCode").GetString()));

        var user = await User(admin, id);
        var moved = await HttpAssert.Json(await admin.PutAsJsonAsync($"/api/admin/users/{id}", new
        {
            userName = name, displayName = "调动测试", role = "TownshipOfficer", areaCode = Liuhe, version = user.GetProperty("version").GetGuid(),
        }));
        Assert.Equal("柳河镇", moved.GetProperty("areaName").GetString());
        var after = await HttpAssert.Json(await client.GetAsync("/api/people?pageSize=20"));
        Assert.True(after.GetProperty("total").GetInt32() > 0);
        Assert.All(after.GetProperty("items").EnumerateArray(), p => Assert.Equal(Liuhe, p.GetProperty("townshipCode").GetString()));
        var me = await HttpAssert.Json(await client.GetAsync("/api/auth/me"));
        Assert.Equal(Liuhe, me.GetProperty("areaScope").GetString());

        // A stale edit (from the version before the move) is a 409; a role change applies at once too.
        var stale = await HttpAssert.Problem(await admin.PutAsJsonAsync($"/api/admin/users/{id}", new
        {
            userName = name, displayName = "调动测试", role = "Viewer", version = user.GetProperty("version").GetGuid(),
        }), HttpStatusCode.Conflict);
        Assert.Equal("user.stale", stale.GetProperty("code").GetString());
        await HttpAssert.Json(await admin.PutAsJsonAsync($"/api/admin/users/{id}", new
        {
            userName = name, displayName = "调动测试", role = "Viewer", version = moved.GetProperty("version").GetGuid(),
        }));
        var refused = await HttpAssert.Problem(await client.GetAsync("/api/people/export"), HttpStatusCode.Forbidden);
        Assert.Equal("permission.denied", refused.GetProperty("code").GetString());
        Assert.Equal("Viewer", (await HttpAssert.Json(await client.GetAsync("/api/auth/me"))).GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_last_enabled_admin_stays_and_an_admin_cannot_disable_themselves()
    {
        var admin = await app.ClientFor("admin");
        var me = (await HttpAssert.Json(await admin.GetAsync("/api/admin/users?role=Admin"))).GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin");
        var id = me.GetProperty("id").GetString();
        var self = await HttpAssert.Problem(await admin.PostAsJsonAsync($"/api/admin/users/{id}/disable", new { reason = "试一试" }), HttpStatusCode.Conflict);
        Assert.Equal("user.self", self.GetProperty("code").GetString());
        var demote = await HttpAssert.Problem(await admin.PutAsJsonAsync($"/api/admin/users/{id}", new
        {
            userName = "admin", displayName = "系统管理员", role = "CountyOfficer", version = me.GetProperty("version").GetGuid(),
        }), HttpStatusCode.Conflict);
        Assert.Equal("user.last_admin", demote.GetProperty("code").GetString());
        Assert.Equal("Admin", (await HttpAssert.Json(await admin.GetAsync("/api/auth/me"))).GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_list_filters_by_text_role_and_state_and_masks_phones()
    {
        var admin = await app.ClientFor("admin");
        var name = Name("list");
        var (id, _) = await Create(admin, new { userName = name, displayName = "名单测试", phone = "13912345678", role = "EmployerStaff", employerId = await AnEmployer() });
        var found = await HttpAssert.Json(await admin.GetAsync($"/api/admin/users?q={name}"));
        var row = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal("139****5678", row.GetProperty("phone").GetString());
        Assert.True(row.GetProperty("mustChangePassword").GetBoolean());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("employerName").GetString()));
        Assert.DoesNotContain("13912345678", found.ToString());
        var employers = await HttpAssert.Json(await admin.GetAsync("/api/admin/users?role=EmployerStaff&pageSize=200"));
        Assert.All(employers.GetProperty("items").EnumerateArray(), u => Assert.Equal("EmployerStaff", u.GetProperty("role").GetString()));
        await admin.PostAsJsonAsync($"/api/admin/users/{id}/disable", new { reason = "合作结束" });
        var disabled = await HttpAssert.Json(await admin.GetAsync("/api/admin/users?disabled=true&pageSize=200"));
        Assert.Contains(disabled.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetString() == id);
        Assert.All(disabled.GetProperty("items").EnumerateArray(), u => Assert.True(u.GetProperty("disabled").GetBoolean()));
        foreach (var user in new[] { "county", "auditor", "viewer", "town01" })
            await HttpAssert.Problem(await (await app.ClientFor(user)).GetAsync("/api/admin/users"), HttpStatusCode.Forbidden);
    }

    async Task<long> AnEmployer()
    {
        await using var scope = app.Scope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }
}

public sealed class AccountTests_Sqlite(SqliteApp app) : AccountTests(app), IClassFixture<SqliteApp>;
public sealed class AccountTests_Postgres(PostgresApp app) : AccountTests(app), IClassFixture<PostgresApp>;
