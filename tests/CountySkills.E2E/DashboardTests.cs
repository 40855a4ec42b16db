using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The leaders' dashboard and the command-centre screen as county staff and a township officer meet them in the browser.</summary>
[Collection(nameof(AppServer))]
public sealed partial class DashboardTests(AppServer app)
{
    /// <summary>Set CS_SCREENSHOTS to a folder to keep a picture of each page these tests open.</summary>
    static async Task Shot(IPage page, string name, bool full = true)
    {
        if (Environment.GetEnvironmentVariable("CS_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = full });
    }

    static List<string> Errors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            // The app has no favicon yet: the browser's own request for it is not the page's error.
            if (m.Type == "error" && !m.Location.Contains("favicon.ico", StringComparison.Ordinal)) lock (errors) errors.Add(m.Text);
        };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        return errors;
    }

    [Fact]
    public async Task County_clicks_the_new_transfers_card_and_the_records_behind_it_add_up_to_the_card()
    {
        var page = await app.SignedIn("county");
        var errors = Errors(page);
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await ChartTests.AllChartsReady(page, 9);
        await Shot(page, "dashboard-county");
        Assert.Matches(@"\d{2}:\d{2}:\d{2}", await page.InnerTextAsync("[data-testid=dashboard-asof]"));
        var card = page.Locator("[data-testid='kpi-labour.new_transfers']");
        var value = long.Parse(await page.GetAttributeAsync("[data-testid='kpi-labour.new_transfers-value']", "data-value") ?? "");
        Assert.True(value > 0, "the demo county has placed people this year");
        Assert.Equal(value.ToString("N0"), (await page.InnerTextAsync("[data-testid='kpi-labour.new_transfers-value']")).Trim());

        await card.ClickAsync();
        await page.WaitForURLAsync("**/dashboard/records?key=labour.new_transfers**");
        await page.WaitForSelectorAsync("[data-testid=records-table] tbody tr");
        await page.WaitForSelectorAsync("[data-testid=records-total][data-value]:not([data-value=''])");
        Assert.Equal(value, long.Parse(await page.GetAttributeAsync("[data-testid=records-total]", "data-value") ?? ""));
        Assert.Equal(value.ToString(), await page.GetAttributeAsync("[data-testid=records-figure]", "data-value"));
        var rows = await page.Locator("[data-testid=records-table] tbody tr").CountAsync();
        Assert.Equal(Math.Min(20, value), rows);
        // Each row leads to the person; ID numbers are masked.
        Assert.Matches("^/people/\\d+$", await page.Locator("[data-testid=records-row-name] a").First.GetAttributeAsync("href") ?? "");
        Assert.DoesNotMatch(IdNumber(), await page.InnerTextAsync("[data-testid=records-table]"));
        await Shot(page, "records-county");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_screen_fills_a_1280x720_window_with_its_1920x1080_stage_draws_its_charts_and_shows_no_id_number()
    {
        var page = await app.SignedIn("county");
        var errors = Errors(page);
        await page.SetViewportSizeAsync(1280, 720);
        await page.GotoAsync("/screen");
        await page.WaitForSelectorAsync("[data-testid=screen-stage][data-ready=true]");
        await ChartTests.AllChartsReady(page, 4);
        foreach (var id in new[] { "chart-screen-trend", "chart-screen-ranking", "chart-screen-band", "chart-screen-brand" })
            Assert.Equal(1, await page.Locator($"[data-testid={id}] canvas").CountAsync());
        await Shot(page, "screen-county", full: false);

        // Scaled by 1280/1920 to exactly the window: no scroll bars, nothing cut off; the menu of the app is not there.
        var box = await page.Locator("[data-testid=screen-stage]").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 1279, 1281);
        Assert.InRange(box.Height, 719, 721);
        Assert.Equal("0.6667", await page.GetAttributeAsync("[data-testid=screen-stage]", "data-scale"));
        Assert.Equal(new[] { 1280, 720 }, await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"));
        Assert.Equal(0, await page.Locator("[data-testid=nav]").CountAsync());
        // Big numbers (≥ 48 px on the stage), the county's name and the time of the figures.
        var size = await page.Locator(".screen-kpi-value").First.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(size.Replace("px", "")) >= 48, size);
        Assert.Contains("禾丰县", await page.InnerTextAsync("[data-testid=screen-title]"));
        Assert.Matches(@"数据截至 \d{2}:\d{2}:\d{2}", await page.InnerTextAsync("[data-testid=screen-asof]"));

        // A wider window re-scales the stage.
        await page.SetViewportSizeAsync(1920, 1080);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=screen-stage]').dataset.scale === '1.0000'");

        // Masked names only: no ID number, no phone anywhere on it.
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotMatch(IdNumber(), text);
        Assert.DoesNotMatch(@"1[3-9]\d{9}", text);
        var names = await page.Locator("[data-testid=screen-recent] li b").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains("*", n));
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_township_officer_sees_their_own_township_on_the_dashboard_and_the_screen()
    {
        var page = await app.SignedIn("town01");
        var errors = Errors(page);
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await ChartTests.AllChartsReady(page, 7);
        Assert.Equal("青石镇", (await page.InnerTextAsync("[data-testid=dashboard-area-fixed]")).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=dashboard-area]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=chart-township]").CountAsync());
        await Shot(page, "dashboard-town01");

        await page.GotoAsync("/screen");
        await page.WaitForSelectorAsync("[data-testid=screen-stage][data-ready=true]");
        await ChartTests.AllChartsReady(page, 4);
        Assert.Contains("青石镇", await page.InnerTextAsync("[data-testid=screen-title]"));
        var ranked = await page.Locator("[data-testid=chart-screen-ranking]")
            .EvaluateAsync<string[]>("el => echarts.getInstanceByDom(el).getOption().yAxis[0].data");
        Assert.Equal(["青石镇"], ranked);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"\d{17}[\dX]")]
    private static partial Regex IdNumber();
}
