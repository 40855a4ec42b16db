using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>Unpaid wages reported at a follow-up reach the county as an alert; an employer confirms its own workers and sees no one else's.</summary>
public abstract class EmploymentAlertAndEmployerTests(ClockedApp app)
{
    [Fact]
    public async Task An_unpaid_wage_report_raises_a_county_alert_naming_the_worker_until_it_is_closed()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var (person, _) = await NewPerson(county, "欠薪王大姐");
        var (far, _) = await NewPerson(county, "外镇欠薪人", OtherVillage);
        var placed = await Place(county, person, "2026-06-15", await EmployerId(county, Jinghe));
        var farPlaced = await Place(county, far, "2026-06-15", await EmployerId(county, Shanghai), city: "上海市");

        var check = await HttpAssert.Json(await Record(town, Check(placed, 1).GetProperty("id").GetInt64(),
            new { doneOn = "2026-11-25", stillEmployed = true, sameEmployer = true, wageFen = 0, problems = "UnpaidWages", notes = "两个月未发工资" }));
        Assert.Equal(["拖欠工资"], check.GetProperty("problemNames").EnumerateArray().Select(x => x.GetString()));
        await HttpAssert.Json(await Record(county, Check(farPlaced, 1).GetProperty("id").GetInt64(),
            new { stillEmployed = true, wageFen = 0, problems = "欠薪" }));

        var open = (await HttpAssert.Json(await county.GetAsync("/api/employment/alerts?open=true"))).EnumerateArray().ToList();
        var alert = Assert.Single(open, a => a.GetProperty("placementId").GetInt64() == IdOf(placed));
        Assert.Equal("UnpaidWages", alert.GetProperty("kind").GetString());
        Assert.Equal("拖欠工资", alert.GetProperty("kindName").GetString());
        Assert.Contains("欠薪王大姐", alert.GetProperty("text").GetString());
        Assert.Contains("两个月未发工资", alert.GetProperty("text").GetString());
        Assert.Contains(Jinghe, alert.GetProperty("text").GetString());
        Assert.True(alert.GetProperty("open").GetBoolean());
        Assert.Contains(open, a => a.GetProperty("placementId").GetInt64() == IdOf(farPlaced));

