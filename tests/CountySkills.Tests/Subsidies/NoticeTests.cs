using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Admin;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>The public notice (公示): its length in working days, the objections anyone may file while it runs, and approval after it.
/// These tests move the clock and put it back.</summary>
public abstract class SubsidyNoticeTests(ClockedApp app)
{

    async Task<(BuiltClass Class, long ClaimId)> ReviewedClaim(string name, int count = 2)
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = name, Count = count });
        var id = IdOf(await Claim(county, c.ClassId));
        await Reviewed(county, id);
        return (c, id);
    }

    async Task<HttpClient> At(DateOnly day, int hour = 10)
    {
        app.Clock.SetLocal(day, hour);
        return await app.ClientFor("county");
    }

    [Fact]
    public async Task A_notice_published_on_a_Friday_runs_five_working_days_to_Thursday_and_approval_waits_until_it_has_ended()
    {
        try
        {
            var (_, id) = await ReviewedClaim("周五公示班");
            var county = await app.ClientFor("county");
            var published = await Step(county, id, "publish", noticeStartsOn: "2026-12-04");
            Assert.Equal("InNotice", published.GetProperty("status").GetString());
            Assert.Equal("2026-12-04", published.GetProperty("noticeStartsOn").GetString());
            Assert.Equal("2026-12-10", published.GetProperty("noticeEndsOn").GetString());
            Assert.Equal(id, published.GetProperty("noticeId").GetInt64());

            var early = await Refused(await MoveClaim(county, id, "approve"), HttpStatusCode.Conflict, "notice.period_not_ended");
            Assert.Contains("2026-12-10", early.GetProperty("detail").GetString());
            await Refused(await MoveClaim(await At(new DateOnly(2026, 12, 10), 17), id, "approve"), HttpStatusCode.Conflict, "notice.period_not_ended");

            var approved = await Step(await At(new DateOnly(2026, 12, 11), 9), id, "approve");
            Assert.Equal("Approved", approved.GetProperty("status").GetString());
            Assert.All(approved.GetProperty("lines").EnumerateArray(), l => Assert.Equal("Pending", l.GetProperty("payment").GetString()));
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task A_calendar_holiday_inside_the_notice_adds_a_working_day_and_a_backdated_start_needs_a_reason()
    {
        var admin = await app.ClientFor("admin");
        var rules = await HttpAssert.Json(await admin.GetAsync("/api/subsidies/rules"));
        Assert.Equal(5, rules.GetProperty("current").GetProperty("noticeWorkingDays").GetInt32());
        await using (await SettingsKit.AddToCalendar(admin, 2026, [("2026-12-08", "调休放假（测试）")], reason: "2026 年 12 月 8 日调休放假（测试）"))
        {
            var (_, id) = await ReviewedClaim("节假日公示班");
            var county = await app.ClientFor("county");
            var past = await Refused(await MoveClaim(county, id, "publish", noticeStartsOn: "2026-11-20"), HttpStatusCode.BadRequest, "notice.reason_required");
            Assert.True(past.GetProperty("errors").TryGetProperty("reason", out _), past.ToString());
            var published = await Step(county, id, "publish", noticeStartsOn: "2026-12-04");
            Assert.Equal("2026-12-04", published.GetProperty("noticeStartsOn").GetString());
            Assert.Equal("2026-12-11", published.GetProperty("noticeEndsOn").GetString());

            // Starting on a Saturday: the notice starts on the Monday after.
            var (_, second) = await ReviewedClaim("周六公示班", 1);
            var weekend = await Step(county, second, "publish", noticeStartsOn: "2026-12-05");
            Assert.Equal("2026-12-07", weekend.GetProperty("noticeStartsOn").GetString());
            Assert.Equal("2026-12-14", weekend.GetProperty("noticeEndsOn").GetString());
        }
    }

    [Fact]
    public async Task Anyone_may_object_while_the_notice_runs_an_open_objection_blocks_approval_and_upheld_or_dismissed_decide_the_lines()
    {
        try
        {
            var (c, id) = await ReviewedClaim("异议公示班", 3);
            var county = await app.ClientFor("county");
            var notice = await Step(county, id, "publish");   // today, Monday 2026-11-30, to Friday 2026-12-04
            Assert.Equal("2026-12-04", notice.GetProperty("noticeEndsOn").GetString());
            var code = notice.GetProperty("noticeCode").GetString()!;
            long L(int i) => Line(notice, c[i]).GetProperty("id").GetInt64();
            var before = notice.GetProperty("approvedFen").GetInt64();

            var anonymous = app.CreateClient();
            var pub = await HttpAssert.Json(await anonymous.GetAsync($"/api/public/notices/{code}"));
            Assert.True(pub.GetProperty("open").GetBoolean());
            Assert.Equal(3, pub.GetProperty("lines").GetArrayLength());
            var text = pub.ToString();
            Assert.All(c.Trainees, t => { Assert.DoesNotContain(t.Name, text); Assert.DoesNotContain(t.IdNumber, text); Assert.Contains(t.Masked, text); });
            var all = await HttpAssert.Json(await anonymous.GetAsync("/api/public/notices"));
            Assert.Contains(all.EnumerateArray(), n => n.GetProperty("id").GetString() == code);

            async Task<long> File(long? lineId, string text) => (await HttpAssert.Json(await anonymous.PostAsJsonAsync($"/api/public/notices/{code}/objections",
                new { contact = "李先生 13800000000", text, lineId }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
            var upheld = await File(L(0), "此人当时在外地打工，并未参加培训");
            var dismissed = await File(L(1), "此人年龄似乎不符合要求，请核实");
            await HttpAssert.Problem(await anonymous.PostAsJsonAsync($"/api/public/notices/{code}/objections", new { contact = "", text = "内容足够长的异议" }), HttpStatusCode.BadRequest);
            await HttpAssert.Problem(await anonymous.PostAsJsonAsync($"/api/public/notices/{code}/objections", new { contact = "王女士", text = "" }), HttpStatusCode.BadRequest);
            Assert.Equal(2, (await GetClaim(county, id)).GetProperty("openObjections").GetInt32());

            var later = await At(new DateOnly(2026, 12, 7));
            await Refused(await anonymous.PostAsJsonAsync($"/api/public/notices/{code}/objections", new { contact = "迟到者", text = "公示结束后才提出的异议" }),
                HttpStatusCode.Conflict, "notice.closed");
            var blocked = await Refused(await MoveClaim(later, id, "approve"), HttpStatusCode.Conflict, "notice.objection_open");
            Assert.Contains("2", blocked.GetProperty("detail").GetString());
            var open = await HttpAssert.Json(await later.GetAsync("/api/subsidies/objections?status=Open"));
            Assert.Equal([upheld, dismissed], open.EnumerateArray().Where(o => o.GetProperty("claimId").GetInt64() == id).Select(o => o.GetProperty("id").GetInt64()).ToArray());

            await HttpAssert.Problem(await later.PostAsJsonAsync($"/api/subsidies/objections/{upheld}/resolution", new { outcome = "upheld", reason = "" }), HttpStatusCode.BadRequest);
            await HttpAssert.Problem(await (await app.ClientFor("school01")).PostAsJsonAsync($"/api/subsidies/objections/{upheld}/resolution",
                new { outcome = "dismissed", reason = "机构自行处理" }), HttpStatusCode.Forbidden);
            var u = await HttpAssert.Json(await later.PostAsJsonAsync($"/api/subsidies/objections/{upheld}/resolution", new { outcome = "upheld", reason = "经村委会核实，培训期间本人在外务工" }));
            Assert.Equal("Upheld", u.GetProperty("status").GetString());
            var d = await HttpAssert.Json(await later.PostAsJsonAsync($"/api/subsidies/objections/{dismissed}/resolution", new { outcome = "dismissed", reason = "经核对身份证，年龄符合要求" }));
            Assert.Equal("Dismissed", d.GetProperty("status").GetString());
            Assert.Equal("经核对身份证，年龄符合要求", d.GetProperty("resolution").GetString());

            var approved = await Step(later, id, "approve");
            Assert.Equal("Approved", approved.GetProperty("status").GetString());
            var rejected = Line(approved, c[0]);
            Assert.Equal("Rejected", rejected.GetProperty("decision").GetString());
            Assert.Contains("在外务工", rejected.GetProperty("decisionReason").GetString());
            Assert.NotEqual("Pending", rejected.GetProperty("payment").GetString());
            Assert.Equal("Approved", Line(approved, c[1]).GetProperty("decision").GetString());
            Assert.Equal(before - 140_000, approved.GetProperty("approvedFen").GetInt64());
            Assert.Equal(0, approved.GetProperty("openObjections").GetInt32());
            var listed = await HttpAssert.Json(await later.GetAsync($"/api/subsidies/claims/{id}/objections"));
            Assert.Equal(["Upheld", "Dismissed"], listed.EnumerateArray().Select(o => o.GetProperty("status").GetString()).ToArray());

            // The public notice no longer offers the cancelled subsidy as part of its total.
            var after = await HttpAssert.Json(await anonymous.GetAsync($"/api/public/notices/{code}"));
            Assert.Equal(approved.GetProperty("approvedFen").GetInt64(), after.GetProperty("totalFen").GetInt64());
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task The_public_notice_page_needs_no_sign_in_masks_names_and_takes_an_objection_by_form()
    {
        var (c, id) = await ReviewedClaim("公示页面班", 1);
        var code = (await Step(await app.ClientFor("county"), id, "publish")).GetProperty("noticeCode").GetString()!;
        var anonymous = app.CreateClient();
        var page = await anonymous.GetAsync($"/notices/{code}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("公示", html);
        Assert.Contains(c[0].Masked, html);
        Assert.DoesNotContain(c[0].Name, html);
        Assert.DoesNotContain(c[0].IdNumber, html);

        var form = await anonymous.PostAsync($"/notices/{code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["contact"] = "赵先生 13900000000", ["text"] = "该学员培训期间未见到本人上课",
        }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var objections = await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync($"/api/subsidies/claims/{id}/objections"));
        Assert.Contains(objections.EnumerateArray(), o => o.GetProperty("text").GetString() == "该学员培训期间未见到本人上课");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/notices/999999999")).StatusCode);
    }

    [Fact]
    public async Task Notices_are_addressed_by_random_public_codes_and_the_claim_id_or_any_counted_number_finds_none()
    {
        var county = await app.ClientFor("county");
        var (_, first) = await ReviewedClaim("公示编码甲班", 1);
        var (_, second) = await ReviewedClaim("公示编码乙班", 1);
        var a = (await Step(county, first, "publish")).GetProperty("noticeCode").GetString()!;
        var b = (await Step(county, second, "publish")).GetProperty("noticeCode").GetString()!;
        Assert.NotEqual(a, b);
        foreach (var code in new[] { a, b })
        {
            Assert.Equal(12, code.Length);
            Assert.All(code, ch => Assert.Contains(ch, CountySkills.Web.Domain.PublicCodes.Alphabet));
            Assert.False(long.TryParse(code, out _), code);
        }
        // Not consecutive: the codes of two notices published one after the other share no run of characters a visitor could count on.
        Assert.NotEqual(a[..8], b[..8]);

        var anonymous = app.CreateClient();
        var listed = (await HttpAssert.Json(await anonymous.GetAsync("/api/public/notices"))).EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Contains(a, listed);
        Assert.Contains(b, listed);
        Assert.Equal(b, (await HttpAssert.Json(await anonymous.GetAsync($"/api/public/notices/{b.ToLowerInvariant()}"))).GetProperty("id").GetString());
        foreach (var counted in new[] { first, second, 1L })
        {
            var p = await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/notices/{counted}"), HttpStatusCode.NotFound);
            Assert.Equal("notice.unknown", p.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notices/{counted}")).StatusCode);
            await HttpAssert.Problem(await anonymous.PostAsJsonAsync($"/api/public/notices/{counted}/objections", new { contact = "数数的人", text = "按编号逐个尝试的异议" }),
                HttpStatusCode.NotFound);
        }
        // Staff keep the internal id and see the public code beside it.
        var claim = await GetClaim(county, first);
        Assert.Equal(first, claim.GetProperty("noticeId").GetInt64());
        Assert.Equal(a, claim.GetProperty("noticeCode").GetString());
    }

    [Fact]
    public async Task A_draft_blocked_by_the_yearly_limit_is_judged_again_when_submitted_in_the_new_year()
    {
        try
        {
            var county = await app.ClientFor("county");
            var id = Ids.New(1987);
            await AddPerson(county, id, "跨年申请人");
            await ImportHistory(county, "commit",
                HistoryRow(id, "跨年申请人", Welder, "初级", "2026-03-10"),
                HistoryRow(id, "跨年申请人", "6-31-01-03", "初级", "2026-06-10"),
                HistoryRow(id, "跨年申请人", "4-03-02-01", "初级", "2026-09-10"));
            var c = await CompletedClass(app, county, new ClassPlan { Name = "跨年申请班", Count = 1, People = [id], CertificateIssuedOn = "2026-11-02" });
            var draft = await Claim(county, c.ClassId);
            IneligibleFor(Line(draft, c[0]), "over_yearly_limit");

            var january = await At(new DateOnly(2027, 1, 4));
            var submitted = await Step(january, IdOf(draft), "submit");
            Assert.Equal("2027-01-04", submitted.GetProperty("claimedOn").GetString());
            EligibleFor(Line(submitted, c[0]), 120_000);
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task A_rule_change_by_the_admin_applies_to_claims_submitted_after_it_and_decided_claims_keep_their_amounts()
    {
        // Rule versions take effect at the instant they are made. The other tests of this class start again from the
        // starting instant, so this one works a day and some hours later: no other test's claim is ever submitted
        // between the raised version and its restoration.
        app.Clock.Set(ClockedApp.Start.AddDays(1).AddHours(5).AddMinutes(17));
        try { await RuleChange(); }
        finally { app.ResetClock(); }
    }

    async Task RuleChange()
    {
        var admin = await app.ClientFor("admin");
        var county = await app.ClientFor("county");
        var (decided, decidedId) = await ReviewedClaim("调标前已审班", 1);
        var waiting = await CompletedClass(app, county, new ClassPlan { Name = "调标前草稿班", Count = 1 });
        var draftId = IdOf(await Claim(county, waiting.ClassId));
        var before = await HttpAssert.Json(await admin.GetAsync("/api/subsidies/rules"));
        var basedOn = before.GetProperty("current").GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await county.PutAsJsonAsync("/api/subsidies/rules", new { reason = "县局自行调整", juniorFen = 150_000 })).StatusCode);
        await HttpAssert.Problem(await admin.PutAsJsonAsync("/api/subsidies/rules", new { juniorFen = 150_000 }), HttpStatusCode.BadRequest);
        try
        {
            var changed = await HttpAssert.Json(await admin.PutAsJsonAsync("/api/subsidies/rules", new { reason = "豫人社〔2026〕9号 提高初级工补贴", basedOn, juniorFen = 150_000 }));
            Assert.Equal(150_000, changed.GetProperty("current").GetProperty("juniorFen").GetInt64());
            Assert.Contains(changed.GetProperty("history").EnumerateArray(), h => h.GetProperty("id").GetInt64() == basedOn && h.GetProperty("juniorFen").GetInt64() == 120_000);
            Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/subsidies/rules", new { reason = "基于旧版本的修改", basedOn, juniorFen = 1 })).StatusCode);

            var old = await GetClaim(county, decidedId);
            Assert.Equal(120_000, Line(old, decided[0]).GetProperty("amountFen").GetInt64());
            Assert.Equal(basedOn, old.GetProperty("rulesId").GetInt64());
            Assert.Equal(120_000, Line(await Step(county, decidedId, "publish"), decided[0]).GetProperty("amountFen").GetInt64());

            var submitted = await Step(county, draftId, "submit");
            Assert.Equal(150_000, Line(submitted, waiting[0]).GetProperty("amountFen").GetInt64());
            Assert.NotEqual(basedOn, submitted.GetProperty("rulesId").GetInt64());
            var fresh = await CompletedClass(app, county, new ClassPlan { Name = "调标后新班", Count = 1 });
            Assert.Equal(150_000, Line(await Claim(county, fresh.ClassId), fresh[0]).GetProperty("amountFen").GetInt64());
        }
        finally
        {
            await HttpAssert.Json(await admin.PutAsJsonAsync("/api/subsidies/rules", new { reason = "恢复默认标准（测试）", juniorFen = 120_000 }));
        }
    }
}

public sealed class SubsidyNoticeTests_Sqlite(ClockedSqliteApp app) : SubsidyNoticeTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyNoticeTests_Postgres(ClockedPostgresApp app) : SubsidyNoticeTests(app), IClassFixture<ClockedPostgresApp>;
