using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Home;

/// <summary>GET /api/home: each role's work list, scoped like the lists it links to, every count that list's own total.</summary>
public abstract class HomeWorkListTests(ClockedApp app)
{
    static async Task<JsonElement> Home(HttpClient c) => await HttpAssert.Json(await c.GetAsync("/api/home"));

    static List<JsonElement> Sections(JsonElement home) => home.GetProperty("sections").EnumerateArray().ToList();

    static JsonElement Section(JsonElement home, string key) => Assert.Single(Sections(home), s => s.GetProperty("key").GetString() == key);

    static int Count(JsonElement home, string key) => Section(home, key).GetProperty("count").GetInt32();

    static List<string> Titles(JsonElement section) => section.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    /// <summary>The total of the list a home link opens, read from the API that list page uses, or null for a link to a page without one list.</summary>
    static async Task<int?> ListTotal(HttpClient c, string link)
    {
        var uri = new Uri("http://x" + link);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        async Task<JsonElement> Get(string url) => await HttpAssert.Json(await c.GetAsync(url));
        return uri.AbsolutePath switch
        {
            "/employment" when query["tab"] == "followups" => (await Get($"/api/employment/follow-ups?state={query["state"]}&pageSize=1")).GetProperty("total").GetInt32(),
            "/employment" when query["tab"] == "alerts" => (await Get("/api/employment/alerts?open=true")).GetArrayLength(),
            "/employment" when query["tab"] == "partners" => (await Get("/api/employment/job-orders")).EnumerateArray().Count(o => o.GetProperty("status").GetString() == "Open"),
            "/training/classes" => (await Get($"/api/training/classes{uri.Query}{(uri.Query.Length > 0 ? "&" : "?")}pageSize=1")).GetProperty("total").GetInt32(),
            "/subsidies/claims" => (await Get($"/api/subsidies/claims{uri.Query}&pageSize=1")).GetProperty("total").GetInt32(),
            "/people" => (await Get($"/api/people{uri.Query}&pageSize=1")).GetProperty("total").GetInt32(),
            "/admin/audit" => (await Get($"/api/audit{uri.Query}&pageSize=1")).GetProperty("total").GetInt32(),
            _ => null,
        };
    }

