using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The chart component (ECharts on a canvas, ADR 0017) on the development sample page /dashboard/chart-sample.</summary>
[Collection(nameof(AppServer))]
public sealed class ChartTests(AppServer app)
{
    static readonly string[] Charts = ["chart-bar", "chart-line", "chart-pie", "chart-dark"];

    [Fact]
    public async Task Four_charts_draw_on_canvas_follow_a_resize_hand_back_the_code_of_a_clicked_bar_and_redraw_new_data()
    {
        var page = await app.SignedIn("county");
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
                lock (violations) violations.Add(m.Text);
        };
        await page.GotoAsync("/dashboard/chart-sample");
        await AppServer.WaitInteractive(page);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-chart-ready=true]').length === 4");

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

        // A real mouse click in the middle of the third bar (柳河镇): its position comes from the chart's own axes.
        var bar = page.Locator("[data-testid=chart-bar]");
        var point = await bar.EvaluateAsync<double[]>(@"el => {
            const chart = echarts.getInstanceByDom(el);
            const item = chart.getOption().series[0].data[2];
            const top = chart.convertToPixel({ seriesIndex: 0 }, [2, item.value]);
            const bottom = chart.convertToPixel({ seriesIndex: 0 }, [2, 0]);
            return [top[0], (top[1] + bottom[1]) / 2];
        }");
        await bar.ClickAsync(new() { Position = new() { X = (float)point[0], Y = (float)point[1] } });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=chart-clicked]').innerText.trim() === '419921102'");

        // New data from .NET redraws the same chart (update, not a new instance).
        var first = await bar.EvaluateAsync<double>("el => echarts.getInstanceByDom(el).getOption().series[0].data[0].value");
        await page.ClickAsync("[data-testid=chart-sample-shift]");
        await page.WaitForFunctionAsync("v => echarts.getInstanceByDom(document.querySelector('[data-testid=chart-bar]')).getOption().series[0].data[0].value !== v", first);

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
