using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>The holes a careful reviewer of the subsidy rules would try: ordering between claims, duplicates, backdating, payment results.</summary>
public abstract class SubsidySafeguardTests(ClockedApp app)
{
    const long Junior = 120_000;

    [Fact]
    public async Task Of_two_claims_for_the_same_person_the_one_submitted_first_keeps_the_last_subsidy_of_the_year()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1987);
        await AddPerson(county, id, "两头申报");
        await ImportHistory(county, "commit",
            HistoryRow(id, "两头申报", "6-31-01-03", "初级", "2026-02-10"), HistoryRow(id, "两头申报", "4-03-02-01", "初级", "2026-04-10"));
        var a = await CompletedClass(app, county, new ClassPlan { Name = "先报机构班", Count = 1, People = [id], Start = "2026-06-01", End = "2026-06-19" });
        var b = await CompletedClass(app, county, new ClassPlan
        {
            Name = "后报机构班", Count = 1, People = [id], InstitutionId = await OtherInstitutionId(app), Start = "2026-09-01", End = "2026-09-18", Occupation = Welder,
        });
        // Both drafts see two subsidies so far and are eligible; submission order decides.
        var (first, second) = (IdOf(await Claim(county, a.ClassId)), IdOf(await Claim(county, b.ClassId)));
        EligibleFor(Line(await Step(county, first, "submit"), a[0]), Junior);
        var late = Line(await Step(county, second, "submit"), b[0]);
        IneligibleFor(late, "over_yearly_limit");
        Assert.Contains((await GetClaim(county, first)).GetProperty("number").GetString()!, Explained(late));
        // Reviewing the first claim judges it again: the later claim does not stand against it.
        var reviewed = await Step(county, first, "review");
        Assert.Equal("Approved", Line(reviewed, a[0]).GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_trainee_enrolled_under_a_duplicate_record_is_judged_with_the_surviving_records_history()
    {
        var county = await app.ClientFor("county");
        var (survivor, duplicate) = (Ids.New(1986), Ids.New(1986));
        var s = (await AddPerson(county, survivor, "合并主记录")).GetProperty("id").GetInt64();
        await AddPerson(county, duplicate, "合并主记录");
        await ImportHistory(county, "commit", HistoryRow(survivor, "合并主记录", "家政服务员", "初级", "2025-05-20"));
        var c = await CompletedClass(app, county, new ClassPlan { Name = "重复记录班", Count = 1, People = [duplicate] });
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{s}/merge", new { mergedId = c[0].PersonId }));

        var line = Line(await Claim(county, c.ClassId), c[0]);
        IneligibleFor(line, "same_level_already_subsidised");
        Assert.Contains("2025-05-20", Explained(line));
    }

    [Fact]
    public async Task A_notice_cannot_be_backdated_more_than_thirty_days_and_a_backdated_one_is_flagged_to_the_reviewer()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "补录公示班", Count = 1 });
        var id = IdOf(await Claim(county, c.ClassId));
        await Reviewed(county, id);
        var today = app.Clock.Today;
        await Refused(await MoveClaim(county, id, "publish", reason: "补录", noticeStartsOn: today.AddDays(-31).ToString("yyyy-MM-dd")), HttpStatusCode.BadRequest, "notice.too_early");
        Assert.Equal("Reviewed", (await GetClaim(county, id)).GetProperty("status").GetString());
        var published = await Step(county, id, "publish", reason: "已在乡镇公告栏张贴", noticeStartsOn: today.AddDays(-20).ToString("yyyy-MM-dd"));
        var flag = Assert.Single(published.GetProperty("signals").EnumerateArray(), x => x.GetProperty("code").GetString() == "notice_backdated");
        Assert.Contains("乡镇公告栏", flag.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_payment_result_cannot_say_a_line_was_both_paid_and_failed_and_objectors_contacts_stay_with_the_county()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "回盘冲突班", Count = 2 });
        var id = IdOf(await Claim(county, c.ClassId));
        var approved = await Approved(county, id, app.Clock.Today);
        var line = Line(approved, c[0]).GetProperty("id").GetInt64();
        var batch = await HttpAssert.Json(await county.PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { id } }), HttpStatusCode.Created);
        var r = await county.PostAsJsonAsync($"/api/subsidies/payment-batches/{IdOf(batch)}/results",
            new { paidLineIds = new[] { line }, failed = new[] { new { lineId = line, reason = "账号不符" } } });
        await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        var after = await HttpAssert.Json(await county.GetAsync($"/api/subsidies/payment-batches/{IdOf(batch)}"));
        Assert.All(after.GetProperty("items").EnumerateArray(), i => Assert.Equal("InBatch", i.GetProperty("status").GetString()));
        // allPaid with one failure listed: the rest are paid, that one failed.
        var mixed = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/subsidies/payment-batches/{IdOf(batch)}/results",
            new { allPaid = true, failed = new[] { new { lineId = line, reason = "账号不符" } } }));
        Assert.Equal((1, 1), (mixed.GetProperty("paid").GetInt32(), mixed.GetProperty("failedCount").GetInt32()));

        await HttpAssert.Problem(await (await app.ClientFor("school01")).GetAsync($"/api/subsidies/claims/{id}/objections"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await county.GetAsync("/api/subsidies/budgets?year=0"), HttpStatusCode.BadRequest);
    }
}

public sealed class SubsidySafeguardTests_Sqlite(ClockedSqliteApp app) : SubsidySafeguardTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidySafeguardTests_Postgres(ClockedPostgresApp app) : SubsidySafeguardTests(app), IClassFixture<ClockedPostgresApp>;
