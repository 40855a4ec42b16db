using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The statistical tables page /reports: a table chosen, its preview with the merged header and the totals row, the Excel
/// download of the same table, a township chosen, and the page in English. With REPORTS_SHOTS set to a folder, the screenshots
/// and the downloaded file are left there to be looked at.</summary>
[Collection(nameof(AppServer))]
public sealed class ReportsPageTests(AppServer app)
{
    static readonly string? Shots = Environment.GetEnvironmentVariable("REPORTS_SHOTS");

    [Fact]
    public async Task Previews_a_table_with_its_merged_header_downloads_it_and_narrows_it_to_a_township()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/reports");
        await AppServer.WaitInteractive(page);
        var table = page.Locator("[data-testid=report-table]");
        await table.WaitForAsync();
        // 职业技能培训情况表: three header rows; 培训人次 over nine columns; seven class kinds and 合计.
        Assert.Equal(3, await table.Locator("thead tr").CountAsync());
        Assert.Equal("9", await table.Locator("thead th", new() { HasTextString = "培训人次" }).First.GetAttributeAsync("colspan"));
        Assert.Equal(7, await table.Locator("tbody tr:not(.totals)").CountAsync());
        Assert.Equal("合计", (await page.Locator("[data-testid=report-table-totals] td").First.InnerTextAsync()).Trim());
        Assert.Contains("数据截至", await page.Locator("[data-testid=report-asof]").InnerTextAsync());
        await Shot(page, "reports-zh.png");

        // Another table: 农村劳动力转移就业情况表, a row per township; the download is the same table as xlsx.
        await page.ClickAsync("[data-testid=report-key]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "农村劳动力转移就业情况表" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=report-table] thead th[colspan=\"4\"]')?.innerText.includes('转移就业人数')");
        var href = await page.Locator("[data-testid=report-download]").GetAttributeAsync("href");
        Assert.StartsWith("/api/reports/transfer.xlsx?from=", href);
        var file = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Headers["content-type"]);
        var bytes = await file.BodyAsync();
        Assert.Equal((byte)'P', bytes[0]);
        if (Shots is not null)
            foreach (var key in new[] { "training", "transfer", "brands", "subsidies" })
                await File.WriteAllBytesAsync(Path.Combine(Shots, key + ".xlsx"), await (await page.APIRequest.GetAsync($"/api/reports/{key}.xlsx")).BodyAsync());
        var townships = await table.Locator("tbody tr:not(.totals)").CountAsync();
        Assert.True(townships > 5, $"{townships} township rows");

        await page.ClickAsync("[data-testid=report-area]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "青石镇" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=report-table] tbody tr:not(.totals)').length === 1");
        Assert.Contains("青石镇", await table.Locator("tbody tr").First.InnerTextAsync());
        Assert.Contains("area=419921101", await page.Locator("[data-testid=report-download]").GetAttributeAsync("href"));
        Assert.Equal("/reports/work-report", await page.Locator("[data-testid=report-work-report]").GetAttributeAsync("href"));

        await page.GotoAsync("/culture?c=en-US&r=/reports");
        await page.WaitForURLAsync("**/reports");
        await AppServer.WaitInteractive(page);
        await table.WaitForAsync();
        Assert.Contains("Download Excel", await page.Locator("[data-testid=report-download]").TextContentAsync());
        await Shot(page, "reports-en.png");
        await page.GotoAsync("/culture?c=zh-CN&r=/");
        await page.Context.CloseAsync();
    }

    static async Task Shot(IPage page, string name)
    {
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name), FullPage = true });
    }
}
