using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>What the reviewer is warned about, and where a person's subsidies show on their timeline.</summary>
public abstract class SubsidySignalsAndTimelineTests(ClockedApp app)
{
    static async Task<string> PersonWithPhone(HttpClient county, string name, string phone)
    {
        var id = Ids.New(1988);
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", new { idNumber = id, name, villageCode = Village, employmentStatus = "Farming", phone }),
            HttpStatusCode.Created);
        return id;
    }

    static JsonElement? Signal(JsonElement claim, string code) =>
        claim.GetProperty("signals").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(s => s!.Value.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_reviewer_is_warned_of_shared_phones_certificates_before_the_class_ended_and_a_trainee_claimed_elsewhere_for_the_same_weeks()
    {
        var county = await app.ClientFor("county");
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var people = new[] { await PersonWithPhone(county, "共机甲", phone), await PersonWithPhone(county, "共机乙", phone), await PersonWithPhone(county, "共机丙", phone) };
        var x = await CompletedClass(app, county, new ClassPlan
        {
            Name = "预警家政班", People = people, Count = 3, Start = "2026-10-05", End = "2026-10-23", CertificateIssuedOn = "2026-10-20",
        });
        // The same woman under a second ledger record (another ID) at another institution, in overlapping weeks.
        var y = await CompletedClass(app, county, new ClassPlan
        {
            Name = "预警重复班", InstitutionId = await OtherInstitutionId(app), Count = 1, Start = "2026-10-12", End = "2026-10-30", Occupation = Welder,
        });
        var other = await Claim(county, y.ClassId);
        var claimId = IdOf(await Claim(county, x.ClassId));

        var quiet = await GetClaim(county, claimId);
        Assert.Null(Signal(quiet, "claimed_by_two_institutions"));
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{x[0].PersonId}/merge", new { mergedId = y[0].PersonId }));

        var claim = await GetClaim(county, claimId);
        var shared = Signal(claim, "shared_phone")!.Value;
        Assert.Equal(3, shared.GetProperty("lineIds").GetArrayLength());
        Assert.Contains(phone[..3] + "****" + phone[^4..], shared.GetProperty("detail").GetString());
        Assert.DoesNotContain(phone, shared.GetProperty("detail").GetString());
        var early = Signal(claim, "certificate_before_class_end")!.Value;
        Assert.Equal(3, early.GetProperty("lineIds").GetArrayLength());
        Assert.Contains("2026-10-20", early.GetProperty("detail").GetString());
        var twice = Signal(claim, "claimed_by_two_institutions")!.Value;
        Assert.Equal(Line(claim, x[0]).GetProperty("id").GetInt64(), Assert.Single(twice.GetProperty("lineIds").EnumerateArray()).GetInt64());
        Assert.Contains(other.GetProperty("number").GetString()!, twice.GetProperty("detail").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", twice.GetProperty("title").GetString());

        // Signals are for the reviewer: the institution's own view of the claim does not name other institutions' claims.
        var own = await GetClaim(await app.ClientFor("school01"), claimId);
        Assert.Equal(0, own.GetProperty("signals").GetArrayLength());
    }

    [Fact]
    public async Task A_persons_timeline_shows_each_subsidy_line_with_its_verdict_and_the_subsidies_imported_from_the_old_records()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "时间线家政班", Count = 2, Absent = [1] });
        var claimId = IdOf(await Claim(county, c.ClassId));
        var number = (await GetClaim(county, claimId)).GetProperty("number").GetString()!;
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/subsidies/claims/{claimId}/transitions", new { action = "submit" }));
        await ImportHistory(county, "commit", HistoryRow(c[0].IdNumber, c[0].Name, "焊工", "初级", "2024-05-20", 1200));

        var first = (await HttpAssert.Json(await county.GetAsync($"/api/people/{c[0].PersonId}/timeline"))).ToString();
        Assert.Contains("培训补贴", first);
        Assert.Contains(number, first);
        Assert.Contains("符合条件", first);
        Assert.Contains("历史培训补贴", first);
        Assert.Contains("焊工", first);
        var second = (await HttpAssert.Json(await county.GetAsync($"/api/people/{c[1].PersonId}/timeline"))).ToString();
        Assert.Contains("不符合条件", second);
        Assert.Contains("出勤率不足", second);
    }

    [Fact]
    public async Task Every_eligibility_check_is_in_the_audit_log_with_who_asked_about_whom()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1992);
        var person = await AddPerson(county, id, "查询对象");
        var school = await app.ClientFor("school01");
        var answer = await HttpAssert.Json(await Check(school, new { idNumber = id, occupationCode = Housekeeping, level = "Junior" }));
        Assert.True(answer.GetProperty("eligible").GetBoolean());
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?entityKey={person.GetProperty("id").GetInt64()}&action=Reveal"));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("school01", entry.GetProperty("userName").GetString());
        Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "eligibility");
        Assert.DoesNotContain(id, entry.GetProperty("changes").GetRawText());
    }
}

public sealed class SubsidySignalsAndTimelineTests_Sqlite(ClockedSqliteApp app) : SubsidySignalsAndTimelineTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidySignalsAndTimelineTests_Postgres(ClockedPostgresApp app) : SubsidySignalsAndTimelineTests(app), IClassFixture<ClockedPostgresApp>;
