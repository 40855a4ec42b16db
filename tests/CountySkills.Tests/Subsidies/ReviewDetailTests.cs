using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>A reviewer working line by line, and sending a whole claim back.</summary>
public abstract class SubsidyReviewDetailTests(ClockedApp app)
{
    static Task<HttpResponseMessage> Decide(HttpClient c, long claimId, long lineId, string decision, string? reason = null, Guid? version = null) =>
        c.PostAsJsonAsync($"/api/subsidies/claims/{claimId}/lines/{lineId}/decision", new { decision, reason, version });

    [Fact]
    public async Task A_line_decided_on_its_own_is_kept_when_the_review_is_finished_and_a_stale_decision_is_409()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "逐人审核班", Count = 3 });
        var id = IdOf(await Claim(county, c.ClassId));
        var submitted = await Step(county, id, "submit");
        var (a, b) = (Line(submitted, c[0]).GetProperty("id").GetInt64(), Line(submitted, c[1]).GetProperty("id").GetInt64());

        await Refused(await Decide(county, id, a, "reject"), HttpStatusCode.BadRequest, "line.reason_required");
        await HttpAssert.Problem(await Decide(await app.ClientFor("school01"), id, a, "approve"), HttpStatusCode.Forbidden);
        var decided = await HttpAssert.Json(await Decide(county, id, a, "reject", "证书与本人照片不符"));
        Assert.Equal("Rejected", Line(decided, c[0]).GetProperty("decision").GetString());
        Assert.Equal("Submitted", decided.GetProperty("status").GetString());
        // Someone who read the claim before that decision cannot decide on top of it.
        await Refused(await Decide(county, id, b, "return", "请补充考勤照片", submitted.GetProperty("version").GetGuid()), HttpStatusCode.Conflict, "claim.stale");

        var reviewed = await Step(county, id, "review");
        Assert.Equal("Reviewed", reviewed.GetProperty("status").GetString());
        Assert.Equal("Rejected", Line(reviewed, c[0]).GetProperty("decision").GetString());
        Assert.Equal("证书与本人照片不符", Line(reviewed, c[0]).GetProperty("decisionReason").GetString());
        Assert.Equal("Approved", Line(reviewed, c[1]).GetProperty("decision").GetString());
        Assert.Equal(2 * (120_000 + 20_000), reviewed.GetProperty("approvedFen").GetInt64());
        await Refused(await Decide(county, id, b, "reject", "太晚"), HttpStatusCode.Conflict, "claim.invalid_state");
    }

    [Fact]
    public async Task The_reviewer_may_send_the_whole_claim_back_with_a_reason_and_the_institution_submits_it_again()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "整单退回班", Count = 2 });
        var id = IdOf(await Claim(school, c.ClassId));
        await Step(school, id, "submit");
        await Refused(await MoveClaim(county, id, "return"), HttpStatusCode.BadRequest, "claim.reason_required");
        Assert.Equal("Submitted", (await GetClaim(county, id)).GetProperty("status").GetString());
        await HttpAssert.Problem(await MoveClaim(school, id, "return", reason: "自己退回"), HttpStatusCode.Forbidden);

        var back = await Step(county, id, "return", reason: "培训照片缺失，请补充后重新提交");
        Assert.Equal("Returned", back.GetProperty("status").GetString());
        Assert.All(back.GetProperty("lines").EnumerateArray(), l => Assert.Equal("Returned", l.GetProperty("decision").GetString()));
        Assert.Contains("培训照片缺失", back.GetProperty("transitions").EnumerateArray().Last().GetProperty("reason").GetString());

        var again = await Step(school, id, "submit");
        Assert.Equal("Submitted", again.GetProperty("status").GetString());
        Assert.All(again.GetProperty("lines").EnumerateArray(), l => Assert.Equal("Pending", l.GetProperty("decision").GetString()));
    }
}

public sealed class SubsidyReviewDetailTests_Sqlite(ClockedSqliteApp app) : SubsidyReviewDetailTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyReviewDetailTests_Postgres(ClockedPostgresApp app) : SubsidyReviewDetailTests(app), IClassFixture<ClockedPostgresApp>;
