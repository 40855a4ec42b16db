using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The brand and entrepreneurship forms as a county officer uses them. Set CS_SHOTS to a folder to keep screenshots of the
/// forms in Chinese and English.</summary>
[Collection(nameof(AppServer))]
public sealed class BrandFormTests(AppServer app)
{
    static readonly string? Shots = Environment.GetEnvironmentVariable("CS_SHOTS");

    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";
    static string Area(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::textarea";
    const string Options = ".mud-popover-open .mud-list-item";

    static async Task Shot(IPage page, string name)
    {
        if (Shots is null) return;
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    static async Task<List<string>> OptionsOf(IPage page, string testId)
    {
        await page.ClickAsync($"[data-testid={testId}]");
        await page.WaitForSelectorAsync(Options);
        var texts = (await page.Locator(Options).AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        await CloseMenu(page);
        return texts;
    }

    /// <summary>Closes an open select menu by a click beside it (on its overlay), as a user would.</summary>
    static async Task CloseMenu(IPage page)
    {
        // A click that lands while the menu is still opening is lost (the circuit is busy under load): click again until it closes.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await page.Locator(".mud-dialog .mud-dialog-title").ClickAsync(new() { Force = true });
            try { await page.WaitForSelectorAsync(Options, new() { State = WaitForSelectorState.Detached, Timeout = 4_000 }); return; }
            catch (TimeoutException) { }
        }
        await page.WaitForSelectorAsync(Options, new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Picks the first option of a (multi-)select and closes it; returns the option's text.</summary>
    static async Task<string> PickFirst(IPage page, string testId, bool multi = false)
    {
        await page.ClickAsync($"[data-testid={testId}]");
        var first = page.Locator(Options).First;
        await first.WaitForAsync();
        var text = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        if (multi) await CloseMenu(page);
        else await page.WaitForSelectorAsync(Options, new() { State = WaitForSelectorState.Detached });
        return text;
    }

    [Fact]
    public async Task The_county_registers_a_brand_with_a_partner_and_a_labour_base_and_a_moxibustion_brand_is_not_offered_the_domestic_scheme()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/brands");
        await AppServer.WaitInteractive(page);
        await page.ClickAsync("[data-testid=brand-new]");
        await page.WaitForSelectorAsync("[data-testid=brand-dialog]");
        var name = "禾丰艾香" + Guid.NewGuid().ToString("N")[..4];
        await page.FillAsync(Input("b-name"), name);
        await page.FillAsync(Input("b-trademark"), "第 87654321 号");
        await page.FillAsync(Input("b-owner"), "禾丰县艾草产业协会");

        // 家政 is offered the domestic-work scheme; 艾灸 is not.
        await page.FillAsync(Input("b-category"), "家政");
        await page.Keyboard.PressAsync("Tab");
        Assert.Contains(await OptionsOf(page, "b-scheme"), o => o.Contains("GB/T 31771"));
        await page.FillAsync(Input("b-category"), "艾灸");
        await page.Keyboard.PressAsync("Tab");
        var offered = await OptionsOf(page, "b-scheme");
        Assert.DoesNotContain(offered, o => o.Contains("GB/T 31771"));
        Assert.Contains(offered, o => o.Contains("通用星级"));
        Assert.Equal(0, await page.Locator("[data-testid=scheme-occupation]").CountAsync());   // the general scheme asks no certificates

        var partner = await PickFirst(page, "b-leading", multi: true);
        var labourBase = (await PickFirst(page, "b-bases", multi: true)).Split('·')[0].Trim();
        await page.FillAsync(Area("b-standards"), "统一服装、统一标识；专项职业能力持证上岗");
        await page.FillAsync(Input("b-leaders"), "王艾青（艾灸调理师）");
        await Shot(page, "brand-dialog");
        await page.ClickAsync("[data-testid=b-save]");

        await page.WaitForSelectorAsync($"[data-testid=brand-title]:has-text('{name}')");
        Assert.Contains(partner, await page.InnerTextAsync("[data-testid=brand-leading]"));
        Assert.Contains(labourBase, await page.InnerTextAsync("[data-testid=brand-bases]"));
        Assert.Equal("艾灸", (await page.InnerTextAsync("[data-testid=brand-category]")).Trim());
        await Shot(page, "brand-page");

        // Editing: the form opens with what was saved; the domestic scheme is still not offered.
        await page.ClickAsync("[data-testid=brand-edit]");
        await page.WaitForSelectorAsync("[data-testid=brand-dialog]");
        Assert.Equal(name, await page.InputValueAsync(Input("b-name")));
        Assert.DoesNotContain(await OptionsOf(page, "b-scheme"), o => o.Contains("GB/T 31771"));
        await page.ClickAsync("[data-testid=b-cancel]");
        await page.WaitForSelectorAsync("[data-testid=brand-dialog]", new() { State = WaitForSelectorState.Detached });

        await page.GotoAsync("/brands");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync($"[data-testid=brand-name]:has-text('{name}')");

        // The domestic brand's scheme names its occupations.
        await page.ClickAsync("[data-testid=brand-name] >> text=禾红家政");
        await page.WaitForSelectorAsync("[data-testid=scheme-table]");
        Assert.Contains("家政服务员", await page.InnerTextAsync("[data-testid=scheme-table]"));
        Assert.DoesNotContain("4-10-01-06", await page.InnerTextAsync("[data-testid=scheme-table]"));

        await page.GotoAsync("/culture?c=en-US&r=/brands");
        await AppServer.WaitInteractive(page);
        await page.ClickAsync("[data-testid=brand-new]");
        await page.WaitForSelectorAsync("[data-testid=brand-dialog]");
        await page.ClickAsync("[data-testid=b-save]");   // empty: the validator's errors at the fields
        await page.WaitForSelectorAsync("[data-testid=brand-dialog] .mud-input-error");
        await Shot(page, "brand-dialog-en");
        await page.ClickAsync("[data-testid=b-cancel]");
        await page.GotoAsync("/culture?c=zh-CN&r=/brands");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_county_registers_an_incubator_a_business_in_it_and_its_support_and_sees_them_listed()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/entrepreneurship");
        await AppServer.WaitInteractive(page);
        await page.ClickAsync("[data-testid=incubator-new]");
        await page.WaitForSelectorAsync("[data-testid=incubator-dialog]");
        var incubator = "禾丰电商孵化园" + Guid.NewGuid().ToString("N")[..4];
        await page.FillAsync(Input("i-name"), incubator);
        await PickFirst(page, "i-area");
        await page.FillAsync(Input("i-address"), "县城创业大道 8 号");
        await page.FillAsync(Area("i-services"), "房租三年减免、水电补贴、电商培训");
        await Shot(page, "incubator-dialog");
        await page.ClickAsync("[data-testid=i-save]");
        await page.WaitForSelectorAsync($"[data-testid=incubator-name]:has-text('{incubator}')");

        // A business in it: the founder found by name, the incubator picked by name.
        var card = page.Locator("[data-testid=incubator]", new() { Has = page.Locator($"[data-testid=incubator-name]:has-text('{incubator}')") });
        await card.Locator("[data-testid=incubator-add-business]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=business-dialog]");
        await page.ClickAsync(Input("biz-founder"));
        await page.Keyboard.TypeAsync("王");
        var founder = page.Locator(Options).First;
        await founder.WaitForAsync();
        var founderName = (await founder.Locator("[data-cell]").First.InnerTextAsync()).Trim();
        await founder.ClickAsync();
        var business = "艾香电商" + Guid.NewGuid().ToString("N")[..4];
        await page.FillAsync(Input("biz-name"), business);
        await page.FillAsync(Input("biz-jobs"), "6");
        Assert.Contains(incubator, await page.InnerTextAsync("[data-testid=biz-incubator]"));
        await Shot(page, "business-dialog");
        await page.ClickAsync("[data-testid=biz-save]");

        var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=business-name]:has-text('{business}')") });
        await row.WaitForAsync();
        Assert.Contains(incubator, await row.Locator("[data-testid=business-incubator]").InnerTextAsync());
        Assert.Contains(founderName, await row.InnerTextAsync());

        await row.Locator("[data-testid=business-add-support]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=support-dialog]");
        await page.FillAsync(Input("aid-amount"), "12000");
        await page.FillAsync(Input("aid-note"), "首年房租全免");
        await Shot(page, "support-dialog");
        await page.ClickAsync("[data-testid=aid-save]");
        await row.Locator("[data-testid=business-support]").WaitForAsync();
        Assert.Contains("房租减免", await row.Locator("[data-testid=business-support]").InnerTextAsync());
        Assert.Contains("12,000", await row.Locator("[data-testid=business-support]").InnerTextAsync());
        await page.WaitForSelectorAsync($"[data-testid=incubator]:has-text('{incubator}') [data-testid=incubator-figures]:has-text('1')");
        await Shot(page, "entrepreneurship-page");

        await page.GotoAsync("/culture?c=en-US&r=/entrepreneurship");
        await AppServer.WaitInteractive(page);
        await page.ClickAsync("[data-testid=business-new]");
        await page.WaitForSelectorAsync("[data-testid=business-dialog]");
        await Shot(page, "business-dialog-en");
        await page.ClickAsync("[data-testid=dialog-cancel]");
        await page.WaitForSelectorAsync("[data-testid=business-dialog]", new() { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=incubator-new]");
        await page.WaitForSelectorAsync("[data-testid=incubator-dialog]");
        await Shot(page, "incubator-dialog-en");
        await page.ClickAsync("[data-testid=dialog-cancel]");
        await page.WaitForSelectorAsync("[data-testid=incubator-dialog]", new() { State = WaitForSelectorState.Detached });
        var enRow = page.Locator("tr", new() { Has = page.Locator($"[data-testid=business-name]:has-text('{business}')") });
        await enRow.Locator("[data-testid=business-add-support]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=support-dialog]");
        await Shot(page, "support-dialog-en");
        await page.ClickAsync("[data-testid=dialog-cancel]");
        await page.WaitForSelectorAsync("[data-testid=support-dialog]", new() { State = WaitForSelectorState.Detached });
        await Shot(page, "entrepreneurship-page-en");
        await page.GotoAsync("/culture?c=zh-CN&r=/entrepreneurship");
        await page.Context.CloseAsync();
    }
}
