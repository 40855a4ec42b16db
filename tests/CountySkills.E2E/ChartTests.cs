using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The chart component (ECharts on a canvas, ADR 0017) on the dashboard: drawn, resized, clicked, redrawn with new data.</summary>
[Collection(nameof(AppServer))]
public sealed class ChartTests(AppServer app)
{
    static readonly string[] Charts =
    [
        "chart-trend-training", "chart-trend-transfers", "chart-township", "chart-ranking", "chart-band", "chart-classkind", "chart-targetgroup",
        "chart-occupation", "chart-brand",
    ];

    /// <summary>Every chart of the page is drawn (data-chart-ready=true).</summary>
    public static Task AllChartsReady(IPage page, int count) => page.WaitForFunctionAsync(
        "n => { const c = [...document.querySelectorAll('.echart')]; return c.length >= n && c.every(e => e.dataset.chartReady === 'true'); }", count);

    [Fact]
    public async Task The_dashboards_charts_draw_on_canvas_follow_a_resize_hand_back_the_code_of_a_clicked_bar_and_redraw_new_data()
    {
        var page = await app.SignedIn("county");
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
                lock (violations) violations.Add(m.Text);
        };
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await AllChartsReady(page, Charts.Length);

        var widths = new Dictionary<string, int>();
        foreach (var id in Charts)
        {
            var canvas = page.Locator($"[data-testid={id}] canvas");
            Assert.Equal(1, await canvas.CountAsync());
            widths[id] = await canvas.EvaluateAsync<int>("c => c.width");
            Assert.True(widths[id] > 100, $"{id} canvas is {widths[id]} px wide");
        }

        // Narrower window: every canvas follows its container (ResizeObserver -> chart.resize()).
        await page.SetViewportSizeAsync(1000, 900);
        foreach (var id in Charts)
            await page.WaitForFunctionAsync($"w => document.querySelector('[data-testid={id}] canvas').width !== w", widths[id]);

        // A real mouse click in the middle of 柳河镇's training bar (the third township, first series), where the chart laid it out.
        var bar = page.Locator("[data-testid=chart-township]");
        await bar.ScrollIntoViewIfNeededAsync();
        var hit = await bar.EvaluateAsync<double[]>(@"el => {
            const chart = echarts.getInstanceByDom(el);
            const r = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(2);
            return [r.x + r.width / 2, r.y + r.height / 2, chart.getOption().series[0].data[2].value];
        }");
        Assert.True(hit[2] > 0, "柳河镇 has trainees in the demo data");
        await bar.ClickAsync(new() { Position = new() { X = (float)hit[0], Y = (float)hit[1] } });
        await page.WaitForURLAsync("**/dashboard/records?**");
        Assert.Contains("key=training.person_times", page.Url);
        Assert.Contains("by=township&group=419921102", page.Url);
        await page.WaitForSelectorAsync("[data-testid=records-total][data-value]:not([data-value=''])");
        Assert.Equal((long)hit[2], long.Parse(await page.GetAttributeAsync("[data-testid=records-total]", "data-value") ?? ""));

        // New data from .NET redraws the same chart (update, not a new instance): last year's figures.
        await page.GotoAsync("/dashboard");
        await AppServer.WaitInteractive(page);
        await AllChartsReady(page, Charts.Length);
        const string Sum = "() => { const c = echarts.getInstanceByDom(document.querySelector('[data-testid=chart-township]')); " +
                           "return [c.id, c.getOption().series[0].data.reduce((a, d) => a + (d.value || 0), 0)]; }";
        var before = await page.EvaluateAsync<object[]>(Sum);
        await page.ClickAsync("[data-testid=dashboard-year]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('2025')");
        await page.WaitForURLAsync("**/dashboard?year=2025");
        await page.WaitForFunctionAsync("([id, sum]) => { const c = echarts.getInstanceByDom(document.querySelector('[data-testid=chart-township]')); " +
                                        "return c.id === id && c.getOption().series[0].data.reduce((a, d) => a + (d.value || 0), 0) !== sum; }", before);

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