        // The township officer sees the alert about their own person, not the other township's.
        var townAlerts = (await HttpAssert.Json(await town.GetAsync("/api/employment/alerts?open=true"))).ToString();
        Assert.Contains("欠薪王大姐", townAlerts);
        Assert.DoesNotContain("外镇欠薪人", townAlerts);
        await HttpAssert.Problem(await (await app.ClientFor("employer01")).GetAsync("/api/employment/alerts"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await town.PostAsJsonAsync($"/api/employment/alerts/{IdOf(alert)}/close", new { resolution = "已协调" }), HttpStatusCode.Forbidden);
        await FieldError(await county.PostAsJsonAsync($"/api/employment/alerts/{IdOf(alert)}/close", new { resolution = "" }), "resolution");

        var closed = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/employment/alerts/{IdOf(alert)}/close",
            new { resolution = "已联系京禾公司，工资于 12 月 1 日前补发" }));
        Assert.False(closed.GetProperty("open").GetBoolean());
        Assert.Equal("county", closed.GetProperty("closedBy").GetString());
        Assert.Equal("已联系京禾公司，工资于 12 月 1 日前补发", closed.GetProperty("resolution").GetString());
        var stillOpen = (await HttpAssert.Json(await county.GetAsync("/api/employment/alerts?open=true"))).EnumerateArray();
        Assert.DoesNotContain(stillOpen, a => IdOf(a) == IdOf(alert));
        var history = (await HttpAssert.Json(await county.GetAsync("/api/employment/alerts?open=false"))).EnumerateArray();
        Assert.Contains(history, a => IdOf(a) == IdOf(alert));
        await Refused(await county.PostAsJsonAsync($"/api/employment/alerts/{IdOf(alert)}/close", new { resolution = "再次处理" }), HttpStatusCode.Conflict, "alert.closed");
    }

    [Fact]
    public async Task A_follow_up_can_report_several_problems_at_once()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "多个问题");
        var placed = await Place(county, person, "2026-06-15");
        var r = await Record(county, Check(placed, 1).GetProperty("id").GetInt64(),
            new { stillEmployed = true, wageFen = 300_000, problems = "UnpaidWages, WantsToReturn", notes = "工资拖欠，想回家" });
        var check = await HttpAssert.Json(r);
        Assert.Equal(["拖欠工资", "想返乡"], check.GetProperty("problemNames").EnumerateArray().Select(x => x.GetString()));
        var alerts = (await HttpAssert.Json(await county.GetAsync("/api/employment/alerts?open=true"))).EnumerateArray();
        Assert.Contains(alerts, a => a.GetProperty("placementId").GetInt64() == IdOf(placed));
    }

    [Fact]
    public async Task An_employer_confirms_its_own_workers_follow_ups_and_sees_no_other_employers_workers()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var employer = await app.ClientFor("employer01");
        var (ours, oursId) = await NewPerson(county, "京禾育婴员");
        var (theirs, _) = await NewPerson(county, "禾丰月嫂");
        var (self, _) = await NewPerson(county, "自谋职业者");
        var ourPlacement = await Place(county, ours, "2026-06-15", await EmployerId(county, Jinghe));
        var theirPlacement = await Place(county, theirs, "2026-06-15", await EmployerId(county, Shanghai), city: "上海市");
        var selfPlacement = await Place(county, self, "2026-06-15", employerName: Jinghe); // written by name only, not linked to the partner

        var list = await HttpAssert.Json(await employer.GetAsync("/api/employment/placements"));
        var mine = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(IdOf(ourPlacement), mine.Select(IdOf));
        Assert.DoesNotContain(IdOf(theirPlacement), mine.Select(IdOf));
        Assert.DoesNotContain(IdOf(selfPlacement), mine.Select(IdOf));
        Assert.DoesNotContain(oursId, list.ToString()); // ID numbers are masked
        Assert.All(mine, p => Assert.Equal(Jinghe, p.GetProperty("employerName").GetString()));
        await Forbidden(await employer.GetAsync($"/api/employment/placements/{IdOf(theirPlacement)}"), "禾丰月嫂");
        await Forbidden(await employer.GetAsync($"/api/employment/placements/{IdOf(selfPlacement)}"), "自谋职业者");
        var work = (await WorkList(employer, "all")).ToString();
        Assert.Contains("京禾育婴员", work);
        Assert.DoesNotContain("禾丰月嫂", work);
        Assert.DoesNotContain("自谋职业者", work);

        var ourCheck = Check(ourPlacement, 1).GetProperty("id").GetInt64();
        var confirmed = await HttpAssert.Json(await employer.PostAsJsonAsync($"/api/employment/follow-ups/{ourCheck}/confirm",
            new { stillEmployed = true, sameEmployer = true, wageFen = 720_000, notes = "在岗，表现良好" }));
        Assert.Equal("Done", confirmed.GetProperty("state").GetString());
        Assert.True(confirmed.GetProperty("byEmployer").GetBoolean());
        Assert.Equal("employer01", confirmed.GetProperty("recordedBy").GetString());
        Assert.Equal("2026-11-30", confirmed.GetProperty("doneOn").GetString());
        Assert.Equal(720_000, Check(await GetPlacement(county, IdOf(ourPlacement)), 1).GetProperty("wageFen").GetInt64());

        var theirCheck = Check(theirPlacement, 1).GetProperty("id").GetInt64();
        await Forbidden(await employer.PostAsJsonAsync($"/api/employment/follow-ups/{theirCheck}/confirm", new { stillEmployed = true }), "禾丰月嫂");
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/employment/follow-ups/{theirCheck}/confirm", new { stillEmployed = true }), HttpStatusCode.Forbidden);
        // The employer confirms; recording (the officer's job) and placing are not theirs.
        await HttpAssert.Problem(await Record(employer, Check(ourPlacement, 3).GetProperty("id").GetInt64(), new { stillEmployed = true }), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await TryPlace(employer, Body(ours, "2026-11-01", await EmployerId(county, Jinghe))), HttpStatusCode.Forbidden);
        Assert.Equal("Overdue", Check(await GetPlacement(county, IdOf(theirPlacement)), 1).GetProperty("state").GetString());
    }
}

public sealed class EmploymentAlertAndEmployerTests_Sqlite(ClockedSqliteApp app) : EmploymentAlertAndEmployerTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentAlertAndEmployerTests_Postgres(ClockedPostgresApp app) : EmploymentAlertAndEmployerTests(app), IClassFixture<ClockedPostgresApp>;
