using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data.Demo;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>Each rule of 豫人社规〔2022〕2号 as a claim line shows it: the reason code, a Chinese explanation naming the evidence, and the amount.</summary>
public abstract class SubsidyClaimRuleTests(ClockedApp app)
{
    const long Junior = 120_000, JuniorAssessment = 20_000;

    [Fact]
    public async Task A_claim_has_a_line_per_trainee_with_the_amount_or_the_reasons_for_attendance_failure_and_missing_certificate()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "规则家政班", Count = 5, Absent = [1], Failed = [2], NoCertificate = [3], MissedOne = [4] });
        var claim = await Claim(county, c.ClassId);
        Assert.Equal("Draft", claim.GetProperty("status").GetString());
        Assert.StartsWith("BT2026-", claim.GetProperty("number").GetString());
        Assert.Equal(5, claim.GetProperty("lines").GetArrayLength());

        var ok = Line(claim, c[0]);
        EligibleFor(ok, Junior);
        Assert.Equal(JuniorAssessment, ok.GetProperty("assessmentFen").GetInt64());
        Assert.Equal(c[0].Masked, ok.GetProperty("idNumber").GetString());
        Assert.Equal("Junior", ok.GetProperty("level").GetString());
        Assert.Equal("SkillLevel", ok.GetProperty("kind").GetString());
        Assert.Equal("2026-10-28", ok.GetProperty("certificateIssuedOn").GetString());
        Assert.Equal(100m, ok.GetProperty("attendanceRate").GetDecimal());
        Assert.DoesNotContain(c[0].IdNumber, claim.ToString());

        var absent = Line(claim, c[1]);
        IneligibleFor(absent, "attendance_below_minimum");
        Assert.Contains("80%", Explained(absent));
        var failed = Line(claim, c[2]);
        IneligibleFor(failed, "not_completed");
        Assert.False(failed.GetProperty("completed").GetBoolean());
        var uncertified = Line(claim, c[3]);
        IneligibleFor(uncertified, "certificate_missing");
        Assert.Contains("证书", Explained(uncertified));
        var partly = Line(claim, c[4]);
        IneligibleFor(partly, "attendance_below_minimum");
        Assert.Contains("66.7%", Explained(partly));
        Assert.Equal(Junior + JuniorAssessment, claim.GetProperty("eligibleFen").GetInt64());
    }

    [Fact]
    public async Task A_certificate_issued_more_than_twelve_months_before_the_claim_is_out_of_the_claim_window()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "过期证书班", Count = 1, Start = "2025-09-01", End = "2025-09-19", CertificateIssuedOn = "2025-09-25" });
        var line = Line(await Claim(county, c.ClassId), c[0]);
        IneligibleFor(line, "claim_window_expired");
        Assert.Contains("2025-09-25", Explained(line));
        Assert.Contains(line.GetProperty("certificateNumber").GetString()!, Explained(line));
    }

    [Fact]
    public async Task A_trainee_past_working_age_at_the_class_start_is_refused_with_the_age_named()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "超龄学员班", Count = 2, BirthYears = new() { [0] = 1960 } });
        var claim = await Claim(county, c.ClassId);
        var old = Line(claim, c[0]);
        IneligibleFor(old, "age_out_of_range");
        Assert.Contains("66 岁", Explained(old));
        EligibleFor(Line(claim, c[1]), Junior);
    }

    [Fact]
    public async Task A_class_at_an_institution_not_on_the_catalogue_gets_no_subsidy()
    {
        var county = await app.ClientFor("county");
        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/training/institutions", new
        {
            name = "禾丰县未入目录培训学校", creditCode = DemoSeeder.CreditCodeFor(700 + Random.Shared.Next(1000), "52"), kind = "PrivateSchool",
            areaCode = "419921001001", onCatalogue = false,
        }), HttpStatusCode.Created);
        Assert.False(created.GetProperty("onCatalogue").GetBoolean());
        var c = await CompletedClass(app, county, new ClassPlan { Name = "目录外机构班", Count = 1, InstitutionId = IdOf(created) });
        var line = Line(await Claim(county, c.ClassId), c[0]);
        IneligibleFor(line, "institution_not_listed");
        Assert.Contains("禾丰县未入目录培训学校", Explained(line));
    }

    [Fact]
    public async Task Three_subsidies_in_a_year_block_a_fourth_that_year_but_not_one_claimed_the_next_year()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1988);
        await AddPerson(county, id, "年度上限人");
        var report = await ImportHistory(county, "commit",
            HistoryRow(id, "年度上限人", Welder, "初级", "2026-02-10"),
            HistoryRow(id, "年度上限人", "6-31-01-03", "初级", "2026-05-10"),
            HistoryRow(id, "年度上限人", "4-03-02-01", "初级", "2026-08-10"));
        Assert.Equal(3, report.GetProperty("created").GetInt32());

        var c = await CompletedClass(app, county, new ClassPlan { Name = "年度上限班", Count = 2, People = [id] });
        var claim = await Claim(county, c.ClassId);
        var line = Line(claim, c[0]);
        IneligibleFor(line, "over_yearly_limit");
        Assert.Contains("2026 年已享受 3 次", Explained(line));
        Assert.Contains("2026-08-10", Explained(line));
        EligibleFor(Line(claim, c[1]), Junior);

        object Facts(string onDate) => new { idNumber = id, occupationCode = Housekeeping, level = "Junior", certificateKind = "SkillLevel", certificateIssuedOn = "2026-10-28", onDate };
        var thisYear = await HttpAssert.Json(await Check(county, Facts("2026-12-31")));
        Assert.Equal(["over_yearly_limit"], thisYear.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToArray());
        var nextYear = await HttpAssert.Json(await Check(county, Facts("2027-01-04")));
        Assert.True(nextYear.GetProperty("eligible").GetBoolean(), nextYear.ToString());
        Assert.Equal(Junior, nextYear.GetProperty("amountFen").GetInt64());
    }

    [Fact]
    public async Task The_same_level_subsidised_at_another_institution_or_a_higher_level_already_subsidised_blocks_the_line()
    {
        var county = await app.ClientFor("county");
        var schoolId = await SchoolId(app);
        var otherId = await OtherInstitutionId(app);
        // Q: claimed at institution A in June, trained again at B in October.
        var a = await CompletedClass(app, county, new ClassPlan { Name = "甲机构家政班", Count = 1, InstitutionId = schoolId, Start = "2026-06-01", End = "2026-06-19" });
        var first = await Reviewed(county, IdOf(await Claim(county, a.ClassId)));
        Assert.Equal("Reviewed", first.GetProperty("status").GetString());
        // R: an imported intermediate subsidy in the same occupation.
        var r = Ids.New(1985);
        await AddPerson(county, r, "已有中级补贴");
        await ImportHistory(county, "commit", HistoryRow(r, "已有中级补贴", "家政服务员", "中级", "2025-06-30", 1600, "外县职业培训学校", "S000141000001254000777"));

        var b = await CompletedClass(app, county, new ClassPlan { Name = "乙机构家政班", Count = 3, InstitutionId = otherId, People = [a[0].IdNumber, r] });
        var claim = await Claim(county, b.ClassId);
        var same = Line(claim, b[0]);
        IneligibleFor(same, "same_level_already_subsidised");
        Assert.Contains(first.GetProperty("number").GetString()!, Explained(same));
        Assert.Contains(first.GetProperty("institutionName").GetString()!, Explained(same));
        var higher = Line(claim, b[1]);
        IneligibleFor(higher, "higher_level_already_subsidised");
        Assert.Contains("S000141000001254000777", Explained(higher));
        Assert.Contains("外县职业培训学校", Explained(higher));
        EligibleFor(Line(claim, b[2]), Junior);
    }

    [Fact]
    public async Task A_claim_is_refused_for_a_class_not_completed_not_subsidised_already_claimed_or_out_of_the_institutions_scope()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var running = await CompletedClass(app, county, new ClassPlan { Name = "未结业班", Count = 1, Complete = false });
        await Refused(await TryClaim(county, running.ClassId), HttpStatusCode.Conflict, "claim.class_not_completed");
        var unpaid = await CompletedClass(app, county, new ClassPlan { Name = "非补贴班", Count = 1, Subsidised = false });
        await Refused(await TryClaim(county, unpaid.ClassId), HttpStatusCode.Conflict, "claim.class_not_subsidised");

        var done = await CompletedClass(app, county, new ClassPlan { Name = "本校结业班", Count = 1 });
        var mine = await Claim(school, done.ClassId);
        var dup = await Refused(await TryClaim(county, done.ClassId), HttpStatusCode.Conflict, "claim.duplicate");
        Assert.Contains(mine.GetProperty("number").GetString()!, dup.GetProperty("detail").GetString());

        var other = await CompletedClass(app, county, new ClassPlan { Name = "外校结业班", Count = 1, InstitutionId = await OtherInstitutionId(app) });
        await HttpAssert.Problem(await TryClaim(school, other.ClassId), HttpStatusCode.Forbidden);
        var list = await HttpAssert.Json(await county.GetAsync($"/api/subsidies/claims?q=外校结业班"));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }
}

public sealed class SubsidyClaimRuleTests_Sqlite(ClockedSqliteApp app) : SubsidyClaimRuleTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyClaimRuleTests_Postgres(ClockedPostgresApp app) : SubsidyClaimRuleTests(app), IClassFixture<ClockedPostgresApp>;
