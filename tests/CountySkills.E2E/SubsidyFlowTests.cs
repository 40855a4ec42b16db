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
        // The bank file carries full ID numbers: it asks why, and the reason goes onto the file and into the audit log.
        await county.Locator("[data-testid=batch-export]").First.ClickAsync();
        await county.FillAsync("[data-testid=export-reason] >> xpath=descendant-or-self::input", "发放补贴");
        var download = await county.RunAndWaitForDownloadAsync(() => county.ClickAsync("[data-testid=export-reason-confirm]"));
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal((byte)'P', bytes[0]); // an xlsx (zip) file
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
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

    [Fact]
    public async Task Old_subsidy_records_imported_by_the_county_stop_a_clerk_from_promising_the_same_subsidy_again()
    {
        var n = Random.Shared.Next(1, 8000);
        var first17 = $"41992119{80 + n % 15}{1 + n % 12:00}{1 + n % 27:00}{(n % 400) * 2 + 101:000}";
        var id = first17 + CountySkills.Web.Domain.IdNumber.ComputeCheck(first17);
        var file = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\r\n",
            "身份证号码,姓名,职业（工种）,等级,证书编号,补贴金额（元）,发放日期,培训机构",
            $"{id},历史学员,焊工,初级,,1200,2024-06-30,禾丰县高级技工学校",
            $"{id[..17]},号码不全,焊工,初级,,1200,2024-06-30,禾丰县高级技工学校"), new System.Text.UTF8Encoding(true));

        // The county officer previews the old records, sees the bad row, and imports the good one.
        var county = await app.SignedIn("county");
        await county.GotoAsync("/subsidies/history");
        await AppServer.WaitInteractive(county);
        await county.SetInputFilesAsync("[data-testid=history-file]", file);
        await county.WaitForSelectorAsync("[data-testid=history-report]");
        Assert.Equal("1", (await county.InnerTextAsync("[data-testid=history-created]")).Trim());
        Assert.Equal("1", (await county.InnerTextAsync("[data-testid=history-rejected]")).Trim());
        Assert.Contains("17 位", await county.InnerTextAsync("[data-testid=history-err]"));
        await county.ClickAsync("[data-testid=history-commit]");
        await county.WaitForSelectorAsync("text=导入完成");
        await county.Context.CloseAsync();

        // Before enrolling the person, the clerk checks: 焊工 初级 was subsidised already, 中级 still can be.
        var clerk = await app.SignedIn("school01");
        await clerk.GotoAsync("/subsidies/eligibility");
        await AppServer.WaitInteractive(clerk);
        await clerk.FillAsync(Input("elig-id"), id);
        await clerk.ClickAsync("[data-testid=elig-occupation]");
        await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=焊工（6-18-02-04）");
        await clerk.ClickAsync("[data-testid=elig-level]");
        await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=五级/初级工");
        await clerk.ClickAsync("[data-testid=elig-check]");
        await clerk.WaitForSelectorAsync("[data-testid=elig-answer][data-eligible=false]");
        var reason = await clerk.InnerTextAsync("[data-testid=elig-reason][data-code=same_level_already_subsidised]");
        Assert.Contains("2024-06-30", reason);
        await clerk.ClickAsync("[data-testid=elig-level]");
        await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=四级/中级工");
        await clerk.ClickAsync("[data-testid=elig-check]");
        await clerk.WaitForSelectorAsync("[data-testid=elig-answer][data-eligible=true]");
        Assert.Contains("1,600.00", await clerk.InnerTextAsync("[data-testid=elig-answer]"));
        await clerk.Context.CloseAsync();
        File.Delete(file);
    }
}
