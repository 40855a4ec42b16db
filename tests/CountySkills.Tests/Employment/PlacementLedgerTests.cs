using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;

namespace CountySkills.Tests.Employment;

/// <summary>The ledger kept true: a placement writes the person's employment, its end the status its reason says, a newer
/// placement's values stand, a hand edit stands until the next placement event; the timeline and the audit log say so.</summary>
public abstract class PlacementLedgerTests(ClockedApp app)
{
    static async Task<JsonElement> Person(HttpClient c, long id) => await HttpAssert.Json(await c.GetAsync($"/api/people/{id}"));

    static string? S(JsonElement e, string field) => e.GetProperty(field).ValueKind == JsonValueKind.Null ? null : e.GetProperty(field).GetString();

    static async Task<JsonElement> PlaceIn(HttpClient c, long personId, string start, string band, string city, string employerName, long wageFen = 650_000) =>
        await HttpAssert.Json(await TryPlace(c, Body(personId, start, employerName: employerName, band: band, city: city, wageFen: wageFen)), HttpStatusCode.Created);

    static async Task<JsonElement> Ended(HttpClient c, long placementId, string on, string reason) => await HttpAssert.Json(await End(c, placementId, on, reason));

    [Fact]
    public async Task A_placement_out_of_the_province_shows_in_the_ledger_with_its_city_and_employer()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "省外上岗");
        var employer = await EmployerId(county, Jinghe);
        await Place(county, person, "2026-06-15", employer);
        var p = await Person(county, person);
        Assert.Equal("OutOfProvince", S(p, "employmentStatus"));
        Assert.Equal("OutOfProvince", S(p, "destination"));
        Assert.Equal("北京市", S(p, "workProvince"));
        Assert.Equal("北京市", S(p, "workCity"));
        Assert.Equal(Jinghe, S(p, "employer"));
        Assert.Equal("2026-06-15", S(p, "workingSince"));
        Assert.Equal(650_000, p.GetProperty("monthlyIncomeFen").GetInt64());
        Assert.Equal("育婴员", S(p, "occupation"));
        var partner = Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/employment/employers"))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == employer);
        Assert.Equal(S(partner, "industry"), S(p, "industry"));
    }

    [Fact]
    public async Task The_destination_band_gives_the_status()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        foreach (var (band, status) in new[] { ("InCounty", "InCounty"), ("OutOfCountyInCity", "OutOfCountyInProvince"), ("OutOfCityInProvince", "OutOfCountyInProvince"), ("Abroad", "OutOfProvince") })
        {
            var (person, _) = await NewPerson(county, "去向" + band);
            await PlaceIn(county, person, "2026-05-01", band, "郑州市", "郑州某厂");
            Assert.Equal(status, S(await Person(county, person), "employmentStatus"));
        }
    }

    [Fact]
    public async Task Ending_with_a_return_home_sets_the_ledger_back_to_unemployed_and_the_reason_can_say_otherwise()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "返乡回村");
        var placement = IdOf(await Place(county, person, "2026-06-15", await EmployerId(county, Jinghe)));
        await Ended(county, placement, "2026-10-01", "返乡");
        var p = await Person(county, person);
        Assert.Equal("Unemployed", S(p, "employmentStatus"));
        Assert.Null(S(p, "employer"));
        Assert.Null(S(p, "workCity"));
        Assert.Null(S(p, "destination"));

        var (founder, _) = await NewPerson(county, "返乡创业者");
        var second = IdOf(await Place(county, founder, "2026-03-01"));
        await Ended(county, second, "2026-09-01", "返乡创业，开艾灸馆");
        Assert.Equal("SelfEmployed", S(await Person(county, founder), "employmentStatus"));
    }

    [Fact]
    public async Task Ending_the_older_of_two_running_placements_leaves_the_newer_ones_status()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        // Two records of one worker, each placed; merged, the survivor has both placements running.
        var (survivor, _) = await NewPerson(county, "两份工作");
        var (duplicate, _) = await NewPerson(county, "两份工作");
        var older = IdOf(await PlaceIn(county, survivor, "2026-02-01", "InCounty", "禾丰县", "县城超市"));
        await PlaceIn(county, duplicate, "2026-07-01", "OutOfProvince", "上海市", Shanghai);
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{survivor}/merge", new { mergedId = duplicate }));

        await Ended(county, older, "2026-08-01", "离职");
        var p = await Person(county, survivor);
        Assert.Equal("OutOfProvince", S(p, "employmentStatus"));
        Assert.Equal("上海市", S(p, "workCity"));
        Assert.Equal(Shanghai, S(p, "employer"));
        Assert.Equal("2026-07-01", S(p, "workingSince"));
    }

    [Fact]
    public async Task Ending_a_placement_that_started_before_a_later_ended_one_leaves_the_later_ones_outcome()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "前后两段");
        var later = IdOf(await PlaceIn(county, person, "2026-05-01", "OutOfProvince", "北京市", "北京某公司"));
        await Ended(county, later, "2026-06-30", "合同期满");
        // An earlier job recorded afterwards: running, so it governs while it runs…
        var earlier = IdOf(await PlaceIn(county, person, "2026-01-10", "InCounty", "禾丰县", "县城超市"));
        Assert.Equal("InCounty", S(await Person(county, person), "employmentStatus"));
        // …and once it ended, the later-started placement's outcome (合同期满 -> 未就业) stands, not this one's reason.
        await Ended(county, earlier, "2026-03-01", "返乡创业");
        Assert.Equal("Unemployed", S(await Person(county, person), "employmentStatus"));
    }

    [Fact]
    public async Task A_correction_of_the_placement_re_applies_to_the_ledger()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "更正去向");
        var placed = await PlaceIn(county, person, "2026-04-01", "OutOfProvince", "北京市", "北京某公司");
        var body = Body(person, "2026-04-01", employerName: "郑州某厂", band: "OutOfCityInProvince", city: "郑州市", version: VersionOf(placed));
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/employment/placements/{IdOf(placed)}", body));
        var p = await Person(county, person);
        Assert.Equal("OutOfCountyInProvince", S(p, "employmentStatus"));
        Assert.Equal("郑州市", S(p, "workCity"));
        Assert.Equal("郑州某厂", S(p, "employer"));
    }

    [Fact]
    public async Task A_hand_edit_after_a_placement_stands_until_the_next_placement_event()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, idNumber) = await NewPerson(county, "手工修改");
        var placement = IdOf(await Place(county, person, "2026-06-15", await EmployerId(county, Jinghe)));
        var before = await Person(county, person);
        var edit = new
        {
            idNumber, name = "手工修改", villageCode = S(before, "villageCode"), employmentStatus = "Flexible", workProvince = "河南省", workCity = "郑州市",
            employer = "外卖平台", version = VersionOf(before),
        };
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/people/{person}", edit));
        var p = await Person(county, person);
        Assert.Equal("Flexible", S(p, "employmentStatus"));
        Assert.Equal("外卖平台", S(p, "employer"));
        // Reading the placement changes nothing; its end is the next placement event.
        await GetPlacement(county, placement);
        Assert.Equal("Flexible", S(await Person(county, person), "employmentStatus"));
        await Ended(county, placement, "2026-11-01", "离职");
        Assert.Equal("Unemployed", S(await Person(county, person), "employmentStatus"));
    }

    [Fact]
    public async Task The_timeline_and_the_audit_log_show_the_ledger_following_the_placement()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "留痕上岗");
        var placement = IdOf(await Place(county, person, "2026-06-15", await EmployerId(county, Jinghe)));
        await Ended(county, placement, "2026-10-01", "返乡");

        var timeline = (await HttpAssert.Json(await county.GetAsync($"/api/people/{person}/timeline"))).EnumerateArray().ToList();
        var follows = timeline.Where(e => e.GetProperty("title").GetString()!.Contains($"就业记录#{placement}")).Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.Contains(follows, t => t.Contains("上岗"));
        Assert.Contains(follows, t => t.Contains("结束：返乡"));
        Assert.Contains(timeline, e => e.GetProperty("title").GetString()!.Contains("随就业记录更新") && e.GetProperty("detail").GetString()!.Contains("EmploymentStatus"));

        var auditor = await app.ClientFor("auditor");
        var log = await HttpAssert.Json(await auditor.GetAsync($"/api/audit?entity=Person&entityKey={person}"));
        var updates = log.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("action").GetString() == "Update").ToList();
        Assert.Equal(2, updates.Count);
        foreach (var u in updates)
        {
            var changes = u.GetProperty("changes").EnumerateArray().ToList();
            Assert.Contains(changes, c => c.GetProperty("field").GetString() == "EmploymentStatus");
            var source = Assert.Single(changes, c => c.GetProperty("field").GetString() == "Source");
            Assert.StartsWith($"就业记录#{placement}", source.GetProperty("to").GetString());
            Assert.Equal("来源", source.GetProperty("fieldName").GetString());
        }
        var started = Assert.Single(updates, u => u.GetProperty("changes").EnumerateArray().Any(c => c.GetProperty("to").GetString() == $"就业记录#{placement} 上岗"));
        Assert.Contains(started.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "WorkCity" && c.GetProperty("to").GetString() == "北京市");
    }
}

public sealed class PlacementLedgerTests_Sqlite(ClockedSqliteApp app) : PlacementLedgerTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class PlacementLedgerTests_Postgres(ClockedPostgresApp app) : PlacementLedgerTests(app), IClassFixture<ClockedPostgresApp>;
