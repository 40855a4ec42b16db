using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using MiniExcelLibs;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>Paying approved claims through bank batches, and the year's budget per fund.</summary>
public abstract class SubsidyPaymentAndBudgetTests(ClockedApp app)
{
    const long PerLine = 120_000 + 20_000;

    static async Task<JsonElement> Batch(HttpClient c, object body) =>
        await HttpAssert.Json(await c.PostAsJsonAsync("/api/subsidies/payment-batches", body), HttpStatusCode.Created);

    static Task<HttpResponseMessage> Results(HttpClient c, long batchId, object body) => c.PostAsJsonAsync($"/api/subsidies/payment-batches/{batchId}/results", body);

    [Fact]
    public async Task An_approved_claim_is_paid_through_a_batch_exported_with_full_ids_and_a_failed_line_is_paid_on_retry()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "拨付家政班", Count = 3 });
        var id = IdOf(await Claim(county, c.ClassId));
        var approved = await Approved(county, id, app.Clock.Today);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var lineIds = c.Trainees.Select(t => Line(approved, t).GetProperty("id").GetInt64()).ToArray();

        await HttpAssert.Problem(await (await app.ClientFor("school01")).PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { id } }), HttpStatusCode.Forbidden);
        var batch = await Batch(county, new { claimIds = new[] { id } });
        var batchId = IdOf(batch);
        Assert.StartsWith("BF20261130-", batch.GetProperty("number").GetString());
        var items = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(lineIds.Order(), items.Select(i => i.GetProperty("lineId").GetInt64()).Order());
        Assert.All(items, i => Assert.Equal(PerLine, i.GetProperty("amountFen").GetInt64()));
        Assert.All(items, i => Assert.Equal("InBatch", i.GetProperty("status").GetString()));
        Assert.DoesNotContain(c[0].IdNumber, batch.ToString());
        await Refused(await county.PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { id } }), HttpStatusCode.Conflict, "payment.nothing_to_pay");

        await Refused(await county.GetAsync($"/api/subsidies/payment-batches/{batchId}/export"), HttpStatusCode.BadRequest, "export.reason_required");
        var export = await county.GetAsync($"/api/subsidies/payment-batches/{batchId}/export?reason=发放补贴");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using (var xlsx = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(3, rows.Count);
            Assert.Equal(c.Trainees.Select(t => t.IdNumber).Order(), rows.Select(r => r["身份证号码"]?.ToString()).Order());
            Assert.All(rows, r => Assert.Equal(1400m, Convert.ToDecimal(r["合计（元）"])));
        }
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?action=Reveal&user=county&pageSize=500"));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("entityKey").GetString()!.Contains(batch.GetProperty("number").GetString()!));

        var partly = await HttpAssert.Json(await Results(county, batchId, new { paidLineIds = new[] { lineIds[1], lineIds[2] }, failed = new[] { new { lineId = lineIds[0], reason = "账号与户名不符" } } }));
        Assert.Equal(2, partly.GetProperty("paid").GetInt32());
        Assert.Equal(1, partly.GetProperty("failedCount").GetInt32());
        var claim = await GetClaim(county, id);
        Assert.Equal("Approved", claim.GetProperty("status").GetString());
        Assert.Equal("Failed", Line(claim, c[0]).GetProperty("payment").GetString());
        Assert.Equal("Paid", Line(claim, c[1]).GetProperty("payment").GetString());
        Assert.Equal("2026-11-30", Line(claim, c[1]).GetProperty("paidOn").GetString());
        Assert.Equal(2 * PerLine, claim.GetProperty("paidFen").GetInt64());
        await Refused(await Results(county, batchId, new { paidLineIds = new[] { lineIds[1] } }), HttpStatusCode.Conflict, "payment.already_recorded");

        await Refused(await county.PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { id } }), HttpStatusCode.Conflict, "payment.nothing_to_pay");
        var retry = await Batch(county, new { claimIds = new[] { id }, retryFailed = true });
        Assert.Equal(lineIds[0], Assert.Single(retry.GetProperty("items").EnumerateArray()).GetProperty("lineId").GetInt64());
        await HttpAssert.Json(await Results(county, IdOf(retry), new { allPaid = true }));
        var paid = await GetClaim(county, id);
        Assert.Equal("Paid", paid.GetProperty("status").GetString());
        Assert.Equal(3 * PerLine, paid.GetProperty("paidFen").GetInt64());
        Assert.All(paid.GetProperty("lines").EnumerateArray(), l => Assert.Equal("Paid", l.GetProperty("payment").GetString()));
        Assert.Equal("Paid", Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/subsidies/claims?status=Paid&q=拨付家政班"))).GetProperty("items").EnumerateArray())
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_payment_result_needs_a_reason_for_a_failure_and_a_paid_date_not_in_the_future()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "拨付校验班", Count = 1 });
        var id = IdOf(await Claim(county, c.ClassId));
        var line = Line(await Approved(county, id, app.Clock.Today), c[0]).GetProperty("id").GetInt64();
        var batchId = IdOf(await Batch(county, new { claimIds = new[] { id } }));
        await HttpAssert.Problem(await Results(county, batchId, new { failed = new[] { new { lineId = line, reason = "" } } }), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await Results(county, batchId, new { }), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await Results(county, batchId, new { paidOn = "2026-12-25", allPaid = true }), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await Results(county, batchId, new { paidLineIds = new[] { 999_999_999L } }), HttpStatusCode.BadRequest);
        Assert.Equal("InBatch", Line(await GetClaim(county, id), c[0]).GetProperty("payment").GetString());
        Assert.Equal("Approved", (await GetClaim(county, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Batches_requested_at_the_same_time_never_put_a_line_in_two_batches()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "并发拨付班", Count = 3 });
        var id = IdOf(await Claim(county, c.ClassId));
        await Approved(county, id, app.Clock.Today);
        var clients = new[] { county, await app.ClientFor("county"), await app.ClientFor("admin") };

        var responses = await Task.WhenAll(clients.Select(k => k.PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { id } })));
        var batched = new List<long>();
        foreach (var r in responses)
        {
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {body}");
            if (r.StatusCode == HttpStatusCode.Created)
                batched.AddRange(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("lineId").GetInt64()));
        }
        Assert.Equal(3, batched.Count);
        Assert.Equal(3, batched.Distinct().Count());
    }

    static JsonElement Fund(JsonElement budgets, string fund) => Assert.Single(budgets.EnumerateArray(), f => f.GetProperty("fund").GetString() == fund);

    [Fact]
    public async Task A_claim_that_would_overrun_the_funds_budget_says_so_in_Chinese_and_the_budget_follows_the_claim_to_paid()
    {
        var county = await app.ClientFor("county");
        const string fund = "SkillsAccount";
        await HttpAssert.Problem(await (await app.ClientFor("school01")).PutAsJsonAsync("/api/subsidies/budgets", new { year = 2026, fund, amountFen = 1 }), HttpStatusCode.Forbidden);
        var set = await HttpAssert.Json(await county.PutAsJsonAsync("/api/subsidies/budgets", new { year = 2026, fund, amountFen = 200_000 }));
        Assert.Equal(200_000, set.GetProperty("budgetFen").GetInt64());

        var c = await CompletedClass(app, county, new ClassPlan { Name = "超预算家政班", Count = 2 });
        var draft = await Claim(county, c.ClassId, fund);
        Assert.Equal(fund, draft.GetProperty("fund").GetString());
        var budget = draft.GetProperty("budget");
        Assert.True(budget.GetProperty("exceeded").GetBoolean(), budget.ToString());
        Assert.Contains("超出预算", budget.GetProperty("message").GetString());
        Assert.Contains("800", budget.GetProperty("message").GetString());   // 2,800 − 2,000 = 800 yuan over
        var id = IdOf(draft);

        var figures = Fund(await HttpAssert.Json(await county.GetAsync("/api/subsidies/budgets?year=2026")), fund);
        Assert.Equal(0, figures.GetProperty("committedFen").GetInt64());
        await Reviewed(county, id);
        figures = Fund(await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync("/api/subsidies/budgets?year=2026")), fund);
        Assert.Equal(2 * PerLine, figures.GetProperty("committedFen").GetInt64());
        Assert.Equal(200_000 - 2 * PerLine, figures.GetProperty("remainingFen").GetInt64());
        Assert.True(figures.GetProperty("exceeded").GetBoolean());

        await HttpAssert.Json(await county.PutAsJsonAsync("/api/subsidies/budgets", new { year = 2026, fund, amountFen = 1_000_000, version = figures.GetProperty("version").GetGuid() }));
        await Step(county, id, "publish", reason: "线下公示已张贴，补录", noticeStartsOn: app.Clock.Today.AddDays(-21).ToString("yyyy-MM-dd"));
        Assert.False((await Step(county, id, "approve")).GetProperty("budget").GetProperty("exceeded").GetBoolean());
        figures = Fund(await HttpAssert.Json(await county.GetAsync("/api/subsidies/budgets?year=2026")), fund);
        Assert.Equal((0L, 2 * PerLine, 0L), (figures.GetProperty("committedFen").GetInt64(), figures.GetProperty("approvedFen").GetInt64(), figures.GetProperty("paidFen").GetInt64()));

        var batch = await Batch(county, new { claimIds = new[] { id } });
        await HttpAssert.Json(await Results(county, IdOf(batch), new { allPaid = true }));
        figures = Fund(await HttpAssert.Json(await county.GetAsync("/api/subsidies/budgets?year=2026")), fund);
        Assert.Equal((0L, 0L, 2 * PerLine), (figures.GetProperty("committedFen").GetInt64(), figures.GetProperty("approvedFen").GetInt64(), figures.GetProperty("paidFen").GetInt64()));
        Assert.Equal(1_000_000 - 2 * PerLine, figures.GetProperty("remainingFen").GetInt64());
        Assert.False(figures.GetProperty("exceeded").GetBoolean());
    }
}

public sealed class SubsidyPaymentAndBudgetTests_Sqlite(ClockedSqliteApp app) : SubsidyPaymentAndBudgetTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyPaymentAndBudgetTests_Postgres(ClockedPostgresApp app) : SubsidyPaymentAndBudgetTests(app), IClassFixture<ClockedPostgresApp>;
