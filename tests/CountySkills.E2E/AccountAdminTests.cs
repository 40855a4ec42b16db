using System.Text;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace CountySkills.E2E;

[Collection(nameof(AppServer))]
public sealed class AccountAdminTests(AppServer app)
{
    static string Input(string testId) => $"[data-testid={testId}] >> xpath=descendant-or-self::input";
    static string Row(string userName) => $"[data-testid=users-table] tr:has([data-user='{userName}'])";

    [Fact]
    public async Task An_administrator_opens_a_township_officer_who_changes_the_one_time_password_sees_only_the_township_and_is_signed_out_when_disabled()
    {
        var userName = $"liuhe{Random.Shared.Next(1000, 9999)}";

        // The administrator opens the account; its one-time password is shown once.
        var admin = await app.SignedIn("admin");
        await admin.GotoAsync("/admin");
        await AppServer.WaitInteractive(admin);
        await admin.ClickAsync("[data-testid=admin-open-users]");
        await admin.WaitForSelectorAsync("[data-testid=users-table] [data-testid=user-name]");
        await AppServer.WaitInteractive(admin);
        await admin.ClickAsync("[data-testid=users-new]");
        await admin.WaitForSelectorAsync("[data-testid=user-dialog]");
        await admin.FillAsync(Input("u-username"), userName);
        await admin.FillAsync(Input("u-displayname"), "柳河镇 劳动保障专干");
        await admin.FillAsync(Input("u-phone"), "13912345678");
        await admin.ClickAsync("[data-testid=u-role]");
        await admin.ClickAsync(".mud-popover-open .mud-list-item >> text=乡镇专干");
        await admin.ClickAsync("[data-testid=u-save]");
        // A township officer needs the township: the form says so at the field.
        await admin.WaitForSelectorAsync("[data-testid=user-dialog] >> text=乡镇专干须指定所管辖的乡镇");
        await admin.ClickAsync("[data-testid=u-township]");
        await admin.ClickAsync(".mud-popover-open .mud-list-item >> text=柳河镇");
        await admin.ClickAsync("[data-testid=u-save]");
        var otp = (await (await admin.WaitForSelectorAsync("[data-testid=otp-value]"))!.InnerTextAsync()).Trim();
        Assert.Equal(12, otp.Length);
        Assert.Contains("只显示这一次", await admin.InnerTextAsync("[data-testid=otp-dialog]"));
        await admin.ClickAsync("[data-testid=otp-close]");
        await admin.FillAsync(Input("users-search"), userName);
        await admin.PressAsync(Input("users-search"), "Enter");
        var row = admin.Locator(Row(userName));
        await row.Locator("[data-state=pending]").WaitForAsync();
        Assert.Equal("柳河镇", (await row.Locator("[data-testid=user-scope]").InnerTextAsync()).Trim());
        Assert.Equal("139****5678", (await row.Locator("[data-testid=user-phone]").InnerTextAsync()).Trim());

        // An edit sends back the masked phone it read: the number stays.
        await row.Locator("[data-testid=user-edit]").ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=user-dialog]");
        await admin.FillAsync(Input("u-displayname"), "柳河镇 劳动保障专干（新）");
        await admin.ClickAsync("[data-testid=u-save]");
        await admin.WaitForFunctionAsync($"() => document.querySelector(\"{Row(userName)}\")?.innerText.includes('（新）')");
        Assert.Equal("139****5678", (await row.Locator("[data-testid=user-phone]").InnerTextAsync()).Trim());

        // The officer signs in with it and must set a new password before anything else.
        var officer = await app.NewPage();
        await officer.GotoAsync("/account/login");
        await officer.FillAsync("#userName", userName);
        await officer.FillAsync("#password", otp);
        await officer.ClickAsync("[data-testid=login-submit]");
        await officer.WaitForURLAsync("**/account/password?first=1");
        Assert.Contains("首次登录", await officer.InnerTextAsync("[data-testid=first-sign-in]"));
        await officer.GotoAsync("/people");
        await officer.WaitForURLAsync("**/account/password");
        await officer.FillAsync("#currentPassword", "Wrong#2026x");
        await officer.FillAsync("#newPassword", "Liuhe#2026x");
        await officer.FillAsync("#repeatPassword", "Liuhe#2026x");
        await officer.ClickAsync("[data-testid=password-submit]");
        Assert.Equal("当前密码不正确", (await (await officer.WaitForSelectorAsync("[data-testid=err-current]"))!.InnerTextAsync()).Trim());
        await officer.FillAsync("#currentPassword", otp);
        await officer.FillAsync("#newPassword", "Liuhe#2026x");
        await officer.FillAsync("#repeatPassword", "Liuhe#2026x");
        await officer.ClickAsync("[data-testid=password-submit]");
        await officer.WaitForSelectorAsync("[data-testid=stat-people-value]");
        Assert.Contains("柳河镇", await officer.InnerTextAsync("[data-testid=home-scope]"));

