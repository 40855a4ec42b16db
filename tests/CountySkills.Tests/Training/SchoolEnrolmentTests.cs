using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Training;

/// <summary>
/// A school enrols any county resident, so it must not learn whether an ID number is in the ledger: name and village go with
/// every ID and are checked before the ledger is; a known ID with another name is only "身份证号与姓名不一致"; each ID check is an
/// exact search (audited, and counted: the 61st in a minute is 429 search.throttled), a roster file counting as one.
/// </summary>
public abstract class SchoolEnrolmentTests(ClockedApp app)
{
    void NextMinutes() => app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(2));

    async Task<long> SchoolClass(HttpClient school, string name) =>
        (await CreateClass(school, name, null, "2027-01-04", "2027-01-29")).GetProperty("id").GetInt64();

    [Fact]
    public async Task A_school_enrolling_a_known_id_with_another_name_is_told_only_that_id_and_name_differ()
    {
        NextMinutes();
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var classId = await SchoolClass(school, "姓名核对班");
        var id = Ids.New(1990);
        await AddPerson(county, id, "陈建国", OtherVillage);

        var r = await TryEnrol(school, classId, id, "陈建军", Village);
        var body = await r.Content.ReadAsStringAsync();
        var p = await Refused(r, HttpStatusCode.BadRequest, "person.name_mismatch");
        Assert.Equal("身份证号与姓名不一致", p.GetProperty("detail").GetString());
        Assert.Equal(["身份证号与姓名不一致"], p.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.DoesNotContain(id[..4] + "**********" + id[^4..], body);
        Assert.DoesNotContain(id[^4..], body);
        Assert.DoesNotContain("陈建国", body);
        Assert.Empty(await Roster(school, classId));

        // County staff keep the richer message.
        var countyClass = (await CreateClass(county, "县里核对班", await SchoolId(app), "2027-02-01", "2027-02-26")).GetProperty("id").GetInt64();
        var rich = await Refused(await TryEnrol(county, countyClass, id, "陈建军"), HttpStatusCode.BadRequest, "person.name_mismatch");
        Assert.Contains(id[..4] + "**********" + id[^4..], rich.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_school_must_give_name_and_village_with_every_id_and_hears_the_same_whether_or_not_it_is_in_the_ledger()
    {
        NextMinutes();
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var classId = await SchoolClass(school, "必填核对班");
        var known = Ids.New(1991);
        await AddPerson(county, known, "已在台账", OtherVillage);

        var noVillage = await HttpAssert.SameAnswer(await TryEnrol(school, classId, Ids.New(1991), "已在台账"), await TryEnrol(school, classId, known, "已在台账"));
        Assert.Equal("person.village_required", noVillage.GetProperty("code").GetString());
        var noName = await HttpAssert.SameAnswer(await TryEnrol(school, classId, Ids.New(1991), null, Village), await TryEnrol(school, classId, known, null, Village));
        Assert.Equal("person.name_required", noName.GetProperty("code").GetString());
        var badVillage = await HttpAssert.SameAnswer(await TryEnrol(school, classId, Ids.New(1991), "已在台账", "419921999999"),
            await TryEnrol(school, classId, known, "已在台账", "419921999999"));
        Assert.Equal("village.unknown", badVillage.GetProperty("code").GetString());
        Assert.Empty(await Roster(school, classId));

        // With the right name the known person is enrolled, and the village given is not written over theirs.
        var t = await Enrol(school, classId, known, "已在台账", Village);
        Assert.Equal("已在台账", t.GetProperty("name").GetString());
        Assert.Equal(OtherVillage, (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{known}"))).GetProperty("villageCode").GetString());
        // Someone new is added to the ledger with that village.
        var newcomer = Ids.New(1992, male: false);
        await Enrol(school, classId, newcomer, "新来学员", Village);
        Assert.Equal(Village, (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{newcomer}"))).GetProperty("villageCode").GetString());
    }

    [Fact]
    public async Task A_schools_roster_may_not_hold_more_rows_than_twice_the_classs_seats()
    {
        var school = await app.ClientFor("school01");
        NextMinutes();
        var classId = (await CreateClass(school, "名额核对班", null, "2027-01-04", "2027-01-29", capacity: 10)).GetProperty("id").GetInt64();
        var rows = Enumerable.Range(0, 21).Select(i => new Dictionary<string, object?> { ["序号"] = i + 1, ["姓名"] = $"超额学员{i}", ["身份证号"] = Ids.New(1992), ["村(社区)"] = Village });
        var (status, body) = await Upload(school, $"/api/training/classes/{classId}/enrolments/imports", Xlsx(rows), "花名册.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("roster.too_long", body.GetProperty("code").GetString());
        var (fits, _) = await Upload(school, $"/api/training/classes/{classId}/enrolments/imports", Xlsx(rows.Take(20)), "花名册.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, fits);
    }

    [Fact]
    public async Task A_schools_id_checks_are_audited_and_counted_a_roster_file_as_one_and_the_61st_in_a_minute_is_429()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var classId = await SchoolClass(school, "限额核对班");
        var id = Ids.New(1989);
        var person = await AddPerson(county, id, "被反复核对");
        NextMinutes();

        for (var i = 0; i < 59; i++)
            await Refused(await TryEnrol(school, classId, id, "冒名" + i, Village), HttpStatusCode.BadRequest, "person.name_mismatch");
        // A 3-row roster is one search: it imports, and it is the 60th.
        var rows = Enumerable.Range(0, 3).Select(i => new Dictionary<string, object?> { ["序号"] = i + 1, ["姓名"] = $"花名册学员{i}", ["身份证号"] = Ids.New(1993), ["村(社区)"] = Village });
        var (status, report) = await Upload(school, $"/api/training/classes/{classId}/enrolments/imports", Xlsx(rows), "花名册.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, report.GetProperty("created").GetInt32());

        var throttled = await TryEnrol(school, classId, id, "被反复核对", Village);
        var p = await Refused(throttled, HttpStatusCode.TooManyRequests, "search.throttled");
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        var (again, _) = await Upload(school, $"/api/training/classes/{classId}/enrolments/imports", Xlsx(rows), "花名册.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.TooManyRequests, again);
        Assert.DoesNotContain("被反复核对", p.ToString());

        app.Clock.Set(app.Clock.GetUtcNow().AddSeconds(61));
        await Enrol(school, classId, id, "被反复核对", Village);

        // Every check is in the audit log against the person, masked.
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor"))
            .GetAsync($"/api/audit?entity=Person&entityKey={person.GetProperty("id").GetInt64()}&action=Search&pageSize=200"));
        Assert.Equal(60, audit.GetProperty("total").GetInt32());
        Assert.All(audit.GetProperty("items").EnumerateArray(), e => Assert.Equal("school01", e.GetProperty("userName").GetString()));
        Assert.DoesNotContain(id, audit.ToString());
        Assert.Contains("培训报名核对身份证号", audit.ToString());
    }
}

public sealed class SchoolEnrolmentTests_Sqlite(ClockedSqliteApp app) : SchoolEnrolmentTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SchoolEnrolmentTests_Postgres(ClockedPostgresApp app) : SchoolEnrolmentTests(app), IClassFixture<ClockedPostgresApp>;
