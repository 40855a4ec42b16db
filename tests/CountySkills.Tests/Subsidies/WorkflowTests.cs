using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>A claim's way through review, who may take each step, and what each role may see.</summary>
public abstract class SubsidyWorkflowTests(ClockedApp app)
{
    [Fact]
    public async Task A_reviewer_decides_each_line_and_a_returned_line_sends_the_claim_back_to_the_institution()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "审核流程班", Count = 3, Absent = [2] });
        var claim = await Claim(school, c.ClassId);
        var id = IdOf(claim);
        long L(int i) => Line(claim, c[i]).GetProperty("id").GetInt64();

        var submitted = await Step(school, id, "submit");
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var forbidden = await Refused(await MoveClaim(school, id, "review"), HttpStatusCode.Forbidden, "transition.forbidden");
        Assert.DoesNotContain("Exception", forbidden.ToString());
        await Refused(await MoveClaim(county, id, "approve"), HttpStatusCode.Conflict, "claim.invalid_state");

        var ineligible = await Refused(await MoveClaim(county, id, "review", new[] { new { lineId = L(2), decision = "approve", reason = (string?)null } }),
            HttpStatusCode.BadRequest, "line.ineligible");
        Assert.Contains("出勤率不足", ineligible.GetProperty("detail").GetString());
        await Refused(await MoveClaim(county, id, "review", new[] { new { lineId = L(0), decision = "reject", reason = "" } }), HttpStatusCode.BadRequest, "line.reason_required");
        await Refused(await MoveClaim(county, id, "review", new[] { new { lineId = L(0), decision = "return", reason = " " } }), HttpStatusCode.BadRequest, "line.reason_required");
        Assert.Equal("Submitted", (await GetClaim(county, id)).GetProperty("status").GetString());

        var back = await Step(county, id, "review", new[] { new { lineId = L(1), decision = "退回", reason = "身份证复印件不清晰" } });
        Assert.Equal("Returned", back.GetProperty("status").GetString());
        Assert.Equal("Returned", Line(back, c[1]).GetProperty("decision").GetString());
        Assert.Equal("身份证复印件不清晰", Line(back, c[1]).GetProperty("decisionReason").GetString());
        Assert.Equal("Approved", Line(back, c[0]).GetProperty("decision").GetString());
        Assert.Equal("Rejected", Line(back, c[2]).GetProperty("decision").GetString());
        Assert.Contains("出勤率", Line(back, c[2]).GetProperty("decisionReason").GetString());

        var again = await Step(school, id, "submit");
        Assert.Equal("Submitted", again.GetProperty("status").GetString());
        Assert.Equal("Pending", Line(again, c[1]).GetProperty("decision").GetString());
        var reviewed = await Step(county, id, "review");
        Assert.Equal("Reviewed", reviewed.GetProperty("status").GetString());
        Assert.Equal("Approved", Line(reviewed, c[1]).GetProperty("decision").GetString());
        Assert.Equal(2 * 140_000, reviewed.GetProperty("approvedFen").GetInt64());
        Assert.Equal(["Submit", "Review", "Submit", "Review"],
            reviewed.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToArray());
        await Refused(await MoveClaim(school, id, "publish"), HttpStatusCode.Forbidden, "transition.forbidden");
    }

    [Fact]
    public async Task Only_a_draft_may_be_deleted_and_a_submitted_claim_may_be_withdrawn_to_draft()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "删除草稿班", Count = 1 });
        var id = IdOf(await Claim(county, c.ClassId));
        await Step(county, id, "submit");
        await Refused(await county.DeleteAsync($"/api/subsidies/claims/{id}"), HttpStatusCode.Conflict, "claim.invalid_state");
        Assert.Equal("Draft", (await Step(county, id, "withdraw")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/subsidies/claims/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/subsidies/claims/{id}")).StatusCode);
        // The class may be claimed again once its draft is gone.
        Assert.Equal("Draft", (await Claim(county, c.ClassId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_reviewers_at_once_one_wins_and_the_other_gets_409_showing_the_current_status()
    {
        var c = await CompletedClass(app, await app.ClientFor("county"), new ClassPlan { Name = "并发审核班", Count = 2 });
        var first = await app.ClientFor("county");
        var second = await app.ClientFor("admin");
        var id = IdOf(await Claim(first, c.ClassId));
        var version = (await Step(first, id, "submit")).GetProperty("version").GetGuid();

        var both = await Task.WhenAll(MoveClaim(first, id, "review", version: version), MoveClaim(second, id, "review", version: version));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order().ToArray());
        var loser = both.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var p = await Refused(loser, HttpStatusCode.Conflict, "claim.stale");
        Assert.Equal("Reviewed", p.GetProperty("currentStatus").GetString());
        Assert.Equal("Reviewed", p.GetProperty("current").GetProperty("status").GetString());
        var now = await GetClaim(first, id);
        Assert.Single(now.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("action").GetString() == "Review");

        // A stale version alone is refused the same way.
        var stale = await Refused(await MoveClaim(first, id, "publish", version: version), HttpStatusCode.Conflict, "claim.stale");
        Assert.Equal("Reviewed", stale.GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task Two_claims_for_one_class_at_the_same_time_make_one_claim_and_one_409()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "并发申请班", Count = 1 });
        var both = await Task.WhenAll(TryClaim(county, c.ClassId), TryClaim(await app.ClientFor("school01"), c.ClassId));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order().ToArray());
        await Refused(both.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "claim.duplicate");
        Assert.Equal(1, (await HttpAssert.Json(await county.GetAsync("/api/subsidies/claims?q=并发申请班"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_institution_sees_only_its_own_claims_and_another_institutions_claim_is_403_without_names()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var own = await CompletedClass(app, county, new ClassPlan { Name = "本校范围班", Count = 1 });
        var other = await CompletedClass(app, county, new ClassPlan { Name = "外校范围班", Count = 2, InstitutionId = await OtherInstitutionId(app) });
        var ownId = IdOf(await Claim(school, own.ClassId));
        var otherId = IdOf(await Claim(county, other.ClassId));

        var list = await HttpAssert.Json(await school.GetAsync("/api/subsidies/claims?pageSize=200"));
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(ownId, ids);
        Assert.DoesNotContain(otherId, ids);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(own.InstitutionId, i.GetProperty("institutionId").GetInt64()));
        Assert.Contains(otherId, (await HttpAssert.Json(await county.GetAsync("/api/subsidies/claims?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()));

        foreach (var r in new[] { await school.GetAsync($"/api/subsidies/claims/{otherId}"), await MoveClaim(school, otherId, "submit"),
                     await school.GetAsync($"/api/subsidies/claims/{otherId}/objections"), await school.DeleteAsync($"/api/subsidies/claims/{otherId}") })
        {
            var body = (await HttpAssert.Problem(r, HttpStatusCode.Forbidden)).ToString();
            Assert.DoesNotContain(other[0].Name, body);
            Assert.DoesNotContain(other[1].Name, body);
            Assert.DoesNotContain("外校范围班", body);
        }
        Assert.Equal("Draft", (await GetClaim(county, otherId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Auditors_read_but_do_not_write_and_township_employer_and_viewer_accounts_are_kept_out()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "审计只读班", Count = 1 });
        var again = await CompletedClass(app, county, new ClassPlan { Name = "审计未申请班", Count = 1 });
        var id = IdOf(await Claim(county, c.ClassId));
        await Step(county, id, "submit");

        var auditor = await app.ClientFor("auditor");
        Assert.Equal(id, IdOf(await GetClaim(auditor, id)));
        await HttpAssert.Json(await auditor.GetAsync("/api/subsidies/claims"));
        await HttpAssert.Problem(await TryClaim(auditor, again.ClassId), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await MoveClaim(auditor, id, "review"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await auditor.PutAsJsonAsync("/api/subsidies/budgets", new { year = 2026, fund = "Other", amountFen = 1 }), HttpStatusCode.Forbidden);
        Assert.Equal("Submitted", (await GetClaim(county, id)).GetProperty("status").GetString());

        foreach (var user in new[] { "town01", "employer01", "viewer" })
        {
            var client = await app.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/subsidies/claims")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/subsidies/claims/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await TryClaim(client, again.ClassId)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/subsidies/claims")).StatusCode);
        Assert.Equal(0, (await HttpAssert.Json(await county.GetAsync("/api/subsidies/claims?q=审计未申请班"))).GetProperty("total").GetInt32());
    }
}

public sealed class SubsidyWorkflowTests_Sqlite(ClockedSqliteApp app) : SubsidyWorkflowTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyWorkflowTests_Postgres(ClockedPostgresApp app) : SubsidyWorkflowTests(app), IClassFixture<ClockedPostgresApp>;
