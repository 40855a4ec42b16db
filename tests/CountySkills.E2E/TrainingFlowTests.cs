using System.Text;
using Microsoft.Playwright;

namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class TrainingFlowTests(AppServer app)
{
    static string NewId(int n, bool male)
    {
        var first17 = $"41992119{85 + n % 14}{1 + n % 12:00}{1 + n % 27:00}{(n % 400) * 2 + (male ? 1 : 0) + 100:000}";
        return first17 + CountySkills.Web.Domain.IdNumber.ComputeCheck(first17);
    }

    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";

    [Fact]
    public async Task A_clerk_submits_a_class_the_county_approves_the_clerk_enrols_a_roster_takes_attendance_completes_and_the_certificate_verifies()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));
        var className = $"浏览器焊工班{Random.Shared.Next(1000, 9999)}";

        // The school clerk plans a class starting today and submits the application.
        var clerk = await app.SignedIn("school01");
        await clerk.GotoAsync("/training/classes/new");
        await AppServer.WaitInteractive(clerk);
        await clerk.FillAsync(Input("c-name"), className);
        await clerk.ClickAsync("[data-testid=c-occupation]");
        await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=焊工");
        await clerk.FillAsync(Input("c-start"), today.ToString("yyyy-MM-dd"));
        await clerk.PressAsync(Input("c-start"), "Tab");
        await clerk.FillAsync(Input("c-end"), today.AddDays(20).ToString("yyyy-MM-dd"));
        await clerk.PressAsync(Input("c-end"), "Tab");
        await clerk.FillAsync(Input("c-teachers"), "王师傅（焊工高级技师）");
        await clerk.FillAsync("[data-testid=c-plan] >> xpath=descendant-or-self::textarea", "理论 20 课时，实操 60 课时");
        await clerk.ClickAsync("[data-testid=c-save]");
        await clerk.WaitForSelectorAsync("[data-testid=class-title]");
        Assert.Equal(className, (await clerk.InnerTextAsync("[data-testid=class-title]")).Trim());
        var classUrl = clerk.Url;
        await clerk.ClickAsync("[data-testid=act-submit]");
        await clerk.WaitForSelectorAsync("[data-testid=class-status][data-status=Submitted]");
        Assert.Equal(0, await clerk.Locator("[data-testid=act-approve]").CountAsync());

        // The county officer approves it.
        var county = await app.SignedIn("county");
        await county.GotoAsync(classUrl);
        await AppServer.WaitInteractive(county);
        await county.ClickAsync("[data-testid=act-approve]");
        await county.ClickAsync("[data-testid=act-confirm]");
        await county.WaitForSelectorAsync("[data-testid=class-status][data-status=Approved]");
        await county.Context.CloseAsync();

        // The clerk enrols a roster file (one good row, two new people, one bad ID), starts the class.
        var (a, b) = (NewId(Random.Shared.Next(1, 4000), false), NewId(Random.Shared.Next(4000, 8000), true));
        var roster = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(roster, string.Join("\r\n",
            "焊工班花名册,,,",
            "序号,姓名,身份证号码,村(社区)",
            $"1,浏览器学员甲,{a},419921101001",
            $"2,浏览器学员乙,{b},419921101002",
            $"3,号码错误,{a[..17]},419921101001"), new UTF8Encoding(true));
        await clerk.ReloadAsync();
        await AppServer.WaitInteractive(clerk);
        await clerk.WaitForSelectorAsync("[data-testid=class-status][data-status=Approved]");
        await clerk.SetInputFilesAsync("[data-testid=roster-file]", roster);
        await clerk.WaitForSelectorAsync("[data-testid=roster-report]");
        Assert.Equal("2", (await clerk.InnerTextAsync("[data-testid=roster-created]")).Trim());
        Assert.Equal("1", (await clerk.InnerTextAsync("[data-testid=roster-rejected]")).Trim());
        Assert.Contains("17 位", await clerk.InnerTextAsync("[data-testid=roster-err]"));
        await clerk.ClickAsync("[data-testid=roster-commit]");
        await clerk.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=roster-name]').length === 2");
        await clerk.ClickAsync("[data-testid=act-start]");
        await clerk.WaitForSelectorAsync("[data-testid=class-status][data-status=InProgress]");

        // Attendance for today's session: one present, one absent.
        await clerk.ClickAsync(".mud-tab >> text=课次与考勤");
        await clerk.FillAsync(Input("session-topic"), "焊接安全");
        await clerk.ClickAsync("[data-testid=session-add]");
        await clerk.WaitForSelectorAsync("[data-testid=session-row]");
        await clerk.ClickAsync("[data-testid=session-take]");
        await clerk.WaitForSelectorAsync("[data-testid=attendance-sheet]");
        await clerk.Locator("[data-testid=attendance-check]").Nth(1).ClickAsync();
        await clerk.ClickAsync("[data-testid=attendance-save]");
        await clerk.WaitForFunctionAsync("() => document.querySelector('[data-testid=session-attendance]')?.innerText.includes('出勤 1')");
        await clerk.ClickAsync(".mud-tab >> text=学员名单");
        await clerk.WaitForFunctionAsync("() => { const r = [...document.querySelectorAll('[data-testid=roster-rate]')].map(td => td.innerText.trim()); " +
            "return r.length === 2 && r.some(x => x.startsWith('100%')) && r.some(x => x.startsWith('0%')); }");

        // Results, completion, certificates.
        await clerk.ClickAsync(".mud-tab >> text=结业考核与发证");
        foreach (var i in new[] { 0, 1 })
        {
            await clerk.Locator("[data-testid=result-select]").Nth(i).ClickAsync();
            await clerk.ClickAsync(".mud-popover-open .mud-list-item >> text=合格");
        }
        await clerk.ClickAsync("[data-testid=results-save]");
        await clerk.WaitForSelectorAsync("text=已保存 2 名学员的考核结果");
        await clerk.ClickAsync("[data-testid=act-complete]");
        await clerk.WaitForSelectorAsync("[data-testid=class-status][data-status=Completed]");
        await clerk.ClickAsync(".mud-tab >> text=结业考核与发证");
        await clerk.ClickAsync("[data-testid=issue-submit]");
        await clerk.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=result-certificate]')].filter(td => td.innerText.trim().length > 0).length === 2");
        var number = (await clerk.Locator("[data-testid=result-certificate]").First.InnerTextAsync()).Trim();
        await clerk.Context.CloseAsync();

        // Anyone can verify it without signing in: masked holder, occupation, QR code.
        var visitor = await app.NewPage();
        await visitor.GotoAsync($"/verify/{number}");
        Assert.Equal(number, (await visitor.InnerTextAsync("[data-testid=verify-number]")).Trim());
        Assert.Contains("有效", await visitor.InnerTextAsync("[data-testid=verify-status]"));
        var holder = (await visitor.InnerTextAsync("[data-testid=verify-holder]")).Trim();
        Assert.Matches("^浏\\*+[甲乙]$", holder);
        Assert.Contains("焊工", await visitor.InnerTextAsync("[data-testid=verify-occupation]"));
        Assert.True(await visitor.Locator("[data-testid=verify-qr]").IsVisibleAsync());
        await visitor.GotoAsync("/verify/NO-SUCH-NUMBER");
        Assert.Contains("未找到", await visitor.InnerTextAsync("[data-testid=verify-unknown]"));
        await visitor.Context.CloseAsync();
        File.Delete(roster);
    }
}