        // The ledger shows 柳河镇's people only, and the township filter offers no other township.
        await officer.GotoAsync("/people");
        await AppServer.WaitInteractive(officer);
        await officer.WaitForSelectorAsync("[data-testid=people-table] tbody tr td[data-testid=row-township]");
        var townships = await officer.Locator("[data-testid=row-township]").AllInnerTextsAsync();
        Assert.NotEmpty(townships);
        Assert.All(townships, t => Assert.Equal("柳河镇", t.Trim()));
        Assert.DoesNotContain("青石镇", await officer.InnerTextAsync("[data-testid=people-table]"));
        await officer.ClickAsync("[data-testid=people-township]");
        await officer.WaitForSelectorAsync(".mud-popover-open .mud-list-item");
        var offered = await officer.Locator(".mud-popover-open .mud-list-item").AllInnerTextsAsync();
        Assert.Equal(["柳河镇"], offered.Select(t => t.Trim()));
        await officer.Keyboard.PressAsync("Escape");

        // The administrator disables the account with a reason ...
        await row.Locator("[data-testid=user-disable]").ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=disable-dialog]");
        await admin.ClickAsync("[data-testid=disable-confirm]");
        await admin.WaitForSelectorAsync("[data-testid=disable-dialog] >> text=请填写停用原因");
        await admin.FillAsync("[data-testid=disable-reason] >> xpath=descendant-or-self::textarea", "调离乡镇劳动保障岗位");
        await admin.ClickAsync("[data-testid=disable-confirm]");
        await row.Locator("[data-state=disabled]").WaitForAsync();
        await admin.Context.CloseAsync();

        // ... and the officer's open page, at its next action, ends up on the sign-in page.
        await Task.Delay(300); // past the circuit's re-check interval
        await officer.ClickAsync("[data-testid=nav] [data-area=Employment]");
        await officer.WaitForURLAsync("**/account/login**");
        await officer.GotoAsync("/people");
        await officer.WaitForURLAsync("**/account/login**");
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_onboards_accounts_from_a_sheet_sees_the_rejected_rows_and_downloads_the_one_time_passwords()
    {
        var admin = await app.SignedIn("admin");
        // The template carries the columns the import reads and an example row.
        var template = await admin.Context.APIRequest.GetAsync("/api/admin/users/import-template");
        Assert.Equal(200, template.Status);
        var example = MiniExcel.Query(new MemoryStream(await template.BodyAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(["用户名", "姓名", "手机号", "角色", "乡镇", "培训机构", "用工单位"], example.Keys);
        Assert.StartsWith("示例", example["用户名"]?.ToString());

        var userName = $"baima{Random.Shared.Next(1000, 9999)}";
        var csv = string.Join("\r\n",
            "用户名,姓名,手机号,角色,乡镇,培训机构,用工单位",
            $"{example["用户名"]},{example["姓名"]},13800000000,乡镇专干,柳河镇,,",
            $"{userName},白马镇 劳动保障专干,13700001111,乡镇专干,白马镇,,",
            "wang.wu,王五,,厨师,,,");
        var file = Path.Combine(Path.GetTempPath(), $"e2e-users-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, new UTF8Encoding(true));

        await admin.GotoAsync("/admin/users");
        await AppServer.WaitInteractive(admin);
        await admin.ClickAsync("[data-testid=users-import]");
        await admin.WaitForSelectorAsync("[data-testid=import-dialog]");
        await admin.SetInputFilesAsync("[data-testid=users-import-file]", file);
        await admin.WaitForSelectorAsync("[data-testid=users-import-report]");
        Assert.Equal("1", (await admin.InnerTextAsync("[data-testid=users-import-valid]")).Trim());
        Assert.Equal("2", (await admin.InnerTextAsync("[data-testid=users-import-rejected]")).Trim());
        var reasons = string.Join("\n", await admin.Locator("[data-testid=users-import-err]").AllInnerTextsAsync());
        Assert.Contains("示例行", reasons);
        Assert.Contains("角色", reasons);

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.ClickAsync("[data-testid=users-import-commit]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"e2e-passwords-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(saved);
        var issued = MiniExcel.Query(saved, useHeaderRow: true, sheetName: "一次性密码").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(userName, issued["用户名"]?.ToString());
        Assert.Equal(12, issued["一次性密码"]?.ToString()?.Length);
        await admin.WaitForSelectorAsync("[data-testid=users-import-passwords]");
        await admin.ClickAsync("[data-testid=import-close]");

        await admin.FillAsync(Input("users-search"), userName);
        await admin.PressAsync(Input("users-search"), "Enter");
        var row = admin.Locator(Row(userName));
        await row.Locator("[data-state=pending]").WaitForAsync();
        Assert.Equal("白马镇", (await row.Locator("[data-testid=user-scope]").InnerTextAsync()).Trim());
        await admin.Context.CloseAsync();
    }
}
