using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Training;

/// <summary>The safeguards an auditor asks about: what a refusal may reveal, what is frozen once certified, what a
/// correction may reuse.</summary>
public abstract class SafeguardTests(AppFactory app)
{
    [Fact]
    public async Task An_institution_is_not_told_which_class_of_another_institution_a_person_is_in()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var other = (await CreateClass(county, "他校保密班", await OtherInstitutionId(app), "2026-04-01", "2026-04-30")).GetProperty("id").GetInt64();
        var (_, id) = await NewTrainee(county, other, "他校学员甲");
        var mine = (await CreateClass(school, "本校四月班", null, "2026-04-10", "2026-04-20")).GetProperty("id").GetInt64();
        var p = await Refused(await TryEnrol(school, mine, id, "他校学员甲", Village), HttpStatusCode.Conflict, "enrolment.overlap");
        var detail = p.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("他校保密班", detail);
        Assert.DoesNotContain("他校学员甲", detail);
        Assert.Contains("其他培训机构", detail);
        // County staff are told exactly which class.
        var countyClass = (await CreateClass(county, "县里四月班", await SchoolId(app), "2026-04-15", "2026-04-25")).GetProperty("id").GetInt64();
        Assert.Contains("他校保密班", (await Refused(await TryEnrol(county, countyClass, id), HttpStatusCode.Conflict, "enrolment.overlap")).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Moving_a_class_onto_the_dates_of_a_trainees_other_class_is_refused_and_changes_nothing()
    {
        var county = await app.ClientFor("county");
        var first = (await CreateClass(county, "五月甲班", await SchoolId(app), "2026-05-01", "2026-05-10")).GetProperty("id").GetInt64();
        var second = await CreateClass(county, "五月乙班", await SchoolId(app), "2026-05-20", "2026-05-30");
        var secondId = second.GetProperty("id").GetInt64();
        var (_, id) = await NewTrainee(county, first, "改期学员");
        await Enrol(county, secondId, id);
        var version = (await GetClass(county, secondId)).GetProperty("version").GetGuid();
        var moved = await county.PutAsJsonAsync($"/api/training/classes/{secondId}",
            ClassBody("五月乙班", await SchoolId(app), "2026-05-05", "2026-05-15", version: version));
        Assert.Contains("改期学员", (await Refused(moved, HttpStatusCode.Conflict, "enrolment.overlap")).GetProperty("detail").GetString());
        Assert.Equal("2026-05-20", (await GetClass(county, secondId)).GetProperty("startDate").GetString());
    }

    [Fact]
    public async Task A_result_cannot_turn_to_fail_while_the_certificate_it_earned_stands()
    {
        var county = await app.ClientFor("county");
        var classId = (await CreateClass(county, "发证后改成绩班", await SchoolId(app), "2026-02-01", "2026-02-20")).GetProperty("id").GetInt64();
        var (enrolment, _) = await NewTrainee(county, classId, "已取证学员");
        await Advance(county, classId, "submit", "approve", "start");
        var session = await AddSession(county, classId, "2026-02-02");
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{session}/attendance", new { allPresent = true }));
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", new { results = new[] { new { enrolmentId = enrolment, passed = true, score = 90m } } }));
        await Advance(county, classId, "complete");
        var issued = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates",
            new { kind = "TrainingCompletion", issuer = "县高级技工学校", issuedOn = "2026-02-25" }));
        Assert.Single(issued.GetProperty("issued").EnumerateArray());
        var r = await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", new { results = new[] { new { enrolmentId = enrolment, passed = false, score = 30m } } });
        Assert.Contains("撤销", (await HttpAssert.Problem(r, HttpStatusCode.BadRequest)).GetProperty("errors").ToString());
        Assert.True((await Roster(county, classId)).Single().GetProperty("passed").GetBoolean());
        // Its attendance is evidence now, too.
        await Refused(await county.PutAsJsonAsync($"/api/training/sessions/{session}/attendance", new { records = new[] { new { enrolmentId = enrolment, present = false } } }),
            HttpStatusCode.Conflict, "attendance.locked");
        Assert.Equal(100m, (await Roster(county, classId)).Single().GetProperty("attendanceRate").GetDecimal());
    }

    [Fact]
    public async Task A_number_revoked_as_entered_in_error_can_be_registered_to_the_right_holder()
    {
        var county = await app.ClientFor("county");
        var wrong = Ids.New(1987); await AddPerson(county, wrong, "登错的人");
        var right = Ids.New(1989); await AddPerson(county, right, "真正持证人");
        var number = SkillNumber(5);
        object Body(string id) => new { idNumber = id, kind = "SkillLevel", occupationCode = Housekeeping, level = "Junior", number, issuer = "县职业技能等级认定中心", issuedOn = "2026-08-01" };
        var first = await HttpAssert.Json(await county.PostAsJsonAsync("/api/certificates", Body(wrong)), HttpStatusCode.Created);
        await Refused(await county.PostAsJsonAsync("/api/certificates", Body(right)), HttpStatusCode.Conflict, "certificate.duplicate_number");
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/certificates/{first.GetProperty("id").GetInt64()}/revoke", new { reason = "持证人登记错误" }));
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/certificates", Body(right)), HttpStatusCode.Created);
        var verified = await HttpAssert.Json(await app.CreateClient().GetAsync($"/api/public/certificates/{number}"));
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("真***人", verified.GetProperty("holderName").GetString());
    }

    [Fact]
    public async Task A_merged_duplicate_record_still_counts_for_the_duplicate_and_overlap_rules()
    {
        var county = await app.ClientFor("county");
        var x = (await CreateClass(county, "七月甲班", await SchoolId(app), "2026-07-01", "2026-07-10")).GetProperty("id").GetInt64();
        var y = (await CreateClass(county, "七月乙班", await SchoolId(app), "2026-07-05", "2026-07-15")).GetProperty("id").GetInt64();
        var survivorId = Ids.New(1986);
        var survivor = (await AddPerson(county, survivorId, "合并保留人")).GetProperty("id").GetInt64();
        var (_, duplicateId) = await NewTrainee(county, x, "合并重复人");
        var duplicate = (await HttpAssert.Json(await county.GetAsync($"/api/people?q={duplicateId}"))).GetProperty("items")[0].GetProperty("id").GetInt64();
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{survivor}/merge", new { mergedId = duplicate }));
        await Refused(await TryEnrol(county, x, survivorId), HttpStatusCode.Conflict, "enrolment.duplicate");
        await Refused(await TryEnrol(county, y, survivorId), HttpStatusCode.Conflict, "enrolment.overlap");
    }

    [Fact]
    public async Task Odd_json_is_a_400_not_a_crash()
    {
        var county = await app.ClientFor("county");
        var classId = (await CreateClass(county, "怪输入班", await SchoolId(app), "2026-01-05", "2026-01-20")).GetProperty("id").GetInt64();
        await NewTrainee(county, classId, "怪输入学员");
        await Advance(county, classId, "submit", "approve", "start");
        var session = await AddSession(county, classId, "2026-01-06");
        await HttpAssert.Problem(await county.PutAsync($"/api/training/sessions/{session}/attendance", JsonContent.Create(new { records = new object?[] { null } })), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await county.PutAsync($"/api/training/classes/{classId}/results", JsonContent.Create(new { results = new object?[] { null } })), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/training/classes", ClassBody("远未来班", await SchoolId(app), "9999-12-31", "9999-12-31")), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await app.CreateClient().GetAsync($"/api/public/certificates/{new string('A', 2400)}/qr"), HttpStatusCode.NotFound);
    }
}

public sealed class SafeguardTests_Sqlite(SqliteApp app) : SafeguardTests(app), IClassFixture<SqliteApp>;
public sealed class SafeguardTests_Postgres(PostgresApp app) : SafeguardTests(app), IClassFixture<PostgresApp>;
