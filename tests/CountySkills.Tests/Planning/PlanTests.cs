using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Planning.PlanningKit;

namespace CountySkills.Tests.Planning;

/// <summary>Plans of targets: what a plan may hold, splits that do not add up (shown, and refusing the issue), and an issued plan that changes
/// only with a reason, keeping its earlier version.</summary>
public abstract class PlanTests(ClockedApp app)
{
    static JsonElement ItemOf(JsonElement plan, string key) => Assert.Single(plan.GetProperty("items").EnumerateArray(), i => Str(i, "indicatorKey") == key);

    [Fact]
    public async Task A_draft_shows_each_item_with_its_splits_and_how_far_each_kind_of_split_is_from_the_target()
    {
        var county = await app.ClientFor("county");
        var agri = await DepartmentId(county, "agri");
        var r = await TryCreate(county, Plan(2031,
            Item("training.person_times", 100, [Split("township", Qingshi, 60), Split("township", Liuhe, 40), Split("department", "hrss", 50), Split("department", agri.ToString(), 30)]),
            Item("labour.new_transfers", 50, [Split("quarter", "1", 10), Split("quarter", "2", 10), Split("quarter", "3", 10), Split("quarter", "4", 25)])));
        var plan = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.EndsWith($"/api/planning/plans/{IdOf(plan)}", r.Headers.Location!.ToString());
        Assert.Equal(("Draft", 2031, 0), (Str(plan, "status"), plan.GetProperty("year").GetInt32(), plan.GetProperty("revision").GetInt32()));
        Assert.False(plan.GetProperty("addsUp").GetBoolean());

        var training = ItemOf(plan, "training.person_times");
        Assert.Equal("培训人次", Str(training, "indicatorName"));
        var d = training.GetProperty("differences");
        Assert.Equal(0m, d.GetProperty("township").GetDecimal());
        Assert.Equal(-20m, d.GetProperty("department").GetDecimal());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("quarter").ValueKind);
        var splits = training.GetProperty("splits").EnumerateArray().ToList();
        Assert.Equal(["township", "township", "department", "department"], splits.Select(s => Str(s, "kind")));
        Assert.Equal("青石镇", Str(splits[0], "name"));
        Assert.Equal("县农业农村局", Str(splits[3], "name"));
        Assert.Equal(5m, ItemOf(plan, "labour.new_transfers").GetProperty("differences").GetProperty("quarter").GetDecimal());

        // The same, read again and listed by year.
        var again = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{IdOf(plan)}"));
        Assert.Equal(-20m, ItemOf(again, "training.person_times").GetProperty("differences").GetProperty("department").GetDecimal());
        var list = await HttpAssert.Json(await county.GetAsync("/api/planning/plans?year=2031"));
        Assert.Equal(IdOf(plan), IdOf(Assert.Single(list.EnumerateArray())));

