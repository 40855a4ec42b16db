using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The Content-Security-Policy breaks nothing: the main pages, a class, a dialog and the public pages run with no violation.</summary>
[Collection(nameof(AppServer))]
public sealed class SecurityHeaderTests(AppServer app)
{
    [Fact]
    public async Task The_main_pages_a_class_a_dialog_and_the_public_pages_run_without_a_single_content_security_policy_violation()
    {
        var page = await app.NewPage();
        var violations = new List<string>();
        // Chromium reports a violation both as a console error ("Refused to …", "… violates the following Content Security Policy …")
        // and as a securitypolicyviolation event, which the init script turns into a console error too.
        await page.Context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => " +
                                              "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal)
                || m.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                lock (violations) violations.Add($"{page.Url}: {m.Text}");
        };

        var login = await page.GotoAsync("/account/login");
        var csp = login!.Headers["content-security-policy"];
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self' 'nonce-", csp);
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=stat-people-value]");
        await AppServer.WaitInteractive(page);

        foreach (var path in new[] { "/people", "/people/1", "/training", "/training/classes/1", "/certificates", "/subsidies", "/employment", "/brands",
                     "/entrepreneurship", "/dashboard", "/admin/audit", "/admin/settings" })
        {
            await page.GotoAsync(path);
            await AppServer.WaitInteractive(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // A dialog of the interactive shell.
        await page.GotoAsync("/admin/users");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=users-table] [data-testid=user-name]");
        await page.ClickAsync("[data-testid=users-new]");
        await page.WaitForSelectorAsync("[data-testid=user-dialog]");
        await page.Keyboard.PressAsync("Escape");

        // The public pages (no circuit): the notice list and one notice, a certificate check, a worker's card.
        await page.GotoAsync("/notices");
        if (await page.Locator("a[href^='/notices/']").CountAsync() > 0)
        {
            await page.ClickAsync("a[href^='/notices/'] >> nth=0");
            await page.WaitForSelectorAsync("[data-testid=notice-lines]");
        }
        await page.GotoAsync("/verify/NOSUCHNUMBER");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
