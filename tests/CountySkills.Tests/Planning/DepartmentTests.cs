using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Planning.PlanningKit;

namespace CountySkills.Tests.Planning;

/// <summary>The departments targets are split over and the leadership group: kept by the county, edited from the version read, a department
/// in use deactivated rather than deleted.</summary>
public abstract class DepartmentTests(ClockedApp app)
{
    static object Department(string code, string name, int sortOrder = 50, bool? active = null, Guid? version = null) =>
        new { code, name, nameEn = "Test department", sortOrder, active, version };

    [Fact]
    public async Task A_department_is_added_edited_from_its_version_and_deleted_when_unused_or_deactivated_when_used()
    {
        var county = await app.ClientFor("county");
        var list = (await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray().ToList();
        Assert.Equal(["hrss", "industry", "agri", "commerce", "housing", "education", "women"], list.Take(7).Select(d => Str(d, "code")));
        Assert.True(list[0].GetProperty("active").GetBoolean());

        var r = await county.PostAsJsonAsync("/api/planning/departments", Department("veterans", "县退役军人事务局"));
        var created = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.EndsWith($"/api/planning/departments/{IdOf(created)}", r.Headers.Location!.ToString());
        Assert.Equal(("veterans", "县退役军人事务局", true, false), (Str(created, "code"), Str(created, "name"), created.GetProperty("active").GetBoolean(), created.GetProperty("used").GetBoolean()));
        await Refused(await county.PostAsJsonAsync("/api/planning/departments", Department("veterans", "重复")), HttpStatusCode.Conflict, "department.code_taken");
        var bad = await HttpAssert.Problem(await county.PostAsJsonAsync("/api/planning/departments", Department("Not A Code", "名称")), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("code", out _));
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/planning/departments", Department("blank", "")), HttpStatusCode.BadRequest);

        var id = IdOf(created);
        var renamed = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/planning/departments/{id}", Department("veterans", "县退役军人事务局（改）", 60, version: VersionOf(created))));
        Assert.Equal(("县退役军人事务局（改）", 60), (Str(renamed, "name"), renamed.GetProperty("sortOrder").GetInt32()));
        Assert.NotEqual(VersionOf(created), VersionOf(renamed));
        await Refused(await county.PutAsJsonAsync($"/api/planning/departments/{id}", Department("veterans", "另一人改", version: VersionOf(created))), HttpStatusCode.Conflict, "department.stale");
        await Refused(await county.PutAsJsonAsync($"/api/planning/departments/{id}", Department("veterans", "没有版本")), HttpStatusCode.BadRequest, "version.required", "version");
        Assert.Equal("县退役军人事务局（改）", Str(Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray(), d => IdOf(d) == id), "name"));

        // Used by a plan's split: deactivated, not deleted, and its code stays.
        await Create(county, Plan(2040, Item("training.people", 10, [Split("department", "veterans", 10)])));
        await Refused(await county.PutAsJsonAsync($"/api/planning/departments/{id}", Department("vets", "改代码", version: VersionOf(renamed))), HttpStatusCode.Conflict, "department.in_use");
        var removed = await county.DeleteAsync($"/api/planning/departments/{id}");
        var kept = await HttpAssert.Json(removed);
        Assert.Equal((false, true), (kept.GetProperty("active").GetBoolean(), kept.GetProperty("used").GetBoolean()));
        Assert.Contains((await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray(), d => IdOf(d) == id && !d.GetProperty("active").GetBoolean());

        // Unused: deleted.
        var spare = await HttpAssert.Json(await county.PostAsJsonAsync("/api/planning/departments", Department("spare", "临时部门")), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/planning/departments/{IdOf(spare)}")).StatusCode);
        Assert.DoesNotContain((await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray(), d => IdOf(d) == IdOf(spare));
        Assert.Equal(HttpStatusCode.NotFound, (await county.DeleteAsync($"/api/planning/departments/{IdOf(spare)}")).StatusCode);
    }

    [Fact]
    public async Task The_leadership_group_lists_its_head_deputies_and_members_with_their_office_and_department()
    {
        var county = await app.ClientFor("county");
        var education = await DepartmentId(county, "education");
        var r = await county.PostAsJsonAsync("/api/planning/leadership", new { name = "测试成员", groupPost = "成员", office = "县教育局副局长", departmentId = education, sortOrder = 99 });
        var m = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.Equal(("测试成员", "成员", "县教育局副局长", "县教育局"), (Str(m, "name"), Str(m, "groupPost"), Str(m, "office"), Str(m, "departmentName")));
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/planning/leadership", new { name = "某人", groupPost = "顾问" }), HttpStatusCode.BadRequest);
        await Refused(await county.PostAsJsonAsync("/api/planning/leadership", new { name = "某人", groupPost = "成员", departmentId = 987654 }), HttpStatusCode.BadRequest,
            "department.not_found", "departmentId");

        var head = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/planning/leadership/{IdOf(m)}",
            new { name = "测试成员", groupPost = "副组长", office = "县政府副县长", departmentId = (long?)null, sortOrder = 5, version = VersionOf(m) }));
        Assert.Equal(("副组长", (string?)null), (Str(head, "groupPost"), Str(head, "departmentName")));
        await Refused(await county.PutAsJsonAsync($"/api/planning/leadership/{IdOf(m)}", new { name = "旧版本", groupPost = "成员", version = VersionOf(m) }), HttpStatusCode.Conflict, "leadership.stale");
        var group = (await HttpAssert.Json(await county.GetAsync("/api/planning/leadership"))).EnumerateArray().ToList();
        var posts = group.Select(g => Str(g, "groupPost")).ToList();
        Assert.Equal(posts.OrderBy(p => p == "组长" ? 0 : p == "副组长" ? 1 : 2), posts);
        Assert.Contains(group, g => IdOf(g) == IdOf(m) && Str(g, "groupPost") == "副组长");

        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/planning/leadership/{IdOf(m)}")).StatusCode);
        Assert.DoesNotContain((await HttpAssert.Json(await county.GetAsync("/api/planning/leadership"))).EnumerateArray(), g => IdOf(g) == IdOf(m));
    }

    [Fact]
    public async Task Viewers_township_officers_and_auditors_read_departments_and_the_group_and_change_neither()
    {
        var county = await app.ClientFor("county");
        var hrss = Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray(), d => Str(d, "code") == "hrss");
        var member = (await HttpAssert.Json(await county.GetAsync("/api/planning/leadership"))).EnumerateArray().First();
        foreach (var user in new[] { "viewer", "town01", "auditor" })
        {
            var c = await app.ClientFor(user);
            await HttpAssert.Json(await c.GetAsync("/api/planning/departments"));
            await HttpAssert.Json(await c.GetAsync("/api/planning/leadership"));
            await Refused(await c.PostAsJsonAsync("/api/planning/departments", Department("nope", "不行")), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await c.PutAsJsonAsync($"/api/planning/departments/{IdOf(hrss)}", Department("hrss", "改名", version: VersionOf(hrss))), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await c.DeleteAsync($"/api/planning/departments/{IdOf(hrss)}"), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await c.PostAsJsonAsync("/api/planning/leadership", new { name = "某人", groupPost = "成员" }), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await c.DeleteAsync($"/api/planning/leadership/{IdOf(member)}"), HttpStatusCode.Forbidden, "permission.denied");
        }
        Assert.Equal("县人力资源和社会保障局", Str(Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/planning/departments"))).EnumerateArray(), d => Str(d, "code") == "hrss"), "name"));
    }
}

public sealed class DepartmentTests_Sqlite(ClockedSqliteApp app) : DepartmentTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class DepartmentTests_Postgres(ClockedPostgresApp app) : DepartmentTests(app), IClassFixture<ClockedPostgresApp>;
