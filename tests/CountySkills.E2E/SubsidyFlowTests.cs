using Microsoft.Playwright;

namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class SubsidyFlowTests(AppServer app)
{
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";

    [Fact]
    public async Task A_school_claims_a_completed_class_the_county_reviews_notices_approves_and_pays_it_and_exports_the_bank_file()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));

        // The school clerk claims the subsidies of its completed welding class: every trainee gets a verdict.
        var clerk = await app.SignedIn("school01");
        await clerk.GotoAsync("/subsidies");
        await AppServer.WaitInteractive(clerk);
        await clerk.ClickAsync("[data-testid=claim-class]");
        await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=焊工（初级）就业技能班");
        await clerk.ClickAsync("[data-testid=claim-create]");
        await clerk.WaitForSelectorAsync("[data-testid=claim-status][data-status=Draft]");
        var claimUrl = clerk.Url;
        var verdicts = clerk.Locator("[data-testid=line-verdict]");
        Assert.True(await verdicts.CountAsync() >= 10);
        Assert.True(await clerk.Locator("[data-testid=line-verdict][data-eligible=true]").CountAsync() > 0);
        // Trainees who failed the assessment are ineligible with the reason in words.
        var notCompleted = clerk.Locator("[data-testid=line-reason][data-code=not_completed]");
        Assert.True(await notCompleted.CountAsync() > 0);
        Assert.Contains("未结业", await notCompleted.First.InnerTextAsync());
        await clerk.ClickAsync("[data-testid=act-submit]");
        await clerk.WaitForSelectorAsync("[data-testid=claim-status][data-status=Submitted]");
        Assert.Equal(0, await clerk.Locator("[data-testid=act-review]").CountAsync());
        await clerk.Context.CloseAsync();

        // The county officer reviews (system verdicts by default), publishes a notice posted on the board ten days ago, approves.
        var county = await app.SignedIn("county");
        await county.GotoAsync(claimUrl);
        await AppServer.WaitInteractive(county);
        await county.ClickAsync("[data-testid=review-submit]");
        await county.WaitForSelectorAsync("[data-testid=claim-status][data-status=Reviewed]");
        await county.ClickAsync("[data-testid=act-publish]");
        await county.WaitForSelectorAsync("[data-testid=publish-panel]");
        await county.FillAsync(Input("notice-start"), today.AddDays(-14).ToString("yyyy-MM-dd"));
        await county.PressAsync(Input("notice-start"), "Tab");
        await county.ClickAsync("[data-testid=act-confirm]");
        // A backdated notice needs a reason: refused, nothing changes.
        await county.WaitForSelectorAsync("[data-testid=claim-refusal]");
        Assert.Contains("早于今天", await county.InnerTextAsync("[data-testid=claim-refusal]"));
        await county.FillAsync(Input("act-reason"), "补录：已于村务公开栏线下公示");
        await county.ClickAsync("[data-testid=act-confirm]");
        await county.WaitForSelectorAsync("[data-testid=claim-status][data-status=InNotice]");
        Assert.Contains("无待处理异议", await county.InnerTextAsync("[data-testid=claim-notice]"));
        await county.ClickAsync("[data-testid=act-approve]");
        await county.WaitForSelectorAsync("[data-testid=claim-status][data-status=Approved]");
        var number = (await county.InnerTextAsync("[data-testid=claim-title]")).Trim();

        // The public notice lists the approved trainees with masked names and IDs.
        var noticeUrl = await county.GetAttributeAsync("[data-testid=notice-link]", "href");
        var visitor = await app.NewPage();
        await visitor.GotoAsync(noticeUrl!);
        var lines = await visitor.InnerTextAsync("[data-testid=notice-lines]");
        Assert.Matches(@"\d{4}\*{10}[\dX]{4}", lines);
        Assert.Contains("公示期已结束", await visitor.InnerTextAsync("[data-testid=notice-status]"));
        await visitor.Context.CloseAsync();

        // Payment: a batch of the approved lines, the bank's workbook, results recorded, the claim paid.
        await county.GotoAsync("/subsidies/payments");
        await AppServer.WaitInteractive(county);
        await county.ClickAsync("[data-testid=batch-create]");
        await county.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=batch]').length > 0 && document.body.innerText.includes('已生成拨付批次')");
        var href = await county.Locator("[data-testid=batch-export]").First.GetAttributeAsync("href");
        var export = await county.Context.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal(200, export.Status);
        var bytes = await export.BodyAsync();
        Assert.Equal((byte)'P', bytes[0]); // an xlsx (zip) file
        Assert.Contains("spreadsheetml", export.Headers["content-type"]);
        await county.Locator("[data-testid=batch-open]").First.ClickAsync();
        await county.WaitForSelectorAsync("[data-testid=batch-item]");
        Assert.Contains(number, await county.InnerTextAsync("[data-testid=batch-item]"));
        await county.ClickAsync("[data-testid=batch-record]");
        await county.WaitForSelectorAsync("text=已全部回盘");
        await county.GotoAsync(claimUrl);
        await AppServer.WaitInteractive(county);
        await county.WaitForSelectorAsync("[data-testid=claim-status][data-status=Paid]");
        await county.Context.CloseAsync();
    }
}