        // Splits that do not add up: the issue is refused and says which.
        var refused = await Refused(await TryIssue(county, IdOf(plan)), HttpStatusCode.Conflict, "plan.split_mismatch");
        Assert.Contains("training.person_times", Str(refused, "detail"));
        Assert.Equal("Draft", Str(await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{IdOf(plan)}")), "status"));
    }

    [Fact]
    public async Task A_plan_names_indicators_of_the_catalogue_once_each_with_targets_of_zero_or_more_and_splits_of_real_places_and_quarters()
    {
        var county = await app.ClientFor("county");
        await Refused(await TryCreate(county, Plan(2032, Item("no.such.indicator", 10))), HttpStatusCode.BadRequest, "plan.indicator_unknown", "items[0].indicatorKey");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10), Item("training.people", 20))), HttpStatusCode.BadRequest,
            "plan.indicator_duplicate", "items[1].indicatorKey");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", -1))), HttpStatusCode.BadRequest, "plan.target_negative", "items[0].target");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("township", "419921999", 10)]))), HttpStatusCode.BadRequest,
            "plan.split_code_unknown", "items[0].splits[0].code");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("township", "419922101", 10)]))), HttpStatusCode.BadRequest,
            "plan.split_code_unknown", "items[0].splits[0].code");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("department", "nosuch", 10)]))), HttpStatusCode.BadRequest,
            "plan.split_code_unknown", "items[0].splits[0].code");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("quarter", "5", 10)]))), HttpStatusCode.BadRequest,
            "plan.split_code_unknown", "items[0].splits[0].code");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("village", "1", 10)]))), HttpStatusCode.BadRequest,
            "plan.split_kind", "items[0].splits[0].kind");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("township", Qingshi, 5), Split("township", Qingshi, 5)]))),
            HttpStatusCode.BadRequest, "plan.split_duplicate", "items[0].splits[1].code");
        var hrss = await DepartmentId(county, "hrss");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, [Split("department", "hrss", 5), Split("department", hrss.ToString(), 5)]))),
            HttpStatusCode.BadRequest, "plan.split_duplicate", "items[0].splits[1].code");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, bands: [new { upToPercent = 10, deduct = 4 }, new { upToPercent = 5, deduct = 2 }]))),
            HttpStatusCode.BadRequest, "plan.bands_order", "items[0].bands[1].upToPercent");
        await Refused(await TryCreate(county, Plan(2032, Item("training.people", 10, bands: [new { upToPercent = (decimal?)null, deduct = 6 }, new { upToPercent = 5, deduct = 2 }]))),
            HttpStatusCode.BadRequest, "plan.bands_order", "items[0].bands[0].upToPercent");
        await Refused(await TryCreate(county, new { year = 2032, title = " ", items = Array.Empty<object>() }), HttpStatusCode.BadRequest, "plan.title", "title");
        Assert.Empty((await HttpAssert.Json(await county.GetAsync("/api/planning/plans?year=2032"))).EnumerateArray());

        // A department by its code or by its id, a target of zero, and the Chinese names of the split kinds are fine.
        var ok = await Create(county, Plan(2032, Item("training.people", 0, [Split("部门", "agri", 0), Split("乡镇", Qingshi, 0)])));
        Assert.Equal(["department", "township"], ItemOf(ok, "training.people").GetProperty("splits").EnumerateArray().Select(s => Str(s, "kind")));

        // An empty plan cannot be issued.
        var empty = await Create(county, new { year = 2033, title = "空目标任务", items = Array.Empty<object>() });
        await Refused(await TryIssue(county, IdOf(empty)), HttpStatusCode.Conflict, "plan.empty");
    }

    [Fact]
    public async Task An_issued_plan_is_locked_a_change_needs_a_reason_keeps_the_previous_version_and_a_stale_version_is_refused()
    {
        var county = await app.ClientFor("county");
        object[] items = [Item("certificates.people", 30, [Split("township", Qingshi, 20), Split("township", Liuhe, 10)])];
        var plan = await Create(county, Plan(2034, items));
        var id = IdOf(plan);
        var issued = await HttpAssert.Json(await TryIssue(county, id));
        Assert.Equal(("Issued", 1, "county"), (Str(issued, "status"), issued.GetProperty("revision").GetInt32(), Str(issued, "issuedBy")));
        Assert.True(issued.GetProperty("addsUp").GetBoolean());
        await Refused(await TryIssue(county, id), HttpStatusCode.Conflict, "plan.issued");

        object[] changed = [Item("certificates.people", 36, [Split("township", Qingshi, 24), Split("township", Liuhe, 12)])];
        await Refused(await Put(county, id, "改后的目标任务", changed, VersionOf(issued)), HttpStatusCode.BadRequest, "plan.reason_required", "reason");
        await Refused(await Put(county, id, "改后的目标任务", changed, VersionOf(issued), "  "), HttpStatusCode.BadRequest, "plan.reason_required", "reason");
        var after = await HttpAssert.Json(await Put(county, id, "改后的目标任务", changed, VersionOf(issued), "县领导小组会议决定调增"));
        Assert.Equal(("Issued", 2, "改后的目标任务"), (Str(after, "status"), after.GetProperty("revision").GetInt32(), Str(after, "title")));
        Assert.Equal(36m, Dec(ItemOf(after, "certificates.people"), "target"));
        Assert.Equal(1, after.GetProperty("revisions").GetInt32());

        var revisions = (await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{id}/revisions"))).EnumerateArray().ToList();
        var old = Assert.Single(revisions);
        Assert.Equal((1, "县领导小组会议决定调增", "county"), (old.GetProperty("number").GetInt32(), Str(old, "reason"), Str(old, "by")));
        Assert.Equal("2034年度目标任务（测试）", Str(old, "title"));
        Assert.Equal(30m, Dec(Assert.Single(old.GetProperty("items").EnumerateArray()), "target"));

        // The version read before the change is stale now: the second writer gets a 409 and nothing changes.
        await Refused(await Put(county, id, "另一人的修改", items, VersionOf(issued), "另一人的原因"), HttpStatusCode.Conflict, "plan.stale");
        var now = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{id}"));
        Assert.Equal((2, 36m), (now.GetProperty("revision").GetInt32(), Dec(ItemOf(now, "certificates.people"), "target")));
        Assert.Single((await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{id}/revisions"))).EnumerateArray());
        // A draft changes freely (no reason needed), but not without its version.
        var draft = await Create(county, Plan(2035, items));
        Assert.Equal(HttpStatusCode.BadRequest, (await Put(county, IdOf(draft), "草稿", changed, null)).StatusCode);
        var edited = await HttpAssert.Json(await Put(county, IdOf(draft), "草稿改", changed, VersionOf(draft)));
        Assert.Equal(0, edited.GetProperty("revisions").GetInt32());

        // An issued plan is never deleted; a draft is.
        await Refused(await county.DeleteAsync($"/api/planning/plans/{id}"), HttpStatusCode.Conflict, "plan.issued");
        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/planning/plans/{IdOf(draft)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/planning/plans/{IdOf(draft)}")).StatusCode);
    }

    [Fact]
    public async Task A_year_has_one_issued_plan_drafts_may_stand_beside_it()
    {
        var county = await app.ClientFor("county");
        var first = await Create(county, Plan(2036, Item("training.people", 10)));
        await HttpAssert.Json(await TryIssue(county, IdOf(first)));
        var second = await Create(county, Plan(2036, Item("training.people", 12)));
        await Refused(await TryIssue(county, IdOf(second)), HttpStatusCode.Conflict, "plan.year_issued");
        var list = await HttpAssert.Json(await county.GetAsync("/api/planning/plans?year=2036"));
        Assert.Equal(["Issued", "Draft"], list.EnumerateArray().Select(p => Str(p, "status")));
    }

    [Fact]
    public async Task Everyone_who_reads_planning_reads_plans_and_only_the_county_writes_them()
    {
        var county = await app.ClientFor("county");
        var plan = await Create(county, Plan(2037, Item("training.people", 10)));
        foreach (var user in new[] { "viewer", "town01", "auditor" })
        {
            var c = await app.ClientFor(user);
            await HttpAssert.Json(await c.GetAsync($"/api/planning/plans/{IdOf(plan)}"));
            await Refused(await TryCreate(c, Plan(2037, Item("training.people", 10))), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await TryIssue(c, IdOf(plan)), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await Put(c, IdOf(plan), "x", [], VersionOf(plan)), HttpStatusCode.Forbidden, "permission.denied");
        }
        var school = await app.ClientFor("school01");
        await Refused(await school.GetAsync("/api/planning/plans"), HttpStatusCode.Forbidden, "permission.denied");
        Assert.Equal("Draft", Str(await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{IdOf(plan)}")), "status"));
    }

    [Fact]
    public async Task The_demo_county_has_this_years_plan_issued_with_township_splits_that_add_up()
    {
        var county = await app.ClientFor("county");
        var list = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans?year={ClockedApp.StartDay.Year}"));
        var demo = Assert.Single(list.EnumerateArray(), p => Str(p, "status") == "Issued");
        Assert.True(demo.GetProperty("addsUp").GetBoolean());
        var keys = demo.GetProperty("items").EnumerateArray().Select(i => Str(i, "indicatorKey")).ToList();
        Assert.Equal(["training.person_times", "training.subsidised", "certificates.people", "labour.new_transfers", "labour.transferred", "brands.output",
            "followups.on_time_rate", "employment.urban_new_jobs"], keys);
        Assert.Equal(18, ItemOf(demo, "training.person_times").GetProperty("splits").EnumerateArray().Count(s => Str(s, "kind") == "township"));
        Assert.Single(demo.GetProperty("items").EnumerateArray(), i => i.GetProperty("veto").GetBoolean());
        Assert.True(demo.GetProperty("revisions").GetInt32() >= 1);
        var leaders = (await HttpAssert.Json(await county.GetAsync("/api/planning/leadership"))).EnumerateArray().ToList();
        Assert.Equal(["组长", "副组长"], leaders.Take(2).Select(l => Str(l, "groupPost")));
    }
}

public sealed class PlanTests_Sqlite(ClockedSqliteApp app) : PlanTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class PlanTests_Postgres(ClockedPostgresApp app) : PlanTests(app), IClassFixture<ClockedPostgresApp>;
