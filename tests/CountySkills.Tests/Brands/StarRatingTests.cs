using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>
/// What the system proposes for a member (complaint-free months of service, commendations, certificates, age and education against the
/// brand's scheme), and the officer's rating: the proposal as is, or another level with a reason. The clock stands at 2026-11-30.
/// </summary>
public abstract class StarRatingTests(ClockedApp app)
{
    const string Housekeeper = "4-10-01-06", Nanny = "4-10-01-02", Dietitian = "4-03-02-05";

    async Task<(HttpClient County, long Member, string IdNumber)> Candidate(string name, int year = 1988, string? education = null)
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var brand = IdOf(await NewBrand(county));
        var (person, id) = await Person(county, name, year, education);
        return (county, await Join(county, brand, person), id);
    }

    async Task<long> PersonOf(HttpClient c, long member) => (await Member(c, member)).GetProperty("personId").GetInt64();

    [Fact]
    public async Task Seven_months_of_service_with_a_junior_housekeeping_certificate_is_two_stars_and_a_valid_complaint_restarts_the_count()
    {
        var (county, member, id) = await Candidate("张秀英");
        Assert.Equal("None", Str(await Proposal(county, member), "level"));   // no certificate yet
        await Certify(county, id, Housekeeper, "Junior");
        var p = await Proposal(county, member);
        Assert.Equal(("One", 0), (Str(p, "level"), Int(p, "complaintFreeMonths")));   // the first step needs no service

        await Placed(county, await PersonOf(county, member), "2026-04-15");              // 229 days = 7.5 months
        p = await Proposal(county, member);
        Assert.Equal(("Two", "二星", 7), (Str(p, "level"), Str(p, "levelName"), Int(p, "complaintFreeMonths")));
        Assert.Contains("三星", Str(p, "next"));
        Assert.Contains("12", Str(p, "next"));
        Assert.Contains(p.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("犯罪记录"));

        // An invalid complaint changes nothing; a valid one two months ago restarts the count from the day after.
        await Say(county, member, "Complaint", "2026-08-01", valid: false, text: "经核实不属实");
        Assert.Equal(7, Int(await Proposal(county, member), "complaintFreeMonths"));
        var detail = await Say(county, member, "Complaint", "2026-09-30", text: "服务期间多次迟到");
        p = detail.GetProperty("proposal");
        Assert.Equal(("One", 1, 1), (Str(p, "level"), Int(p, "complaintFreeMonths"), Int(p, "validComplaints")));
        Assert.Contains(p.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("2026-09-30"));
        Assert.Equal(2, detail.GetProperty("feedback").GetArrayLength());

        // Commendations after the complaint add a month each, at most six; one before it does not.
        await Say(county, member, "Commendation", "2026-09-01");
        Assert.Equal((1, 0), (Int(await Proposal(county, member), "complaintFreeMonths"), Int(await Proposal(county, member), "commendations")));
        for (var i = 0; i < 5; i++) await Say(county, member, "Commendation", $"2026-10-{10 + i}");
        p = await Proposal(county, member);
        Assert.Equal(("Two", 6, 5), (Str(p, "level"), Int(p, "complaintFreeMonths"), Int(p, "commendations")));
        for (var i = 0; i < 3; i++) await Say(county, member, "Commendation", $"2026-11-{10 + i}");
        Assert.Equal(7, Int(await Proposal(county, member), "complaintFreeMonths"));

        await FieldError(await county.PostAsJsonAsync($"/api/brands/members/{member}/feedback",
            new { kind = "Complaint", source = "客户", text = "明天的事", onDate = "2026-12-01", valid = true }), "onDate");
        await FieldError(await county.PostAsJsonAsync($"/api/brands/members/{member}/feedback", new { kind = "Complaint", text = "无来源" }), "source");
    }

    [Fact]
    public async Task A_gold_candidate_needs_the_three_certificates_and_48_months_and_a_higher_level_meets_a_lower_requirement()
    {
        var (county, member, id) = await Candidate("李春梅");
        var person = await PersonOf(county, member);
        await Placed(county, person, "2022-10-01");                                    // 1521 days = 49 months
        await Certify(county, id, Housekeeper, "Intermediate");                        // 四级 meets the 五级 of One and Two, and Three's 四级
        Assert.Equal(("Three", 49), (Str(await Proposal(county, member), "level"), Int(await Proposal(county, member), "complaintFreeMonths")));
        await Certify(county, id, Nanny, "Junior");
        Assert.Equal("Four", Str(await Proposal(county, member), "level"));
        await Certify(county, id, Housekeeper, "Advanced");
        await Certify(county, id, Nanny, "Advanced");
        var p = await Proposal(county, member);
        Assert.Equal("Five", Str(p, "level"));
        Assert.Contains(Dietitian, Str(p, "next"));
        await Certify(county, id, Dietitian, "Intermediate");
        p = await Proposal(county, member);
        Assert.Equal(("Gold", "金牌"), (Str(p, "level"), Str(p, "levelName")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("next").ValueKind);

        // The same certificates with 47 months of service are Five, not Gold.
        var (c2, m2, id2) = await Candidate("王桂兰");
        await Placed(c2, await PersonOf(c2, m2), "2022-12-20");                        // 1441 days = 47 months
        foreach (var (occ, lvl) in new[] { (Housekeeper, "Advanced"), (Nanny, "Advanced"), (Dietitian, "Intermediate") }) await Certify(c2, id2, occ, lvl);
        Assert.Equal(("Five", 47), (Str(await Proposal(c2, m2), "level"), Int(await Proposal(c2, m2), "complaintFreeMonths")));
    }

    [Theory]
    [InlineData(1965, null, "年龄")]          // 61
    [InlineData(2009, null, "年龄")]          // 16 or 17
    [InlineData(1988, "Primary", "学历")]
    public async Task Outside_18_to_55_or_with_only_primary_school_the_proposal_is_none_and_says_why(int year, string? education, string note)
    {
        var (county, member, id) = await Candidate("条件人", year, education);
        await Placed(county, await PersonOf(county, member), "2025-01-01");
        await Certify(county, id, Housekeeper, "Intermediate");
        var p = await Proposal(county, member);
        Assert.Equal("None", Str(p, "level"));
        Assert.True(Int(p, "complaintFreeMonths") >= 22);
        Assert.Contains(p.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains(note));
    }

    [Fact]
    public async Task The_proposal_is_confirmed_without_a_reason_another_level_needs_one_and_both_are_kept_in_the_history()
    {
        var (county, member, id) = await Candidate("赵玉珍");
        await Certify(county, id, Housekeeper, "Junior");
        await Placed(county, await PersonOf(county, member), "2026-04-15");
        var confirmed = await HttpAssert.Json(await Rate(county, member, "Two"));
        Assert.Equal(("Two", "二星"), (Str(confirmed, "stars"), Str(confirmed, "starsName")));

        var p = await Refused(await Rate(county, member, "Three"), HttpStatusCode.BadRequest, "stars.reason_required");
        Assert.True(p.GetProperty("errors").TryGetProperty("reason", out _), p.ToString());
        await Refused(await Rate(county, member, "One", "  "), HttpStatusCode.BadRequest, "stars.reason_required");
        Assert.Equal("Two", Str(await Member(county, member), "stars"));

        var raised = await HttpAssert.Json(await Rate(county, member, "Three", " 获省级技能大赛三等奖，破格评定 "));
        Assert.Equal("Three", Str(raised, "stars"));
        var history = raised.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(("None", "Two", "Two", "county"), (Str(history[0], "from"), Str(history[0], "to"), Str(history[0], "proposed"), Str(history[0], "by")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, history[0].GetProperty("reason").ValueKind);
        Assert.Equal(("Two", "Three", "Two", "获省级技能大赛三等奖，破格评定"), (Str(history[1], "from"), Str(history[1], "to"), Str(history[1], "proposed"), Str(history[1], "reason")));

        Assert.Contains("Seven", (await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/brands/members/{member}/stars", new { stars = "Seven" }), HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString());
        await FieldError(await county.PostAsJsonAsync($"/api/brands/members/{member}/stars", new { reason = "没有星级" }), "stars");
        await HttpAssert.Problem(await Rate(county, 999_999, "One"), HttpStatusCode.NotFound);

        // A stale version is 409; a member who left cannot be rated, and leaving twice is refused.
        var stale = (await Member(county, member)).GetProperty("version").GetGuid();
        await HttpAssert.Json(await Rate(county, member, "Three", "维持"));
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/brands/members/{member}/stars", new { stars = "Two", version = stale }), HttpStatusCode.Conflict);
        await FieldError(await county.PostAsJsonAsync($"/api/brands/members/{member}/revoke", new { reason = "" }), "reason");
        var left = await Revoke(county, member, "本人返乡务农");
        Assert.True(left.GetProperty("revoked").GetBoolean());
        Assert.Equal("本人返乡务农", Str(left, "revokeReason"));
        await Refused(await Rate(county, member, "Two"), HttpStatusCode.Conflict, "member.revoked");
        await Refused(await county.PostAsJsonAsync($"/api/brands/members/{member}/revoke", new { reason = "再次" }), HttpStatusCode.Conflict, "member.revoked");
    }
}

public sealed class StarRatingTests_Sqlite(ClockedSqliteApp app) : StarRatingTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class StarRatingTests_Postgres(ClockedPostgresApp app) : StarRatingTests(app), IClassFixture<ClockedPostgresApp>;
