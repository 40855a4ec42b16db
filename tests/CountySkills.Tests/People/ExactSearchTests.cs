using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.People;

/// <summary>
/// Finding a person by a full ID number, a phone or an ID prefix into the birth date: only the roles whose work needs it, within
/// their scope, each search audited masked (and listed in the person's access log), at most so many a minute per user (setting
/// exact-search-per-minute, default 60; then 429 search.throttled with Retry-After). The clock is the test's: each test starts a
/// fresh minute.
/// </summary>
public abstract class ExactSearchTests(ClockedApp app)
{
    const string Village = "419921101001", OtherVillage = "419921205001";

    /// <summary>Two minutes on: every user's window of exact searches is empty again.</summary>
    void NextMinutes() => app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(2));

    async Task<(long Id, string IdNumber)> NewPerson(HttpClient county, string name, string village = Village, string? phone = null)
    {
        var id = Ids.New(1986);
        var p = await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", new { idNumber = id, name, villageCode = village, phone, employmentStatus = "Farming" }),
            HttpStatusCode.Created);
        return (p.GetProperty("id").GetInt64(), id);
    }

    static Task<HttpResponseMessage> Search(HttpClient c, string q) => c.GetAsync($"/api/people?q={Uri.EscapeDataString(q)}");

    [Fact]
    public async Task The_61st_exact_search_within_a_minute_is_429_search_throttled_and_the_next_minute_is_free_again()
    {
        var county = await app.ClientFor("county");
        var (_, id) = await NewPerson(county, "限额测试人", phone: "13522220001");
        var settings = await HttpAssert.Json(await (await app.ClientFor("admin")).GetAsync("/api/admin/settings"));
        Assert.Equal(60, settings.GetProperty("exactSearchPerMinute").GetProperty("perMinute").GetInt32());
        NextMinutes();

        // Every kind counts: ledger search by ID, by phone, by ID prefix, and the lookup by ID number.
        for (var i = 0; i < 60; i++)
        {
            var r = (i % 4) switch
            {
                0 => await Search(county, id),
                1 => await Search(county, "13522220001"),
                2 => await Search(county, id[..10]),
                _ => await county.GetAsync($"/api/people/by-id-number/{id}"),
            };
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"search {i + 1}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        foreach (var refused in new[] { await Search(county, id), await county.GetAsync($"/api/people/by-id-number/{id}") })
        {
            var p = await HttpAssert.Problem(refused, HttpStatusCode.TooManyRequests);
            Assert.Equal("search.throttled", p.GetProperty("code").GetString());
            var wait = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
            Assert.True(wait is >= 1 and <= 60, $"Retry-After {wait}");
        }
        // Names, area codes and township filters are not exact searches; another user has a minute of their own.
        Assert.Equal(HttpStatusCode.OK, (await Search(county, "限额测试人")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Search(county, "419921")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/people?townshipCode=419921101")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Search(await app.ClientFor("admin"), id)).StatusCode);

        app.Clock.Set(app.Clock.GetUtcNow().AddSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await Search(county, id)).StatusCode);
    }

    [Fact]
    public async Task The_limit_is_a_setting_and_applies_from_the_next_search()
    {
        var admin = await app.ClientFor("admin");
        var town = await app.ClientFor("town01");
        var (_, id) = await NewPerson(await app.ClientFor("county"), "设置限额人", phone: "13522220002");
        var before = (await HttpAssert.Json(await admin.GetAsync("/api/admin/settings"))).GetProperty("exactSearchPerMinute");
        var bad = await HttpAssert.Problem(await admin.PutAsJsonAsync("/api/admin/settings/exact-search-per-minute", new { perMinute = 0, reason = "测试" }),
            HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("perMinute", out _), bad.ToString());
        await HttpAssert.Problem(await town.PutAsJsonAsync("/api/admin/settings/exact-search-per-minute", new { perMinute = 3, reason = "越权" }), HttpStatusCode.Forbidden);
        var set = await HttpAssert.Json(await admin.PutAsJsonAsync("/api/admin/settings/exact-search-per-minute",
            new { perMinute = 3, reason = "测试：每分钟 3 次", basedOn = before.GetProperty("version").ValueKind == JsonValueKind.Number ? before.GetProperty("version").GetInt64() : (long?)null }));
        try
        {
            Assert.Equal(3, set.GetProperty("perMinute").GetInt32());
            NextMinutes();
            Assert.Equal(HttpStatusCode.OK, (await Search(town, id)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Search(town, "13522220002")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await town.GetAsync($"/api/people/by-id-number/{id}")).StatusCode);
            var p = await HttpAssert.Problem(await Search(town, id), HttpStatusCode.TooManyRequests);
            Assert.Equal("search.throttled", p.GetProperty("code").GetString());
            var history = await HttpAssert.Json(await admin.GetAsync("/api/admin/settings/history?key=exact-search-per-minute"));
            Assert.Equal("测试：每分钟 3 次", history[0].GetProperty("reason").GetString());
        }
        finally
        {
            await HttpAssert.Json(await admin.PutAsJsonAsync("/api/admin/settings/exact-search-per-minute",
                new { perMinute = 60, reason = "恢复默认", basedOn = set.GetProperty("version").GetInt64() }));
        }
    }

    [Fact]
    public async Task A_viewer_and_a_school_may_not_search_the_ledger_exactly_but_by_name()
    {
        NextMinutes();
        var (_, id) = await NewPerson(await app.ClientFor("county"), "只读查找人", phone: "13522220003");
        foreach (var user in new[] { "viewer", "school01", "employer01" })
        {
            var c = await app.ClientFor(user);
            foreach (var q in new[] { id, "13522220003", id[..8], id[..14] })
            {
                var p = await HttpAssert.Problem(await Search(c, q), HttpStatusCode.Forbidden);
                Assert.Equal("search.exact_forbidden", p.GetProperty("code").GetString());
            }
            await HttpAssert.Problem(await c.GetAsync($"/api/people/export?q={id}"), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, (await Search(c, "只读查找人")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Search(c, id[..6])).StatusCode);
        }
        var byId = await HttpAssert.Problem(await (await app.ClientFor("viewer")).GetAsync($"/api/people/by-id-number/{id}"), HttpStatusCode.Forbidden);
        Assert.Equal("search.exact_forbidden", byId.GetProperty("code").GetString());
        Assert.Equal(1, (await HttpAssert.Json(await Search(await app.ClientFor("auditor"), id))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_exact_search_finds_no_one_outside_the_callers_scope()
    {
        NextMinutes();
        var county = await app.ClientFor("county");
        var (_, theirs) = await NewPerson(county, "外镇被查人", OtherVillage, phone: "13522220004");
        var (_, mine) = await NewPerson(county, "本镇被查人", phone: "13522220005");
        var town = await app.ClientFor("town01");
        foreach (var q in new[] { theirs, "13522220004", theirs[..12] })
            Assert.DoesNotContain((await HttpAssert.Json(await Search(town, q))).GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "外镇被查人");
        Assert.Equal(1, (await HttpAssert.Json(await Search(town, mine))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await HttpAssert.Json(await Search(county, theirs))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_exact_search_is_audited_masked_and_listed_in_the_persons_access_log()
    {
        NextMinutes();
        var county = await app.ClientFor("county");
        var (pid, id) = await NewPerson(county, "被查者", phone: "13522220006");
        var town = await app.ClientFor("town01");
        await HttpAssert.Json(await Search(town, id));
        await HttpAssert.Json(await Search(town, "13522220006"));
        await HttpAssert.Json(await Search(town, id[..14]));
        await HttpAssert.Json(await town.GetAsync($"/api/people/by-id-number/{id}"));
        await HttpAssert.Json(await Search(town, Ids.New()));   // nobody: audited with no person

        var auditor = await app.ClientFor("auditor");
        var log = await HttpAssert.Json(await auditor.GetAsync($"/api/audit?entity=Person&entityKey={pid}&action=Search"));
        Assert.Equal(4, log.GetProperty("total").GetInt32());
        var text = log.ToString();
        Assert.All(log.GetProperty("items").EnumerateArray(), e => Assert.Equal("town01", e.GetProperty("userName").GetString()));
        Assert.Contains(id[..4] + "**********" + id[^4..], text);
        Assert.Contains("135****0006", text);
        Assert.Contains("精确查找", text);
        Assert.DoesNotContain(id, text);
        Assert.DoesNotContain(id[..14], text);
        Assert.DoesNotContain("13522220006", text);

        var access = await HttpAssert.Json(await auditor.GetAsync($"/api/people/{pid}/access-log"));
        var searches = access.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("action").GetString() == "Search").ToList();
        Assert.Equal(4, searches.Count);
        Assert.All(searches, s => Assert.StartsWith("精确查找", s.GetProperty("what").GetString()));
        Assert.Contains(searches, s => s.GetProperty("what").GetString()!.Contains(id[..4] + "**********" + id[^4..]));
        Assert.DoesNotContain(id, access.ToString());

        // Nothing stored in the audit table carries the full number, the phone or the birth-date prefix.
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.AuditEntries.Where(a => a.Action == "Search").Select(a => a.Changes ?? "").ToListAsync();
        Assert.True(stored.Count >= 5);
        Assert.DoesNotContain(stored, c => c.Contains(id) || c.Contains(id[..14]) || c.Contains("13522220006"));
        Assert.Contains(stored, c => c.Contains($"\"query\":\"{id[..4]}{new string('*', 10)}\"") && c.Contains("\"IdPrefix\""));
        Assert.Contains(stored, c => c.Contains("\"matches\":0"));
    }

    [Fact]
    public async Task An_export_by_id_number_is_an_exact_search_and_its_audit_keeps_the_number_masked()
    {
        NextMinutes();
        var county = await app.ClientFor("county");
        var (pid, id) = await NewPerson(county, "导出被查者");
        var r = await county.GetAsync($"/api/people/export?q={id}&masked=true");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var mine = await db.AuditEntries.Where(a => a.UserName == "county" && (a.EntityKey == "export" || a.EntityKey == pid.ToString())).Select(a => a.Changes ?? "").ToListAsync();
        Assert.Contains(mine, c => c.Contains("\"purpose\":\"export\""));
        Assert.DoesNotContain(mine, c => c.Contains(id));
    }
}

public sealed class ExactSearchTests_Sqlite(ClockedSqliteApp app) : ExactSearchTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class ExactSearchTests_Postgres(ClockedPostgresApp app) : ExactSearchTests(app), IClassFixture<ClockedPostgresApp>;
