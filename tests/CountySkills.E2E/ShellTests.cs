using Microsoft.Playwright;

namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class ShellTests(AppServer app)
{
    static readonly string[] Areas = ["People", "Training", "Certificates", "Subsidies", "Employment", "Brands", "Entrepreneurship", "Planning", "Dashboard", "Reports", "Admin"];

    [Theory]
    [InlineData("admin", "People,Training,Certificates,Subsidies,Employment,Brands,Entrepreneurship,Planning,Dashboard,Reports,Admin")]
    [InlineData("county", "People,Training,Certificates,Subsidies,Employment,Brands,Entrepreneurship,Planning,Dashboard,Reports,Admin")]
    [InlineData("town01", "People,Certificates,Employment,Entrepreneurship,Planning,Dashboard")]
    [InlineData("school01", "People,Training,Certificates,Subsidies")]
    [InlineData("viewer", "People,Training,Certificates,Employment,Brands,Entrepreneurship,Planning,Dashboard,Reports")]
    [InlineData("auditor", "People,Training,Certificates,Subsidies,Employment,Brands,Entrepreneurship,Planning,Dashboard,Reports,Admin")]
    public async Task Each_role_signs_in_and_sees_the_menu_its_role_allows(string user, string allowed)
    {
        var page = await app.SignedIn(user);
        var expected = allowed.Split(',');
        foreach (var area in Areas)
        {
            var visible = await page.Locator($"[data-testid=nav] [data-area={area}]").CountAsync();
            Assert.True(expected.Contains(area) == (visible == 1), $"{user}: menu item {area} visible={visible}");
        }
        // The ledger's figure only where the scope holds people: institution and employer staff get no tile that is always 0.
        if (user is "school01" or "employer01") Assert.Equal(0, await page.Locator("[data-testid=stat-people-value]").CountAsync());
        else
        {
            var people = int.Parse((await page.InnerTextAsync("[data-testid=stat-people-value]")).Replace(",", ""));
            Assert.True(people > 0, $"{user} sees {people} people on the home page");
        }
        Assert.Contains(await page.InnerTextAsync("[data-testid=user-chip]"), s => s > 127); // role shown in Chinese
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_township_officer_sees_nothing_of_another_township()
    {
        var page = await app.SignedIn("town01");
        var scope = await page.InnerTextAsync("[data-testid=home-scope]");
        Assert.Contains("青石镇", scope);

        await page.GotoAsync("/people");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=people-table] tbody tr td[data-testid=row-township]");
        var townships = await page.Locator("[data-testid=row-township]").AllInnerTextsAsync();
        Assert.NotEmpty(townships);
        Assert.All(townships, t => Assert.Equal("青石镇", t.Trim()));

        await page.GotoAsync("/regions/419921205");
        await page.WaitForSelectorAsync("[data-testid=not-authorised]");
        Assert.Equal(0, await page.Locator("[data-testid=region-children]").CountAsync());
        Assert.DoesNotContain("石桥乡", await page.ContentAsync());

        await page.GotoAsync("/admin/audit");
        await page.WaitForSelectorAsync("[data-testid=not-authorised]");
        Assert.Equal(0, await page.Locator("[data-testid=audit-table]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_chinese_error_and_stays_on_sign_in()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "county");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("[data-testid=login-submit]");
        var error = await page.WaitForSelectorAsync("[data-testid=login-error]");
        Assert.Equal("用户名或密码错误", (await error!.InnerTextAsync()).Trim());
        Assert.Contains("/account/login", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_in_the_browser()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/account/login");
        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#userName", "employer01");
            await page.FillAsync("#password", "wrong-" + i);
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForSelectorAsync("[data-testid=login-error]");
        }
        await page.FillAsync("#userName", "employer01");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("[data-testid=login-submit]");
        var error = await page.WaitForSelectorAsync("[data-testid=login-error]");
        // The sixth attempt within the minute is throttled (the account itself is locked by then).
        Assert.Contains("次数过多", await error!.InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_interface_switches_to_english_and_back()
    {
        var page = await app.SignedIn("county");
        Assert.Contains("劳动力台账", await page.InnerTextAsync("[data-testid=nav]"));
        await page.ClickAsync("[data-testid=culture-switch]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=nav]')?.innerText.includes('Labour ledger')");
        await AppServer.WaitInteractive(page);
        await page.ClickAsync("[data-testid=culture-switch]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=nav]')?.innerText.includes('劳动力台账')");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_sign_in_and_pages_need_sign_in_again()
    {
        var page = await app.SignedIn("viewer");
        await page.ClickAsync(".user-menu button");
        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync("/dashboard");
        await page.WaitForURLAsync("**/account/login**");
        await page.Context.CloseAsync();
    }
}
