using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The employment forms: agreements and job orders under them, job fairs and typical cases with photos, through the dialogs.</summary>
[Collection(nameof(AppServer))]
public sealed class EmploymentFormsTests(AppServer app)
{
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";
    static string Area(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::textarea";

    /// <summary>A 1×1 PNG.</summary>
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static async Task Pick(IPage page, string testId, string? text = null)
    {
        await page.ClickAsync($"[data-testid={testId}]");
        var item = text is null ? page.Locator(".mud-popover-open .mud-list-item").First : page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text }).First;
        await item.ClickAsync();
        await page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new() { State = WaitForSelectorState.Detached });
    }

    static async Task Date(IPage page, string testId, string value)
    {
        await page.FillAsync(Input(testId), value);
        await page.PressAsync(Input(testId), "Enter");
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task A_county_officer_registers_an_agreement_and_a_job_order_under_it_and_a_bad_wage_range_or_missing_deadline_is_refused_at_the_field()
    {
        var n = Random.Shared.Next(1000, 9999);
        var title = $"浏览器测试劳务协作协议{n}";
        var order = $"浏览器测试育婴员订单{n}";
        var county = await app.SignedIn("county");
        await county.GotoAsync("/employment");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync(".mud-tab >> text=协作单位与订单");

        await county.ClickAsync("[data-testid=agreement-new]");
        await county.WaitForSelectorAsync("[data-testid=agreement-dialog]");
        await county.FillAsync(Input("a-title"), title);
        await county.FillAsync(Input("a-partner"), "苏州市人力资源和社会保障局");
        await county.FillAsync(Input("a-province"), "江苏省");
        await county.FillAsync(Input("a-city"), "苏州市");
        await county.ClickAsync("[data-testid=a-employer]");
        var employer = (await county.Locator(".mud-popover-open .mud-list-item").First.InnerTextAsync()).Trim();
        await county.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await county.FillAsync(Input("a-quota"), "40");
        await county.ClickAsync("[data-testid=a-save]");
        var row = county.Locator("[data-testid=agreement-row]", new() { HasTextString = title });
        await row.WaitForAsync();
        Assert.Contains(employer, await row.InnerTextAsync());
        Assert.Contains("履行中", await row.InnerTextAsync());

        // A job order under the agreement: its employer and city come with it.
        await row.Locator("[data-testid=agreement-order]").ClickAsync();
        await county.WaitForSelectorAsync("[data-testid=order-dialog]");
        Assert.Contains(title, await county.InnerTextAsync("[data-testid=order-dialog]"));
        Assert.Equal("苏州市", await county.InputValueAsync(Input("o-city")));
        await county.FillAsync(Input("o-title"), order);
        await county.FillAsync(Input("o-headcount"), "20");
        await county.FillAsync(Input("o-wage-min"), "9000");
        await county.FillAsync(Input("o-wage-max"), "6000");
        await county.ClickAsync("[data-testid=o-save]");
        try { await county.Locator("[data-testid=order-dialog] >> text=工资上限不能低于下限").WaitForAsync(); }
        catch (TimeoutException) { await county.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "emp-forms-wage.png") }); throw; }
        // Shown at the upper wage field, not above the buttons.
        Assert.True(await county.EvaluateAsync<bool>("() => [...document.querySelectorAll('.mud-input-control')].some(c => c.querySelector('[data-testid=o-wage-max]') !== null || c.matches('[data-testid=o-wage-max]') ? c.innerText.includes('工资上限不能低于下限') : false)"));

        // Fixed wages, but no deadline: the handler refuses it at the deadline field.
        await county.FillAsync(Input("o-wage-max"), "9500");
        await county.ClickAsync("[data-testid=o-save]");
        await county.Locator("[data-testid=order-dialog] >> text=请填写招聘截止日期").WaitForAsync();
        Assert.Equal(0, await county.Locator("[data-testid=order-error]").CountAsync());
        Assert.DoesNotContain(order, await county.InnerTextAsync("[data-testid=orders-table]"));

        await Date(county, "o-deadline", "2027-03-31");
        await county.ClickAsync("[data-testid=o-save]");
        await county.WaitForSelectorAsync("[data-testid=order-dialog]", new() { State = WaitForSelectorState.Detached });
        var orderRow = county.Locator("[data-testid=order-row]", new() { HasTextString = order });
        await orderRow.WaitForAsync();
        var text = await orderRow.InnerTextAsync();
        Assert.Contains(employer, text);
        Assert.Contains("2027-03-31", text);
        Assert.Contains("9,000", text);
        Assert.Contains("招聘中", text);
        await county.Context.CloseAsync();
    }

    [Fact]
    public async Task A_county_officer_records_a_job_fair_with_participants_and_jobs_and_a_typical_case_with_a_photo()
    {
        var n = Random.Shared.Next(1000, 9999);
        var fair = $"浏览器测试春风行动招聘会{n}";
        var story = $"浏览器测试案例{n}";
        var county = await app.SignedIn("county");
        await county.GotoAsync("/employment");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync(".mud-tab >> text=活动与案例");

        await county.ClickAsync("[data-testid=event-new]");
        await county.WaitForSelectorAsync("[data-testid=event-dialog]");
        await county.FillAsync(Input("ev-title"), fair);
        await Pick(county, "ev-kind", "招聘会");
        await Date(county, "ev-date", "2026-02-20");
        await county.FillAsync(Input("ev-place"), "县人力资源市场");
        await county.FillAsync(Input("ev-participants"), "1200");
        await county.FillAsync(Input("ev-jobs"), "860");
        await county.FillAsync(Input("ev-signed"), "135");
        await county.FillAsync(Area("ev-employers"), "京禾家政、沪上母婴等 36 家");
        await county.ClickAsync("[data-testid=ev-save]");
        var eventRow = county.Locator("[data-testid=event-row]", new() { HasTextString = fair });
        await eventRow.WaitForAsync();
        var text = await eventRow.InnerTextAsync();
        foreach (var part in new[] { "2026-02-20", "招聘会", "县人力资源市场", "1200", "860", "135", "沪上母婴等 36 家" }) Assert.Contains(part, text);

        await county.ClickAsync("[data-testid=case-new]");
        await county.WaitForSelectorAsync("[data-testid=case-dialog]");
        await county.FillAsync(Input("cs-person"), "王");
        var person = county.Locator(".mud-popover-open .mud-list-item").First;
        await person.WaitForAsync();
        var name = (await person.InnerTextAsync()).Split('·')[0].Trim();
        await person.ClickAsync();
        await county.FillAsync(Input("cs-title"), "培训后到苏州做育婴员");
        await county.FillAsync(Area("cs-story"), story + "：参加育婴员培训取证后，经劳务协作输送到苏州，月收入 7,000 元。");
        var file = Path.Combine(Path.GetTempPath(), $"case-{n}.png");
        await File.WriteAllBytesAsync(file, Png);
        await county.SetInputFilesAsync("[data-testid=cs-photo]", file);
        await county.WaitForSelectorAsync("[data-testid=cs-pending]");
        await county.ClickAsync("[data-testid=cs-save]");
        var card = county.Locator("[data-testid=case]", new() { HasTextString = story });
        await card.WaitForAsync();
        Assert.Contains(name, await card.InnerTextAsync());
        var img = card.Locator("[data-testid=case-photo]");
        await img.WaitForAsync();
        await county.WaitForFunctionAsync("el => el.complete && el.naturalWidth === 1", await img.ElementHandleAsync());
        File.Delete(file);
        await county.Context.CloseAsync();
    }
}
