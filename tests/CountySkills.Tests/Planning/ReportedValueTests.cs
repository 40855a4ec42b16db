using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Planning.PlanningKit;

namespace CountySkills.Tests.Planning;

/// <summary>Monthly values of the indicators the platform cannot count: entered by the county (JSON or a form with an attachment), one per
/// indicator, month and place, never for a month to come, and counted by the indicator engine. The demo fills 2025 and 2026; these use 2024.</summary>
public abstract class ReportedValueTests(ClockedApp app)
{
    const string NewJobs = "employment.urban_new_jobs";
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    static object Body(int month, decimal value, string area = "419921", string key = NewJobs, int year = 2024, Guid? version = null, string? note = "就业股月报") =>
        new { indicatorKey = key, year, month, areaCode = area, value, note, version };

    static Task<HttpResponseMessage> Post(HttpClient c, object body) => c.PostAsJsonAsync("/api/planning/reported-values", body);

    static MultipartFormDataContent Form(int month, decimal value, byte[]? file = null, string fileName = "月报.png", string area = "419921")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(NewJobs), "indicatorKey" }, { new StringContent("2024"), "year" }, { new StringContent(month.ToString()), "month" },
            { new StringContent(area), "areaCode" }, { new StringContent(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "value" },
            { new StringContent("附统计表"), "note" },
        };
        if (file is not null) form.Add(new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "attachment", fileName);
        return form;
    }

    [Fact]
    public async Task A_value_entered_once_per_month_and_place_is_listed_and_counted_by_the_indicator()
    {
        var county = await app.ClientFor("county");
        var created = await HttpAssert.Json(await Post(county, Body(3, 712)), HttpStatusCode.Created);
        Assert.Equal((NewJobs, 2024, 3, "419921", 712m, "reported"), (Str(created, "indicatorKey"), created.GetProperty("year").GetInt32(),
            created.GetProperty("month").GetInt32(), Str(created, "areaCode"), Dec(created, "value"), Str(created, "source")));
        Assert.Equal(("county", "禾丰县"), (Str(created, "enteredBy"), Str(created, "areaName")));
        await HttpAssert.Json(await Post(county, Body(4, 688)), HttpStatusCode.Created);

        await Refused(await Post(county, Body(3, 1)), HttpStatusCode.Conflict, "reported.duplicate");
        var list = await HttpAssert.Json(await county.GetAsync($"/api/planning/reported-values?indicatorKey={NewJobs}&year=2024&area=419921"));
        // area= takes a place and the places inside it; other tests of the class enter other months.
        Assert.Equal([(3, 712m), (4, 688m)], list.EnumerateArray().Where(v => v.GetProperty("month").GetInt32() is 3 or 4)
            .Select(v => (v.GetProperty("month").GetInt32(), Dec(v, "value"))));
        Assert.All(list.EnumerateArray(), v => Assert.StartsWith("419921", Str(v, "areaCode")));

        var march = await HttpAssert.Json(await county.GetAsync($"/api/indicators/{NewJobs}/values?from=2024-03-01&to=2024-03-31"));
        Assert.Equal(("reported", 712m), (Str(march, "source"), march.GetProperty("total").GetProperty("value").GetDecimal()));
        var spring = await HttpAssert.Json(await county.GetAsync($"/api/indicators/{NewJobs}/values?from=2024-03-01&to=2024-04-30&by=month"));
        Assert.Equal(1400m, spring.GetProperty("total").GetProperty("value").GetDecimal());
        Assert.Equal(["2024-03", "2024-04"], spring.GetProperty("rows").EnumerateArray().Select(r => Str(r, "code")));

        // A correction needs the version it was read at.
        var fixedUp = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/planning/reported-values/{IdOf(created)}", Body(3, 720, version: VersionOf(created))));
        Assert.Equal(720m, Dec(fixedUp, "value"));
        await Refused(await county.PutAsJsonAsync($"/api/planning/reported-values/{IdOf(created)}", Body(3, 730, version: VersionOf(created))), HttpStatusCode.Conflict, "reported.stale");
        await Refused(await county.PutAsJsonAsync($"/api/planning/reported-values/{IdOf(created)}", Body(4, 730, version: VersionOf(fixedUp))), HttpStatusCode.Conflict, "reported.duplicate");
        Assert.Equal(720m, (await HttpAssert.Json(await county.GetAsync($"/api/indicators/{NewJobs}/values?from=2024-03-01&to=2024-03-31"))).GetProperty("total").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Only_a_reported_indicator_a_past_or_current_month_the_county_or_its_townships_and_a_value_are_taken()
    {
        var county = await app.ClientFor("county");
        await Refused(await Post(county, Body(5, 10, key: "training.person_times")), HttpStatusCode.BadRequest, "reported.not_reported_indicator", "indicatorKey");
        await Refused(await Post(county, Body(5, 10, key: "no.such")), HttpStatusCode.BadRequest, "reported.not_reported_indicator", "indicatorKey");
        // The clock says 30 November 2026: December is still to come.
        await Refused(await Post(county, Body(12, 10, year: 2026)), HttpStatusCode.BadRequest, "reported.future_month", "month");
        await Refused(await Post(county, Body(1, 10, year: 2027)), HttpStatusCode.BadRequest, "reported.future_month", "month");
        await HttpAssert.Json(await Post(county, Body(11, 10, key: "labour.income", year: 2026)), HttpStatusCode.Created);
        await Refused(await Post(county, Body(13, 10)), HttpStatusCode.BadRequest, "reported.month", "month");
        await Refused(await Post(county, Body(5, 10, area: "419922")), HttpStatusCode.BadRequest, "reported.area_unknown", "areaCode");
        await Refused(await Post(county, Body(5, 10, area: "419921101001")), HttpStatusCode.BadRequest, "reported.area_unknown", "areaCode");
        await Refused(await Post(county, Body(5, -1)), HttpStatusCode.BadRequest, "reported.value", "value");
        await Refused(await Post(county, new { indicatorKey = NewJobs, year = 2024, month = 5, areaCode = "419921" }), HttpStatusCode.BadRequest, "reported.value", "value");
        Assert.Empty((await HttpAssert.Json(await county.GetAsync($"/api/planning/reported-values?indicatorKey={NewJobs}&year=2024&area=419921"))).EnumerateArray()
            .Where(v => v.GetProperty("month").GetInt32() == 5));
    }

    [Fact]
    public async Task A_form_may_carry_an_attachment_of_at_most_5_MB_of_an_accepted_kind_checked_by_its_content()
    {
        var county = await app.ClientFor("county");
        var created = await HttpAssert.Json(await county.PostAsync("/api/planning/reported-values", Form(6, 701.5m, Png)), HttpStatusCode.Created);
        Assert.Equal((701.5m, "月报.png", "image/png", (long)Png.Length), (Dec(created, "value"), Str(created, "attachmentName"), Str(created, "attachmentType"),
            created.GetProperty("attachmentSize").GetInt64()));
        var file = await county.GetAsync($"/api/planning/reported-values/{IdOf(created)}/attachment");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync());

        await Refused(await county.PostAsync("/api/planning/reported-values", Form(7, 1, "not really a pdf"u8.ToArray(), "假的.pdf")), HttpStatusCode.BadRequest, "file.type", "attachment");
        await Refused(await county.PostAsync("/api/planning/reported-values", Form(7, 1, Png, "程序.exe")), HttpStatusCode.BadRequest, "file.type", "attachment");
        var big = new byte[5 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        await Refused(await county.PostAsync("/api/planning/reported-values", Form(7, 1, big, "大图.png")), HttpStatusCode.BadRequest, "file.too_large", "attachment");
        // Without a file a form is fine; its attachment is then none.
        var plain = await HttpAssert.Json(await county.PostAsync("/api/planning/reported-values", Form(7, 690)), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("attachmentName").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/planning/reported-values/{IdOf(plain)}/attachment")).StatusCode);
    }

    [Fact]
    public async Task A_township_officer_reads_their_townships_values_only_and_nobody_but_the_county_enters_them()
    {
        var county = await app.ClientFor("county");
        var mine = await HttpAssert.Json(await Post(county, Body(8, 40, area: Qingshi)), HttpStatusCode.Created);
        await HttpAssert.Json(await Post(county, Body(8, 55, area: Liuhe)), HttpStatusCode.Created);
        var town = await app.ClientFor("town01");
        var seen = (await HttpAssert.Json(await town.GetAsync($"/api/planning/reported-values?indicatorKey={NewJobs}&year=2024"))).EnumerateArray().ToList();
        Assert.Equal([Qingshi], seen.Select(v => Str(v, "areaCode")).Distinct());
        Assert.Equal(IdOf(mine), IdOf(Assert.Single(seen, v => v.GetProperty("month").GetInt32() == 8)));
        await HttpAssert.Problem(await town.GetAsync($"/api/planning/reported-values?area={Liuhe}"), HttpStatusCode.Forbidden);

        foreach (var user in new[] { "town01", "viewer", "auditor" })
        {
            var c = await app.ClientFor(user);
            await Refused(await Post(c, Body(9, 1)), HttpStatusCode.Forbidden, "permission.denied");
            await Refused(await c.PutAsJsonAsync($"/api/planning/reported-values/{IdOf(mine)}", Body(8, 1, area: Qingshi, version: VersionOf(mine))), HttpStatusCode.Forbidden, "permission.denied");
        }
        // The county's township values add up to the county's figure for a month without a county value.
        var august = await HttpAssert.Json(await county.GetAsync($"/api/indicators/{NewJobs}/values?from=2024-08-01&to=2024-08-31&by=township"));
        Assert.Equal(95m, august.GetProperty("total").GetProperty("value").GetDecimal());
    }
}

public sealed class ReportedValueTests_Sqlite(ClockedSqliteApp app) : ReportedValueTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class ReportedValueTests_Postgres(ClockedPostgresApp app) : ReportedValueTests(app), IClassFixture<ClockedPostgresApp>;
