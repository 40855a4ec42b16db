using Microsoft.Playwright;

namespace CountySkills.E2E;

/// <summary>The planning page (/planning) as the county and as a township officer, in Chinese and English. Set CS_SHOTS to a folder to keep
/// a screenshot of each tab.</summary>
[Collection(nameof(AppServer))]
public sealed class PlanningFlowTests(AppServer app)
{
    static readonly string? Shots = Environment.GetEnvironmentVariable("CS_SHOTS");

    static async Task Shot(IPage page, string name)
    {
        if (Shots is null) return;
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    static async Task Tab(IPage page, string testId, string waitFor)
    {
        await page.ClickAsync($".mud-tab:has-text(\"{testId}\")");
        await page.WaitForSelectorAsync(waitFor);
    }

    [Fact]
    public async Task The_county_sees_the_issued_plan_its_splits_progress_scores_reported_figures_and_departments()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/planning");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        Assert.Equal("已下达", (await page.InnerTextAsync("[data-testid=plan-status]")).Trim());
        Assert.Equal(8, await page.Locator("[data-testid=plan-item]").CountAsync());
        Assert.Equal(18, await page.Locator("[data-testid=split-row]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=plan-issue]").CountAsync()); // issued: no issue button
        Assert.True(await page.Locator("[data-testid=plan-edit]").IsVisibleAsync());
        await Shot(page, "county-targets");

        await Tab(page, "完成进度", "[data-testid=progress-table]");
        Assert.Equal(8, await page.Locator("[data-testid=overview-row]").CountAsync());
        // One indicator at a time: the county row, the 18 townships and the departments of training person-times.
        Assert.True(await page.Locator("[data-testid=progress-row][data-key='training.person_times']").CountAsync() >= 19);
        Assert.Equal(0, await page.Locator("[data-testid=progress-row]:not([data-key='training.person_times'])").CountAsync());
        Assert.True(await page.Locator("[data-testid=progress-light]").CountAsync() >= 19);
        await page.ClickAsync("[data-testid=overview-row][data-key='labour.new_transfers']");
        await page.WaitForSelectorAsync("[data-testid=progress-row][data-key='labour.new_transfers']");
        await page.WaitForSelectorAsync("[data-testid=progress-chart][data-chart-ready=true]");
        await page.WaitForTimeoutAsync(1500); // the bars grow in
        Assert.True(await page.Locator("[data-testid=ranking-row]").CountAsync() == 18);
        await Shot(page, "county-progress");

        await Tab(page, "考核评分", "[data-testid=score-table]");
        Assert.True(await page.Locator("[data-testid=score-row]").CountAsync() >= 7);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=scorecard-download]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        await Shot(page, "county-score");

        await Tab(page, "填报数据", "[data-testid=reported-grid]");
        Assert.True(await page.Locator("[data-testid=reported-row]").CountAsync() >= 1);
        await page.ClickAsync("[data-testid=reported-new]");
        await page.WaitForSelectorAsync("[data-testid=reported-dialog]");
        await Shot(page, "county-reported-dialog");
        await page.ClickAsync("[data-testid=reported-cancel]");
        await page.WaitForSelectorAsync("[data-testid=reported-dialog]", new() { State = WaitForSelectorState.Detached });
        await Shot(page, "county-reported");

        await Tab(page, "部门与领导小组", "[data-testid=departments-table]");
        Assert.Equal(7, await page.Locator("[data-testid=department-row]").CountAsync());
        Assert.True(await page.Locator("[data-testid=leader-row]").CountAsync() >= 9);
        await Shot(page, "county-departments");

        await page.GotoAsync("/culture?c=en-US&r=/planning");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        Assert.Equal("Issued", (await page.InnerTextAsync("[data-testid=plan-status]")).Trim());
        Assert.Contains("Training person-times", await page.InnerTextAsync("[data-testid=plan-items]"));
        await Shot(page, "county-targets-en");
        await Tab(page, "Progress", "[data-testid=progress-table]");
        await Shot(page, "county-progress-en");
        await page.GotoAsync("/culture?c=zh-CN&r=/planning");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_township_officer_reads_the_plan_and_sees_only_their_own_townships_progress()
    {
        var page = await app.SignedIn("town01");
        await page.GotoAsync("/planning");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        Assert.Equal(0, await page.Locator("[data-testid=plan-edit]").CountAsync());
        await Shot(page, "town-targets");

        await Tab(page, "完成进度", "[data-testid=progress-table]");
        var rows = page.Locator("[data-testid=progress-row]");
        Assert.Equal(7, await rows.CountAsync());
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            Assert.Equal("township", await rows.Nth(i).GetAttributeAsync("data-dimension"));
            Assert.Equal("419921101", await rows.Nth(i).GetAttributeAsync("data-code"));
        }
        Assert.Equal(1, await page.Locator("[data-testid=ranking-row]").CountAsync());
        await Shot(page, "town-progress");

        await Tab(page, "考核评分", "[data-testid=score-table]");
        Assert.Contains("青石镇", await page.InnerTextAsync("[data-testid=score-title]"));
        Assert.Equal(0, await page.Locator("[data-testid=scorecard-download-all]").CountAsync());
        await Shot(page, "town-score");

