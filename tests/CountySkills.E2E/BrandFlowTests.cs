namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class BrandFlowTests(AppServer app)
{
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";

    [Fact]
    public async Task The_county_rates_a_brand_worker_and_a_customer_checks_the_service_card_without_signing_in()
    {
        var county = await app.SignedIn("county");
        await county.GotoAsync("/brands");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync("[data-testid=brand-name] >> text=禾红家政");
        await county.WaitForSelectorAsync("[data-testid=members-table]");
        await county.Locator("[data-testid=member-open]").First.ClickAsync();
        await county.WaitForSelectorAsync("[data-testid=proposal-level]");
        var proposed = (await county.InnerTextAsync("[data-testid=proposal-level]")).Trim();

        // Overriding the proposal needs a reason; with one, the new level is recorded.
        await county.ClickAsync("[data-testid=stars-select]");
        var other = proposed == "三星" ? "四星" : "三星";
        await county.ClickAsync($".mud-popover-open .mud-list-item >> text={other}");
        await county.ClickAsync("[data-testid=stars-save]");
        await county.WaitForSelectorAsync("[data-testid=member-error]");
        Assert.Contains("须说明理由", await county.InnerTextAsync("[data-testid=member-error]"));
        await county.FillAsync(Input("stars-reason"), "客户表扬多次，技能考核优秀");
        await county.ClickAsync("[data-testid=stars-save]");
        await county.WaitForFunctionAsync($"() => document.querySelector('[data-testid=member-current-stars]').innerText.includes('{other}')");
        var title = (await county.InnerTextAsync("[data-testid=member-title]")).Split('·')[0].Trim();
        await county.GoBackAsync();
        await AppServer.WaitInteractive(county);
        var cardUrl = await county.Locator("[data-testid=member-card]").First.GetAttributeAsync("href");
        await county.Context.CloseAsync();

        // A customer scans the card: masked name, brand, the level just given, certificates; nothing personal.
        var customer = await app.NewPage();
        await customer.GotoAsync(cardUrl!);
        Assert.Contains("禾红家政", await customer.InnerTextAsync("[data-testid=worker-brand]"));
        Assert.Equal(other, (await customer.InnerTextAsync("[data-testid=worker-stars]")).Trim());
        var name = (await customer.InnerTextAsync("[data-testid=worker-name]")).Trim();
        Assert.Equal(title[0], name[0]);
        Assert.Contains("*", name);
        Assert.True(await customer.Locator("[data-testid=worker-cert]").CountAsync() > 0);
        await customer.GotoAsync("/brands/workers/NOSUCHCODE");
        Assert.Contains("未找到该服务卡", await customer.InnerTextAsync("[data-testid=worker-unknown]"));
        await customer.Context.CloseAsync();
    }
}
