using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Web.Domain;
using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>
/// The leaders' chain end to end: the county issues a plan (next year's, beside the demo's issued plan of this year), a township
/// officer records a placement, and the township's figure and target progress move on the dashboard at once; the drill-down behind
/// the card lists that placement's person.
/// </summary>
[Collection(nameof(AppServer))]
public sealed class LeadersFlowTests(AppServer app)
{
    async Task<HttpClient> Api(string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var r = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Demo#2026" });
        r.EnsureSuccessStatusCode();
        var token = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    static async Task<JsonElement> Ok(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    static string NewIdNumber()
    {
        var rnd = Random.Shared;
        var first17 = $"419921{rnd.Next(1975, 2000)}{rnd.Next(1, 13):00}{rnd.Next(1, 29):00}{rnd.Next(0, 999):000}";
        return first17 + IdNumber.ComputeCheck(first17);
    }

    static async Task<long> CardValue(IPage page) =>
        long.Parse(await page.GetAttributeAsync("[data-testid='kpi-labour.new_transfers-value']", "data-value") ?? "-1");

    [Fact]
    public async Task A_plan_issued_and_a_placement_recorded_move_the_townships_progress_on_the_dashboard_and_the_drill_down_lists_it()
    {
        // The county drafts and issues a later year's plan on the planning page's API; it reads back issued and locked.
        // (The year after next: the planning page's own test issues next year's, and a year has one issued plan.)
        var county = await Api("county");
        var year = DateTime.UtcNow.Year + 2;
        var plan = await Ok(await county.PostAsJsonAsync("/api/planning/plans", new
        {
            year, title = $"{year}年技能培训和劳务输出目标任务",
            items = new[] { new { indicatorKey = "labour.new_transfers", target = 700m, points = 5m, bands = new[] { new { upToPercent = (decimal?)5m, deduct = 2m }, new { upToPercent = (decimal?)null, deduct = 5m } } } },
        }));
        var issued = await Ok(await county.PostAsync($"/api/planning/plans/{plan.GetProperty("id").GetInt64()}/issue", null));
        Assert.Equal("Issued", issued.GetProperty("status").GetString());

        var page = await app.SignedIn("town01");
        await page.GotoAsync($"/planning?year={year}");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        Assert.Contains("已下达", await page.InnerTextAsync("[data-testid=plan-status]"));

        // This year's dashboard of the township: the card and its progress against the demo's issued plan.
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid='kpi-labour.new_transfers-value']");
        var before = await CardValue(page);
        var progressBefore = await page.InnerTextAsync("[data-testid='kpi-labour.new_transfers']");

        // The township officer records a placement of one of their people.
        var town = await Api("town01");
        var name = "看板测试" + Random.Shared.Next(100, 999);
        var person = await Ok(await town.PostAsJsonAsync("/api/people", new { idNumber = NewIdNumber(), name, villageCode = "419921101001" }));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        await Ok(await town.PostAsJsonAsync("/api/employment/placements", new
        {
            personId = person.GetProperty("id").GetInt64(), employerName = "禾丰县某电子厂", province = "河南省", city = "禾丰县", band = "InCounty",
            position = "装配工", startDate = today.ToString("yyyy-MM-dd"), monthlyWageFen = 420_000, organised = true,
        }));

        // The next look at the dashboard has moved: one more new transfer, and the progress text changed with it.
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid='kpi-labour.new_transfers-value']");
        Assert.Equal(before + 1, await CardValue(page));
        Assert.NotEqual(progressBefore, await page.InnerTextAsync("[data-testid='kpi-labour.new_transfers']"));

        // The records behind the card: as many as the card says, the new person among them (the newest first), ID masked.
        await page.WaitForSelectorAsync("[data-chart-ready=true]");
        await page.ClickAsync("[data-testid='kpi-labour.new_transfers']");
        await page.WaitForURLAsync(u => u.Contains("/dashboard/records?") && u.Contains("key=labour.new_transfers"));
        await page.WaitForSelectorAsync("[data-testid=records-table] tbody tr");
        await page.WaitForSelectorAsync("[data-testid=records-total][data-value]:not([data-value=''])");
        Assert.Equal(before + 1, long.Parse(await page.GetAttributeAsync("[data-testid=records-total]", "data-value") ?? ""));
        Assert.Contains(name, await page.InnerTextAsync("[data-testid=records-table]"));
        await page.Context.CloseAsync();
    }
}
