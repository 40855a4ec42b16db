using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>What a placement refuses: someone not in the ledger, a merged record, a second active job, a bad band or wage, a stale edit.</summary>
public abstract class EmploymentPlacementValidationTests(ClockedApp app)
{
    [Fact]
    public async Task Only_a_person_in_the_ledger_under_their_surviving_record_can_be_placed()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var stranger = Ids.New(1985);
        var p = await Refused(await TryPlace(county, Body(null, "2026-11-01", employerName: "某公司", idNumber: stranger)), HttpStatusCode.BadRequest, "person.not_in_ledger");
        Assert.True(p.GetProperty("errors").TryGetProperty("idNumber", out _), p.ToString());
        p = await Refused(await TryPlace(county, Body(987_654_321, "2026-11-01", employerName: "某公司")), HttpStatusCode.BadRequest, "person.not_in_ledger");
        Assert.True(p.GetProperty("errors").TryGetProperty("personId", out _), p.ToString());
        await FieldError(await TryPlace(county, Body(null, "2026-11-01", employerName: "某公司", idNumber: Ids.WithWrongCheck(Ids.New()))), "idNumber");
        await FieldError(await TryPlace(county, Body(null, "2026-11-01", employerName: "某公司")), "idNumber");

        var (survivor, survivorId) = await NewPerson(county, "合并保留者");
        var (duplicate, duplicateId) = await NewPerson(county, "合并保留者");
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{survivor}/merge", new { mergedId = duplicate }));
        await Refused(await TryPlace(county, Body(duplicate, "2026-11-01", employerName: "某公司")), HttpStatusCode.BadRequest, "person.merged");
        await Refused(await TryPlace(county, Body(null, "2026-11-01", employerName: "某公司", idNumber: duplicateId)), HttpStatusCode.BadRequest, "person.merged");
        Assert.Equal(0, (await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={duplicate}"))).GetProperty("total").GetInt32());
        var placed = await HttpAssert.Json(await TryPlace(county, Body(null, "2026-11-01", employerName: "某公司", idNumber: survivorId)), HttpStatusCode.Created);
        Assert.Equal(survivor, placed.GetProperty("personId").GetInt64());
        Assert.Equal("合并保留者", placed.GetProperty("name").GetString());
        Assert.DoesNotContain(survivorId, placed.ToString());
    }

    [Fact]
    public async Task A_person_with_a_job_not_yet_ended_cannot_be_placed_again()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "两份工");
        var first = await Place(county, person, "2026-09-01", await EmployerId(county, Jinghe));
        var p = await Refused(await TryPlace(county, Body(person, "2026-11-01", employerName: "另一家公司")), HttpStatusCode.Conflict, "placement.active_exists");
        Assert.Contains(Jinghe, p.GetProperty("detail").GetString());
        Assert.Contains("2026-09-01", p.GetProperty("detail").GetString());
        var list = await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={person}"));
        Assert.Equal(IdOf(first), IdOf(Assert.Single(list.GetProperty("items").EnumerateArray())));
    }

    [Fact]
    public async Task The_destination_band_is_taken_by_name_number_or_chinese_word_and_anything_else_is_refused()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        foreach (var (band, expected, folded) in new (object, string, string)[]
                 { ("OutOfCountyInCity", "OutOfCountyInCity", "县外省内"), ("省外", "OutOfProvince", "省外(含境外)"), (5, "Abroad", "省外(含境外)"), ("县内", "InCounty", "县内") })
        {
            var (person, _) = await NewPerson(county, "去向" + expected);
            var placed = await HttpAssert.Json(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", band: band)), HttpStatusCode.Created);
            Assert.Equal(expected, placed.GetProperty("band").GetString());
            Assert.Equal(folded, placed.GetProperty("bandFolded").GetString());
        }
        var (someone, _) = await NewPerson(county, "去向不明");
        await HttpAssert.Problem(await TryPlace(county, Body(someone, "2026-11-01", employerName: "某公司", band: "Moon")), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await TryPlace(county, Body(someone, "2026-11-01", employerName: "某公司", band: 9)), HttpStatusCode.BadRequest);
        await FieldError(await county.PostAsJsonAsync("/api/employment/placements",
            new { personId = someone, employerName = "某公司", startDate = "2026-11-01", monthlyWageFen = 500_000 }), "band");
        Assert.Equal(0, (await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={someone}"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Wage_start_date_employer_and_links_are_checked()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "填错了");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", wageFen: -1)), "monthlyWageFen");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", wageFen: 10_000_001)), "monthlyWageFen");
        await FieldError(await TryPlace(county, Body(person, "2027-02-01", employerName: "某公司")), "startDate"); // more than 60 days ahead
        await FieldError(await TryPlace(county, Body(person, "1999-12-31", employerName: "某公司")), "startDate");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01")), "employerName");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerId: 987_654)), "employerId");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", agreementId: 987_654)), "agreementId");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", jobOrderId: 987_654)), "jobOrderId");
        await FieldError(await TryPlace(county, Body(person, "2026-11-01", employerName: "某公司", classId: 987_654)), "classId");
        Assert.Equal(0, (await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={person}"))).GetProperty("total").GetInt32());
        var ok = await HttpAssert.Json(await TryPlace(county, Body(person, "2027-01-29", employerName: "某公司", wageFen: 10_000_000)), HttpStatusCode.Created);
        Assert.Equal(10_000_000, ok.GetProperty("monthlyWageFen").GetInt64());
    }

    [Fact]
    public async Task A_correction_needs_the_current_version_and_a_stale_one_is_refused()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var (person, _) = await NewPerson(county, "改工资");
        var placed = await Place(county, person, "2026-09-01");
        var id = IdOf(placed);
        var v1 = VersionOf(placed);
        await FieldError(await county.PutAsJsonAsync($"/api/employment/placements/{id}", Body(person, "2026-09-01", employerName: "自找单位（个体）", wageFen: 700_000)), "version");
        var edited = await HttpAssert.Json(await town.PutAsJsonAsync($"/api/employment/placements/{id}",
            Body(person, "2026-09-01", employerName: "自找单位（个体）", wageFen: 700_000, version: v1)));
        Assert.Equal(700_000, edited.GetProperty("monthlyWageFen").GetInt64());
        Assert.NotEqual(v1, VersionOf(edited));
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/employment/placements/{id}",
            Body(person, "2026-09-01", employerName: "自找单位（个体）", wageFen: 800_000, version: v1)), HttpStatusCode.Conflict);
        var now = await GetPlacement(county, id);
        Assert.Equal(700_000, now.GetProperty("monthlyWageFen").GetInt64());
        Assert.Equal(["2026-10-01", "2026-12-01", "2027-03-01", "2027-09-01"], Checks(now).Select(c => c.DueOn));
        await HttpAssert.Problem(await county.PutAsJsonAsync("/api/employment/placements/987654",
            Body(person, "2026-09-01", employerName: "x", version: v1)), HttpStatusCode.NotFound);
    }
}

public sealed class EmploymentPlacementValidationTests_Sqlite(ClockedSqliteApp app) : EmploymentPlacementValidationTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentPlacementValidationTests_Postgres(ClockedPostgresApp app) : EmploymentPlacementValidationTests(app), IClassFixture<ClockedPostgresApp>;
