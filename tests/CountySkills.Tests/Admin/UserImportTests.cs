using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Admin;

/// <summary>Onboarding the county's staff from one sheet: a dry run that reports each row, a commit that hands back the one-time passwords.</summary>
public abstract class UserImportTests(AppFactory app)
{
    static Dictionary<string, object?> Row(string user, string name, string phone, string role, string? town = null, string? school = null, string? employer = null) => new()
    {
        ["序号"] = 1, ["用户名"] = user, ["姓名"] = name, ["手机号"] = phone, ["角色"] = role, ["乡镇"] = town, ["培训机构"] = school, ["用工单位"] = employer,
    };

    [Fact]
    public async Task A_dry_run_reports_each_bad_row_and_a_commit_creates_the_good_ones_with_their_one_time_passwords()
    {
        var admin = await app.ClientFor("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var rows = new[]
        {
            Row($"lh{tag}", "柳河专干", "13800001111", "乡镇专干", town: "柳河镇"),
            Row($"sc{tag}", "技校文员", "13800002222", "培训机构人员", school: "禾丰县高级技工学校"),
            Row($"ld{tag}", "县领导", "", "领导查阅"),
            Row($"bad{tag}", "无乡镇", "13800003333", "乡镇专干"),
            Row($"bad2{tag}", "错机构", "13800004444", "培训机构人员", school: "不存在的学校"),
            Row($"LH{tag}", "重名", "13800005555", "县级业务人员"),
            Row("town01", "已有", "13800006666", "县级业务人员"),
            Row($"r{tag}", "坏角色", "13800007777", "局长"),
            Row($"p{tag}", "坏手机", "123", "审计监督"),
        };
        var (status, report) = await Upload(admin, "/api/admin/users/imports", Xlsx(rows), "账号.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(9, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(3, report.GetProperty("valid").GetInt32());
        var errors = Errors(report);
        Assert.Contains(errors, e => e.Row == 5 && e.Code == "user.scope_required" && e.Column == "乡镇");
        Assert.Contains(errors, e => e.Row == 6 && e.Code == "user.scope_invalid" && e.Column == "培训机构");
        Assert.Contains(errors, e => e.Row == 7 && e.Code == "user.duplicate");
        Assert.Contains(errors, e => e.Row == 8 && e.Code == "user.duplicate");
        Assert.Contains(errors, e => e.Row == 9 && e.Column == "角色");
        Assert.Contains(errors, e => e.Row == 10 && e.Column == "手机号");
        Assert.Equal(0, (await HttpAssert.Json(await admin.GetAsync($"/api/admin/users?q={tag}"))).GetProperty("total").GetInt32());

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Xlsx(rows));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "账号.xlsx");
        form.Add(new StringContent("commit"), "mode");
        var r = await admin.PostAsync("/api/admin/users/imports", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var book = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        var issued = book.Query(useHeaderRow: true, sheetName: "一次性密码").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, issued.Count);
        var officer = issued.Single(x => (string?)x["用户名"] == $"lh{tag}");
        Assert.Equal("柳河镇", officer["范围"]);

        var login = await HttpAssert.Json(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = $"lh{tag}", password = (string)officer["一次性密码"]! }));
        Assert.True(login.GetProperty("mustChangePassword").GetBoolean());
        var list = await HttpAssert.Json(await admin.GetAsync($"/api/admin/users?q={tag}"));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), u => u.GetProperty("role").GetString() == "InstitutionStaff" && u.GetProperty("institutionName").GetString() == "禾丰县高级技工学校");

        await using var scope = app.Scope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.Where(a => a.Action == "UsersImported").OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("admin", entry.UserName);
        Assert.Contains($"lh{tag}", entry.Changes);
        Assert.DoesNotContain((string)officer["一次性密码"]!, entry.Changes);
    }

    [Fact]
    public async Task Only_the_administrator_onboards_and_a_file_that_is_not_a_sheet_is_a_clear_400()
    {
        foreach (var user in new[] { "county", "auditor" })
        {
            var (status, _) = await Upload(await app.ClientFor(user), "/api/admin/users/imports", Xlsx([Row("x1", "某", "", "审计监督")]), "账号.xlsx", "dryRun");
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
        var (bad, body) = await Upload(await app.ClientFor("admin"), "/api/admin/users/imports", "not a workbook"u8.ToArray(), "账号.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body.GetProperty("detail").GetString());
    }
}

public sealed class UserImportTests_Sqlite(SqliteApp app) : UserImportTests(app), IClassFixture<SqliteApp>;
public sealed class UserImportTests_Postgres(PostgresApp app) : UserImportTests(app), IClassFixture<PostgresApp>;

/// <summary>One-time passwords are handed out in a workbook: none may read as a formula there (it would be written with
/// a leading apostrophe, and the person would type it), and each meets the password policy.</summary>
public sealed class OneTimePasswordTests
{
    [Fact]
    public void A_one_time_password_meets_the_policy_and_never_holds_a_formula_character()
    {
        for (var i = 0; i < 5_000; i++)
        {
            var p = CountySkills.Web.Features.Admin.Users.UserInput.OneTimePassword();
            Assert.Equal(12, p.Length);
            Assert.True(p.Any(char.IsAsciiLetterUpper) && p.Any(char.IsAsciiLetterLower) && p.Any(char.IsAsciiDigit) && p.Any(c => !char.IsAsciiLetterOrDigit(c)), p);
            Assert.True(p.IndexOfAny(['=', '+', '-', '@', '\t', '\r']) < 0, p);
            Assert.Equal(p, CountySkills.Web.Infrastructure.Excel.SheetText.Safe(p));
        }
    }
}