    /// <summary>Every section's count equals the total of the list its link opens (the same scope and filter).</summary>
    static async Task CountsEqualTheirLists(HttpClient c, JsonElement home)
    {
        foreach (var s in Sections(home))
        {
            var link = s.GetProperty("link").GetString()!;
            if (await ListTotal(c, link) is { } total)
                Assert.True(total == s.GetProperty("count").GetInt32(), $"{s.GetProperty("key")}: home {s.GetProperty("count")} but {link} lists {total}");
            foreach (var item in s.GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("count", out var n) && n.ValueKind == JsonValueKind.Number))
                if (s.GetProperty("key").GetString() == "classes")
                    Assert.Equal(await ListTotal(c, item.GetProperty("link").GetString()!), item.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task A_township_officer_sees_their_overdue_follow_ups_counted_and_none_of_another_township()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var before = await Home(town);
        Assert.Equal(["followups.overdue", "followups.due", "alerts.unpaid", "people.incomplete", "targets"],
            Sections(before).Select(s => s.GetProperty("key").GetString()));
        // The demo township has its day's work: overdue follow-ups, an unpaid-wage alert, records to complete, targets.
        Assert.True(Count(before, "followups.overdue") > 0 && Count(before, "alerts.unpaid") > 0 && Count(before, "people.incomplete") > 0);
        Assert.NotEmpty(Section(before, "targets").GetProperty("items").EnumerateArray());
        await CountsEqualTheirLists(town, before);
        var countyBefore = (await HttpAssert.Json(await county.GetAsync("/api/employment/follow-ups?state=overdue&pageSize=1"))).GetProperty("total").GetInt32();

        // Two placements in June: each has two follow-ups overdue now; only the township's own count on its officer's home.
        var (mine, _) = await NewPerson(county, "首页本镇务工者");
        var (other, _) = await NewPerson(county, "首页外镇务工者", OtherVillage);
        await Place(county, mine, "2026-06-15", await EmployerId(county, Jinghe));
        await Place(county, other, "2026-06-15", await EmployerId(county, Shanghai), city: "上海市");
        var after = await Home(town);
        Assert.Equal(Count(before, "followups.overdue") + 2, Count(after, "followups.overdue"));
        Assert.Equal(countyBefore + 4, (await HttpAssert.Json(await county.GetAsync("/api/employment/follow-ups?state=overdue&pageSize=1"))).GetProperty("total").GetInt32());
        Assert.DoesNotContain("首页外镇务工者", after.ToString());
        Assert.All(Section(after, "followups.overdue").GetProperty("items").EnumerateArray(),
            i => Assert.Equal("/employment?tab=followups&state=overdue", i.GetProperty("link").GetString()));
        await CountsEqualTheirLists(town, after);
    }

    [Fact]
    public async Task An_institution_clerk_sees_their_own_classes_only()
    {
        app.ResetClock();
        var school = await app.ClientFor("school01");
        var county = await app.ClientFor("county");
        var home = await Home(school);
        Assert.Equal(["classes", "sessions.today", "claims.returned", "claims.notice", "inspections.open"], Sections(home).Select(s => s.GetProperty("key").GetString()));
        await CountsEqualTheirLists(school, home);
        // Its own classes: fewer than the county's, the returned plan first; a session today to take; a returned claim; a rectification due.
        var all = (await HttpAssert.Json(await county.GetAsync("/api/training/classes?pageSize=1"))).GetProperty("total").GetInt32();
        Assert.InRange(Count(home, "classes"), 1, all - 1);
        var states = Section(home, "classes").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal("Returned", states[0]);
        Assert.True(Count(home, "sessions.today") > 0 && Count(home, "claims.returned") > 0 && Count(home, "inspections.open") > 0);
        var own = (await HttpAssert.Json(await school.GetAsync("/api/auth/me"))).GetProperty("scopeName").GetString();
        foreach (var key in new[] { "sessions.today", "inspections.open" })
            Assert.All(Section(home, key).GetProperty("items").EnumerateArray(), i => Assert.Equal(own, i.GetProperty("detail").GetString()));
        // The county sees more classes with open inspections than the school's own.
        var countyOpen = (await HttpAssert.Json(await county.GetAsync("/api/training/classes?inspection=open&pageSize=1"))).GetProperty("total").GetInt32();
        Assert.True(countyOpen > Count(home, "inspections.open"));
    }

    [Theory]
    [InlineData("county", "classes.submitted,claims.submitted,notices.ending,alerts.open,inspections.overdue,targets")]
    [InlineData("employer01", "followups.confirm,joborders.open")]
    [InlineData("viewer", "targets")]
    [InlineData("auditor", "audit.recent,claims.paid")]
    [InlineData("admin", "accounts.locked,accounts.awaiting")]
    public async Task Each_role_gets_its_own_work_and_every_count_equals_the_list_it_opens(string user, string keys)
    {
        app.ResetClock();
        var c = await app.ClientFor(user);
        var home = await Home(c);
        Assert.Equal(keys.Split(','), Sections(home).Select(s => s.GetProperty("key").GetString()));
        await CountsEqualTheirLists(c, home);
        // Where the demo county has such work, the role's home shows it (accounts are all in order in the demo).
        if (user != "admin")
            Assert.All(Sections(home), s => Assert.True(s.GetProperty("count").GetInt32() > 0, $"{user}: {s.GetProperty("key")} is empty"));
        Assert.All(Sections(home), s => Assert.True(s.GetProperty("items").GetArrayLength() <= Math.Max(8, s.GetProperty("count").GetInt32())));
        if (user == "employer01")
            Assert.All(Section(home, "joborders.open").GetProperty("items").EnumerateArray(), o => Assert.Matches(@"^\d+ / \d+$", o.GetProperty("detail").GetString()!));
    }

    [Fact]
    public async Task The_old_home_figures_still_answer()
    {
        var county = await app.ClientFor("county");
        var summary = await HttpAssert.Json(await county.GetAsync("/api/dashboard/summary"));
        Assert.True(summary.GetProperty("people").GetInt32() > 0);
    }
}

public sealed class HomeWorkListTests_Sqlite(ClockedSqliteApp app) : HomeWorkListTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class HomeWorkListTests_Postgres(ClockedPostgresApp app) : HomeWorkListTests(app), IClassFixture<ClockedPostgresApp>;
