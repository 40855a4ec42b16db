using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>Terminating an agreement early and closing a job order: the rules live in the entities, the API says why it refuses.</summary>
public abstract class EmploymentEndAgreementAndCloseOrderTests(ClockedApp app)
{
    [Fact]
    public async Task An_agreement_terminated_early_is_no_longer_in_force_ends_that_day_and_cannot_be_terminated_twice()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var a = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/agreements", new
        {
            title = "苏豫劳务协作协议", partnerName = "苏州市人力资源和社会保障局", startDate = "2026-01-01", endDate = "2028-12-31", quotaPerYear = 40,
            benefits = "FreeBoardLodging", status = "Active",
        }), HttpStatusCode.Created);
        var id = IdOf(a);
        await FieldError(await county.PostAsJsonAsync($"/api/employment/agreements/{id}/end", new { endedOn = "2025-06-30" }), "endedOn");
        await HttpAssert.Problem(await (await app.ClientFor("town01")).PostAsJsonAsync($"/api/employment/agreements/{id}/end", new { endedOn = "2026-06-30" }),
            HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/employment/agreements/{id}/end", new { endedOn = "2026-06-30", version = Guid.NewGuid() }),
            HttpStatusCode.Conflict);
        var ended = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/employment/agreements/{id}/end", new { endedOn = "2026-06-30", version = VersionOf(a) }));
        Assert.Equal(("Terminated", "2026-06-30", false),
            (ended.GetProperty("status").GetString(), ended.GetProperty("endDate").GetString(), ended.GetProperty("inForce").GetBoolean()));
        await Refused(await county.PostAsJsonAsync($"/api/employment/agreements/{id}/end", new { endedOn = "2026-07-01" }), HttpStatusCode.Conflict, "agreement.terminated");
    }

    [Fact]
    public async Task A_job_order_needs_a_deadline_and_once_closed_takes_no_order_class_and_cannot_be_closed_again()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var jinghe = await EmployerId(county, Jinghe);
        await FieldError(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "无截止日期订单", employerId = jinghe, headcount = 5, wageMinFen = 600_000, wageMaxFen = 800_000 }), "deadline");
        var order = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "京禾保洁员订单 5 名", employerId = jinghe, headcount = 5, wageMinFen = 500_000, wageMaxFen = 600_000, deadline = "2027-01-31" }), HttpStatusCode.Created);
        var id = IdOf(order);
        var staff = await app.ClientFor("employer01");
        var shanghai = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "沪上保洁员订单", employerId = await EmployerId(county, Shanghai), headcount = 5, wageMinFen = 500_000, wageMaxFen = 600_000, deadline = "2027-01-31" }),
            HttpStatusCode.Created);
        await HttpAssert.Problem(await staff.PostAsJsonAsync($"/api/employment/job-orders/{IdOf(shanghai)}/close", new { }), HttpStatusCode.Forbidden);

        var closed = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/employment/job-orders/{id}/close", new { version = VersionOf(order) }));
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        await Refused(await county.PostAsJsonAsync($"/api/employment/job-orders/{id}/close", new { }), HttpStatusCode.Conflict, "job_order.closed");
        await Refused(await county.PostAsJsonAsync($"/api/employment/job-orders/{id}/class", ClassBody("关闭后开班", await SchoolId(app), "2026-10-05", "2026-10-23")),
            HttpStatusCode.Conflict, "job_order.closed");
    }
}

public sealed class EmploymentEndAgreementAndCloseOrderTests_Sqlite(ClockedSqliteApp app) : EmploymentEndAgreementAndCloseOrderTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentEndAgreementAndCloseOrderTests_Postgres(ClockedPostgresApp app) : EmploymentEndAgreementAndCloseOrderTests(app), IClassFixture<ClockedPostgresApp>;