        await Tab(page, "填报数据", "[data-testid=reported-grid]");
        Assert.Equal(0, await page.Locator("[data-testid=reported-row][data-area='419921']").CountAsync()); // the county's values are not theirs
        Assert.Equal(0, await page.Locator("[data-testid=reported-new]").CountAsync());

        await page.GotoAsync("/culture?c=en-US&r=/planning");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        await Tab(page, "Assessment", "[data-testid=score-table]");
        await Shot(page, "town-score-en");
        await page.GotoAsync("/culture?c=zh-CN&r=/planning");
        await page.Context.CloseAsync();
    }
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";

    [Fact]
    public async Task The_county_drafts_next_years_plan_splits_it_sees_a_split_that_does_not_add_up_issues_it_and_changes_it_with_a_reason()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/planning");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-items]");
        var next = (DateTime.Today.Year + 1).ToString();
        await page.ClickAsync("[data-testid=plan-year]");
        await page.ClickAsync($".mud-popover-open .mud-list-item >> text={next}");
        await page.WaitForSelectorAsync("[data-testid=plan-none]");
        await page.WaitForSelectorAsync(".mud-popover-open", new() { State = WaitForSelectorState.Detached });

        await page.ClickAsync("[data-testid=plan-new]");
        await page.WaitForSelectorAsync("[data-testid=plan-dialog]");
        Assert.Equal(next, await page.InputValueAsync(Input("plan-year-input")));
        await page.ClickAsync("[data-testid=plan-add-item]");
        await page.ClickAsync("[data-testid=item-indicator]");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> text=取证人数（人）");
        await page.FillAsync(Input("item-target"), "36");
        await page.Locator(Input("item-target")).BlurAsync();
        await page.ClickAsync("[data-testid=item-splits]");
        await page.WaitForSelectorAsync("[data-testid=splits-dialog]");
        await page.ClickAsync("[data-testid=splits-spread-township]");
        await page.WaitForSelectorAsync("[data-testid=splits-difference]");
        Assert.Contains("相差 0", await page.InnerTextAsync("[data-testid=splits-difference]"));
        // One township one more than its share: the split no longer adds up.
        var first = page.Locator("[data-testid=split-input][data-code='419921001'] >> xpath=descendant-or-self::input");
        await first.FillAsync("3");
        await first.BlurAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=splits-difference]').innerText.includes('相差 1')");
        await Shot(page, "county-splits-dialog");
        await page.ClickAsync("[data-testid=splits-save]");
        await Shot(page, "county-plan-dialog");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-mismatch]");
        Assert.Equal("草稿", (await page.InnerTextAsync("[data-testid=plan-status]")).Trim());
        Assert.Equal("1", await page.Locator("[data-testid=plan-item] [data-testid=plan-diff]").First.GetAttributeAsync("data-value"));
        Assert.Equal(1, await page.Locator("[data-testid=split-diff-row] [data-testid=plan-diff][data-value='1']").CountAsync());
        await Shot(page, "county-draft-mismatch");

        await page.ClickAsync("[data-testid=plan-issue]");
        await page.ClickAsync(".mud-dialog .mud-button >> text=下达");
        await page.WaitForSelectorAsync("[data-testid=plan-error]");
        Assert.Contains("分解数之和与总目标不一致", await page.InnerTextAsync("[data-testid=plan-error]"));

        // Fixed: back to an even split, then issued.
        await page.ClickAsync("[data-testid=plan-edit]");
        await page.ClickAsync("[data-testid=item-splits]");
        await page.ClickAsync("[data-testid=splits-spread-township]");
        await page.ClickAsync("[data-testid=splits-save]");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-mismatch]", new() { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=plan-issue]");
        await page.ClickAsync(".mud-dialog .mud-button >> text=下达");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=plan-status]').innerText.trim() === '已下达'");

        // A change now needs a reason.
        await page.ClickAsync("[data-testid=plan-edit]");
        await page.WaitForSelectorAsync("[data-testid=plan-reason]");
        await page.FillAsync(Input("item-target"), "40");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-dialog-error]");
        Assert.Contains("须写明原因", await page.InnerTextAsync("[data-testid=plan-dialog-error]"));
        await page.FillAsync("[data-testid=plan-reason] >> xpath=descendant-or-self::textarea", "省厅下达任务调增");
        await page.ClickAsync("[data-testid=item-splits]");
        await page.ClickAsync("[data-testid=splits-spread-township]");
        await page.ClickAsync("[data-testid=splits-save]");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-revisions]");
        // The plan of a year is also reached by its address.
        await page.GotoAsync($"/planning?year={next}");
        await AppServer.WaitInteractive(page);
        await page.WaitForSelectorAsync("[data-testid=plan-revisions]");
        Assert.Contains(next, await page.InnerTextAsync("[data-testid=plan-title]"));
        await page.ClickAsync("[data-testid=plan-revisions]");
        await page.WaitForSelectorAsync("[data-testid=revision]");
        Assert.Contains("省厅下达任务调增", await page.InnerTextAsync("[data-testid=revision]"));
        await Shot(page, "county-revisions");
        await page.Context.CloseAsync();
    }
}
