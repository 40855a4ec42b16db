using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>In English, every page a role's navigation leads to shows English: no CJK character in the visible text outside
/// the data (elements marked <c>[data-cell]</c>: names, places, notes as entered) and outside the values of inputs.</summary>
[Collection(nameof(AppServer))]
public sealed partial class EnglishWalkTests(AppServer app)
{
    /// <summary>The visible text nodes (and placeholders, labels of buttons) with CJK outside [data-cell], each as "text".</summary>
    const string FindChinese = """
        () => {
          const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
          const out = [];
          const hidden = el => { for (let e = el; e && e !== document.body; e = e.parentElement) {
              if (e.closest('[data-cell]')) return true;
              const s = getComputedStyle(e); if (s.display === 'none' || s.visibility === 'hidden') return true; }
            return false; };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const t = n.nodeValue.trim();
            if (!t || !cjk.test(t)) continue;
            const el = n.parentElement;
            if (!el || el.closest('script,style,noscript,textarea,option') || hidden(el)) continue;
            out.push(t.slice(0, 80));
          }
          for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
            if (hidden(el)) continue;
            for (const a of ['placeholder', 'aria-label', 'title']) { const v = el.getAttribute(a); if (v && cjk.test(v)) out.push(a + '=' + v.slice(0, 80)); }
          }
          return [...new Set(out)];
        }
        """;

    [Theory]
    [InlineData("admin")]
    [InlineData("county")]
    [InlineData("town01")]
    [InlineData("school01")]
    [InlineData("employer01")]
    [InlineData("viewer")]
    [InlineData("auditor")]
    public async Task Every_page_of_the_role_shows_no_Chinese_outside_the_data(string user)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/culture?c=en-US&r=/account/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=home-work]");
        await AppServer.WaitInteractive(page);

        var problems = new List<string>();
        var seen = new HashSet<string>();
        var navLinks = (await page.Locator("[data-testid=nav] a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            .Where(h => h.StartsWith('/')).Distinct().ToList();
        Assert.NotEmpty(navLinks);
        var queue = new Queue<(string Href, int Depth)>(navLinks.Select(h => (h, 0)));
        var shapes = new HashSet<string>();
        while (queue.Count > 0)
        {
            var (href, depth) = queue.Dequeue();
            if (!seen.Add(href)) continue;
            await Open(page, href);
            foreach (var text in await page.EvaluateAsync<string[]>(FindChinese)) problems.Add($"{href}: {text}");
            if (depth > 0) continue;
            // Sub-pages of the area reachable as links (one of each shape: /training/classes/12 and /training/classes/13 are one).
            var area = "/" + href.Trim('/').Split('/')[0];
            var links = await page.Locator(".mud-main-content a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            foreach (var l in links.Where(l => l is not null && l.StartsWith('/') && !l.StartsWith("/api") && !l.Contains("/export") && !l.Contains("download")))
            {
                var path = l.Split('#')[0];
                if (area != "/" && !path.StartsWith(area, StringComparison.Ordinal)) continue;
                if (shapes.Add(Digits().Replace(path.Split('?')[0], "#")) && shapes.Count < 60) queue.Enqueue((path, 1));
            }
        }
        await context.CloseAsync();
        Assert.True(problems.Count == 0, $"{user} sees Chinese outside data in English on {problems.Select(p => p.Split(':')[0]).Distinct().Count()} pages:\n" + string.Join("\n", problems));
    }

    static async Task Open(IPage page, string href)
    {
        await page.GotoAsync(href);
        await AppServer.WaitInteractive(page);
        try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 }); } catch (TimeoutException) { }
        // Let the page's first data load finish: no progress indicator left (or give up after a few seconds).
        for (var i = 0; i < 20 && await page.Locator(".mud-progress-linear:visible, .mud-progress-circular:visible, .mud-skeleton:visible").CountAsync() > 0; i++)
            await page.WaitForTimeoutAsync(250);
        await page.WaitForTimeoutAsync(400);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
