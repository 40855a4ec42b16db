using System.Text;
using Microsoft.Playwright;

namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class PeopleImportTests(AppServer app)
{
    static string NewId(int n, bool male)
    {
        var first17 = $"41992119{80 + n % 19}{1 + n % 12:00}{1 + n % 27:00}{(n % 400) * 2 + (male ? 1 : 0) + 100:000}";
        return first17 + CountySkills.Web.Domain.IdNumber.ComputeCheck(first17);
    }

    [Fact]
    public async Task A_township_officer_imports_a_file_sees_the_errors_commits_and_finds_the_person()
    {
        var page = await app.SignedIn("town01");
        await page.GotoAsync("/regions/419921101");
        await AppServer.WaitInteractive(page);
        var village = (await page.Locator("[data-testid=region-children] tbody tr td:nth-child(2)").First.InnerTextAsync()).Trim();

        var good = NewId(Random.Shared.Next(1, 5000), male: false);
        var csv = string.Join("\r\n",
            "青石镇劳动力台账（2026年）,,,,,",
            "序号,姓名,身份证号码,联系电话,乡镇,村",
            $"1,浏览器导入,{good},13800138000,青石镇,{village}",
            $"2,坏号码,{good[..17]}{(good[17] == '0' ? '1' : '0')},,青石镇,{village}",
            $"3,外乡人,{NewId(Random.Shared.Next(5000, 9000), true)},,石桥乡,{village}");
        var file = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, new UTF8Encoding(true));

        await page.GotoAsync("/people/import");
        await AppServer.WaitInteractive(page);
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.WaitForSelectorAsync("[data-testid=import-report]");
        Assert.Equal("3", (await page.InnerTextAsync("[data-testid=r-total]")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("[data-testid=r-valid]")).Trim());
        Assert.Equal("2", (await page.InnerTextAsync("[data-testid=r-rejected]")).Trim());
        var messages = await page.Locator("[data-testid=err-message]").AllInnerTextsAsync();
        Assert.Contains(messages, m => m.Contains("校验位"));
        Assert.Contains(messages, m => m.Contains("权限") || m.Contains("不在"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-rejected]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);

        await page.ClickAsync("[data-testid=import-commit]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=r-created]')?.innerText.trim() === '1' && document.querySelector('[data-testid=import-commit]') === null");

        await page.GotoAsync("/people");
        await AppServer.WaitInteractive(page);
        await page.FillAsync("[data-testid=people-search] >> xpath=descendant-or-self::input", "浏览器导入");
        await page.PressAsync("[data-testid=people-search] >> xpath=descendant-or-self::input", "Enter");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=row-name]')].some(td => td.innerText.includes('浏览器导入'))");
        await page.ClickAsync("[data-testid=row-name] >> text=浏览器导入");
        await page.WaitForSelectorAsync("[data-testid=person-name]");
        Assert.Equal("浏览器导入", (await page.InnerTextAsync("[data-testid=person-name]")).Trim());
        Assert.Contains("*", await page.InnerTextAsync("[data-testid=person-id]"));
        await page.ClickAsync("[data-testid=reveal]");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=person-id]')?.innerText.includes('{good}')");
        await page.Context.CloseAsync();
        File.Delete(file);
    }

    [Fact]
    public async Task The_person_form_shows_errors_at_each_field_and_saves_a_valid_person()
    {
        var page = await app.SignedIn("county");
        await page.GotoAsync("/people/new");
        await AppServer.WaitInteractive(page);
        await page.FillAsync("[data-testid=f-id] >> xpath=descendant-or-self::input", "123");
        await page.FillAsync("[data-testid=f-phone] >> xpath=descendant-or-self::input", "999");
        await page.ClickAsync("[data-testid=f-save]");
        await page.WaitForSelectorAsync("text=身份证号应为18位");
        await page.WaitForSelectorAsync("text=手机号应为 1 开头的 11 位数字");
        await page.WaitForSelectorAsync("text=请填写姓名");

        var id = NewId(Random.Shared.Next(9000, 20000), male: true);
        await page.FillAsync("[data-testid=f-id] >> xpath=descendant-or-self::input", id);
        await page.FillAsync("[data-testid=f-name] >> xpath=descendant-or-self::input", "表单新人");
        await page.FillAsync("[data-testid=f-phone] >> xpath=descendant-or-self::input", "13900139000");
        await page.ClickAsync("[data-testid=f-township]");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> text=白马镇");
        await page.ClickAsync("[data-testid=f-village]");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> nth=0");
        await page.ClickAsync("[data-testid=f-save]");
        await page.WaitForSelectorAsync("[data-testid=person-name]");
        Assert.Equal("表单新人", (await page.InnerTextAsync("[data-testid=person-name]")).Trim());
        Assert.Contains("白马镇", await page.ContentAsync());
        await page.Context.CloseAsync();
    }
}
