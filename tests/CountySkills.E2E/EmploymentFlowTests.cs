namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class EmploymentFlowTests(AppServer app)
{
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";

    [Fact]
    public async Task A_township_officer_works_through_overdue_follow_ups_and_an_unpaid_wage_report_reaches_the_county()
    {
        // The township officer's work list: overdue follow-ups of the township's placed workers, oldest first.
        var town = await app.SignedIn("town01");
        await town.GotoAsync("/employment");
        await AppServer.WaitInteractive(town);
        await town.WaitForSelectorAsync("[data-testid=followup-state][data-state=Overdue]");
        var overdueText = await town.InnerTextAsync("[data-testid=followups-overdue]");
        var before = int.Parse(new string(overdueText.Where(char.IsAsciiDigit).ToArray()));
        Assert.True(before >= 2, overdueText);
        Assert.All(await town.Locator("[data-testid=followup-name]").AllInnerTextsAsync(), t => Assert.Contains("青石镇", t));

        // First one: still at work, wage recorded.
        await town.Locator("[data-testid=followup-open]").First.ClickAsync();
        await town.WaitForSelectorAsync("[data-testid=followup-form]");
        await town.FillAsync(Input("f-wage"), "5200");
        await town.ClickAsync("[data-testid=f-save]");
        await town.WaitForFunctionAsync($"() => document.querySelector('[data-testid=followups-overdue]').innerText.replace(/\\D/g, '') === '{before - 1}'");

        // Next one: reports unpaid wages.
        var name = (await town.Locator("[data-testid=followup-name]").First.InnerTextAsync()).Split('\n')[0].Trim();
        await town.Locator("[data-testid=followup-open]").First.ClickAsync();
        await town.WaitForSelectorAsync("[data-testid=followup-form]");
        await town.ClickAsync("[data-testid=f-problem-UnpaidWages]");
        await town.FillAsync("[data-testid=f-notes] >> xpath=descendant-or-self::textarea", "老板说年底统一结算，已三个月未发工资");
        await town.ClickAsync("[data-testid=f-save]");
        await town.WaitForSelectorAsync("text=已向县人社局发出欠薪预警");
        await town.WaitForFunctionAsync($"() => document.querySelector('[data-testid=followups-overdue]').innerText.replace(/\\D/g, '') === '{before - 2}'");
        await town.Context.CloseAsync();

        // The county officer sees the alert naming the worker and closes it with what was done.
        var county = await app.SignedIn("county");
        await county.GotoAsync("/employment");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync(".mud-tab >> text=欠薪预警");
        var alert = county.Locator("[data-testid=alert][data-open=true]", new() { HasText = name }).Filter(new() { HasText = "三个月未发工资" });
        await alert.WaitForAsync();
        await alert.Locator("[data-testid=alert-resolution] >> xpath=descendant-or-self::input").FillAsync("已联系用工单位，承诺本周补发");
        await alert.Locator("[data-testid=alert-close]").ClickAsync();
        await county.WaitForFunctionAsync($"() => ![...document.querySelectorAll('[data-testid=alert]')].some(a => a.innerText.includes('三个月未发工资'))");
        await county.Context.CloseAsync();
    }

    [Fact]
    public async Task A_county_officer_registers_a_partner_employer_and_a_wrong_credit_code_is_explained()
    {
        var county = await app.SignedIn("county");
        await county.GotoAsync("/employment");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync(".mud-tab >> text=协作单位与订单");
        await county.ClickAsync("[data-testid=employer-new]");
        var name = $"浏览器测试家政公司{Random.Shared.Next(1000, 9999)}";
        var code = CountySkills.Web.Data.Demo.DemoSeeder.CreditCodeFor(Random.Shared.Next(500, 9000));
        await county.FillAsync(Input("e-name"), name);
        await county.FillAsync(Input("e-code"), code[..17] + (code[17] == '0' ? '1' : '0'));
        await county.ClickAsync("[data-testid=e-save]");
        await county.WaitForSelectorAsync("[data-testid=employer-error]");
        Assert.Contains("校验", await county.InnerTextAsync("[data-testid=employer-error]"));
        await county.FillAsync(Input("e-code"), code);
        await county.ClickAsync("[data-testid=e-save]");
        await county.WaitForFunctionAsync($"() => document.querySelector('[data-testid=employers-table]').innerText.includes('{name}')");
        Assert.Contains(code, await county.InnerTextAsync("[data-testid=employers-table]"));
        await county.Context.CloseAsync();
    }
}
