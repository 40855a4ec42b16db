using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Infrastructure.Excel;
using MiniExcelLibs;
using Xunit.Abstractions;
using CountySkills.Tests.Subsidies;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Excel;

/// <summary>The app with a low row cap (Import:MaxRows = 50) on the county's clock.</summary>
public abstract class HostileApp : ClockedApp
{
    public const int MaxRows = 50;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Import:MaxRows"] = MaxRows.ToString() };
}

public sealed class HostileSqliteApp : HostileApp
{
    public override CountySkills.Web.Data.DatabaseProvider Provider => CountySkills.Web.Data.DatabaseProvider.Sqlite;
}

public sealed class HostilePostgresApp : HostileApp
{
    public override CountySkills.Web.Data.DatabaseProvider Provider => CountySkills.Web.Data.DatabaseProvider.Postgres;
}

/// <summary>Run alone, after the parallel tests: the memory checks count every byte the process allocates.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileFilesCollection
{
    public const string Name = "Hostile files";
}

/// <summary>
/// Every importer (ledger, roster, sign-in sheet, certificates, subsidy history, accounts) against hostile uploads over
/// HTTP: each is a 400 with <c>code</c> file.too_large or file.invalid and a Chinese <c>errors.file</c>, refused at once
/// with the process allocating under 50 MB for it, and nothing is written. And every workbook the app writes back
/// (exports, rejected rows, onboarding passwords, audit log, bank file) writes formula-like text as text.
/// </summary>
public abstract class HostileFileTests(HostileApp app, ITestOutputHelper output)
{
    const long MemoryBudget = 50L * 1024 * 1024;
    const string Town01Village = "419921101001";

    public static TheoryData<string, string> Importers => new()
    {
        { "ledger", "dryRun" }, { "ledger", "commit" }, { "roster", "commit" }, { "attendance", "commit" },
        { "certificates", "commit" }, { "history", "commit" }, { "users", "commit" },
    };

    sealed record Target(HttpClient Client, string Url, string[] Header, Func<int, string?[]> Row, Func<Task<int>> Written);

    async Task<Target> TargetFor(string importer)
    {
        var county = await app.ClientFor("county");
        var tag = Guid.NewGuid().ToString("N")[..6];
        switch (importer)
        {
            case "ledger":
                var village = (await HttpAssert.Json(await county.GetAsync($"/api/regions/{Town01Village}"))).GetProperty("name").GetString()!;
                return new(county, "/api/people/imports", ["序号", "姓名", "身份证号码", "乡镇", "村"],
                    i => [i.ToString(), $"恶意台账{i}", Ids.New(), "青石镇", village], () => PeopleCount(county));
            case "roster":
                var classId = (await CreateClass(county, "恶意花名册班" + tag, await SchoolId(app))).GetProperty("id").GetInt64();
                return new(county, $"/api/training/classes/{classId}/enrolments/imports", ["序号", "姓名", "身份证号"],
                    i => [i.ToString(), $"恶意学员{i}", Ids.New()], async () => (await GetClass(county, classId)).GetProperty("enrolled").GetInt32());
            case "attendance":
                var running = (await CreateClass(county, "恶意签到班" + tag, await SchoolId(app), "2026-11-20", "2026-12-20")).GetProperty("id").GetInt64();
                var (_, trainee) = await NewTrainee(county, running, "恶意签到人");
                var session = await AddSession(county, running, "2026-11-21");
                await Advance(county, running, "submit", "approve", "start");
                return new(county, $"/api/training/sessions/{session}/attendance/imports", ["姓名", "身份证号", "出勤"],
                    _ => ["恶意签到人", trainee, "√"],
                    async () => (await HttpAssert.Json(await county.GetAsync($"/api/training/sessions/{session}/attendance"))).GetProperty("taken").GetBoolean() ? 1 : 0);
            case "certificates":
                return new(county, "/api/certificates/imports", ["姓名", "身份证号", "证书类别", "职业(工种)", "等级", "证书编号", "发证日期"],
                    i => [$"恶意持证{i}", Ids.New(), "职业技能等级证书", Housekeeping, "五级", SkillNumber(5), "2026-03-01"], () => PeopleCount(county));
            case "history":
                return new(county, "/api/subsidies/history-imports", ["身份证号码", "姓名", "职业（工种）", "等级", "证书编号", "补贴金额（元）", "发放日期", "培训机构"],
                    i => [Ids.New(), $"恶意补贴{i}", "家政服务员", "五级", null, "1200", "2025-05-01", "禾丰县某培训学校"], () => PeopleCount(county));
            case "users":
                var admin = await app.ClientFor("admin");
                return new(admin, "/api/admin/users/imports", ["序号", "用户名", "姓名", "手机号", "角色"],
                    i => [i.ToString(), $"hf{tag}{i}", "恶意开户", null, "领导查阅"],
                    async () => (await HttpAssert.Json(await admin.GetAsync($"/api/admin/users?q=hf{tag}"))).GetProperty("total").GetInt32());
            default: throw new ArgumentOutOfRangeException(nameof(importer));
        }
    }

    static async Task<int> PeopleCount(HttpClient county) =>
        (await HttpAssert.Json(await county.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32();

    /// <summary>Posts the file and measures what the whole process allocated and kept meanwhile (the server is in-process).</summary>
    async Task<(HttpStatusCode Status, JsonElement Body)> Measured(string what, Target t, byte[] file, string fileName, string mode)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(true);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        var (status, body) = await Upload(t.Client, t.Url, file, fileName, mode);
        clock.Stop();
        var spent = GC.GetTotalAllocatedBytes(true) - allocated;
        var grown = GC.GetTotalMemory(false) - heap;
        output.WriteLine($"{what} {t.Url} {mode}: file {file.Length / 1024.0:N1} KB, {(int)status}, {clock.ElapsedMilliseconds} ms, allocated {spent / 1024.0 / 1024:N1} MB, heap growth {grown / 1024.0 / 1024:N1} MB");
        Assert.True(spent < MemoryBudget, $"{what}: allocated {spent / 1024 / 1024} MB while refusing");
        return (status, body);
    }

    static string Refused(HttpStatusCode status, JsonElement body, params string[] codes)
    {
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        Assert.Contains(body.GetProperty("code").GetString(), codes);
        var message = Assert.Single(body.GetProperty("errors").GetProperty("file").EnumerateArray()).GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
        Assert.DoesNotContain("Exception", body.ToString());
        return message;
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Refuses_a_column_bomb_without_memory_growth(string importer, string mode)
    {
        var t = await TargetFor(importer);
        var before = await t.Written();
        var bomb = HostileWorkbook.ColumnBomb(t.Header, t.Row(1));
        Assert.True(bomb.Length < 4096);
        var (status, body) = await Measured("column bomb", t, bomb, "列炸弹.xlsx", mode);
        Assert.Contains("XFD", Refused(status, body, "file.invalid", "file.too_large"));
        Assert.Equal(before, await t.Written());
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Refuses_a_ratio_bomb_at_once_without_memory_growth(string importer, string mode)
    {
        var t = await TargetFor(importer);
        var before = await t.Written();
        var (status, body) = await Measured("ratio bomb (200 MB sheet)", t, HostileWorkbook.RatioBomb(), "压缩炸弹.xlsx", mode);
        Assert.Contains("压缩比", Refused(status, body, "file.invalid"));
        Assert.Equal(before, await t.Written());
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Refuses_rows_past_the_configured_cap_and_writes_nothing(string importer, string mode)
    {
        var t = await TargetFor(importer);
        var before = await t.Written();
        var file = HostileWorkbook.Sheet(t.Header, Enumerable.Range(1, HostileApp.MaxRows + 10).Select(t.Row));
        var (status, body) = await Measured("row bomb", t, file, "行数过多.xlsx", mode);
        Assert.Equal($"文件第 {HostileApp.MaxRows + 2} 行超过 {HostileApp.MaxRows} 行的上限，请拆分后分批导入", Refused(status, body, "file.too_large"));
        Assert.Equal(before, await t.Written());

        var (gapStatus, gap) = await Measured("row gap", t, HostileWorkbook.RowGap(t.Header, t.Row(1)), "隔行.xlsx", mode);
        Assert.Contains("第 1000000 行", Refused(gapStatus, gap, "file.too_large"));
        Assert.Equal(before, await t.Written());
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Refuses_xls_with_the_save_as_xlsx_message(string importer, string mode)
    {
        var t = await TargetFor(importer);
        var before = await t.Written();
        foreach (var name in new[] { "台账.xls", "其实是xls.xlsx", "其实是xls.csv" })
        {
            var (status, body) = await Upload(t.Client, t.Url, HostileWorkbook.Ole2(), name, mode);
            Assert.Equal("不支持 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传", Refused(status, body, "file.invalid"));
        }
        Assert.Equal(before, await t.Written());
    }

    [Theory]
    [MemberData(nameof(Importers))]
    public async Task Refuses_files_that_are_not_workbooks_as_invalid_never_500(string importer, string mode)
    {
        var t = await TargetFor(importer);
        var good = HostileWorkbook.Sheet(t.Header, [t.Row(1)]);
        var notAWorkbook = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(notAWorkbook, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("hello");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        foreach (var (name, bytes) in new[] { ("图片.xlsx", png), ("空文件.xlsx", Array.Empty<byte>()), ("截断.xlsx", good[..(good.Length / 2)]), ("压缩包.xlsx", notAWorkbook.ToArray()) })
        {
            var (status, body) = await Upload(t.Client, t.Url, bytes, name, mode);
            Refused(status, body, "file.invalid");
        }
    }

    [Fact]
    public async Task A_ledger_at_the_row_cap_is_still_imported()
    {
        var t = await TargetFor("ledger");
        var before = await t.Written();
        var (status, body) = await Upload(t.Client, t.Url, HostileWorkbook.Sheet(t.Header, Enumerable.Range(1, HostileApp.MaxRows).Select(t.Row)), "刚好.xlsx", "commit");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(HostileApp.MaxRows, body.GetProperty("created").GetInt32());
        Assert.Equal(before + HostileApp.MaxRows, await t.Written());
    }

    // ---- formula injection in what the app writes back ----

    /// <summary>What a payload looks like once stored: the app trims text on the way in, so "\tX" arrives as "X".</summary>
    static string Escaped(string payload) => payload.Trim() is var t && t[0] is '=' or '+' or '-' or '@' ? "'" + t : t;

    static List<Dictionary<string, object?>> FirstSheet(byte[] xlsx)
    {
        var rows = XlsxSheet.Rows(new MemoryStream(xlsx)).ToList();
        var header = rows[0].Select(h => h?.ToString() ?? "").ToArray();
        return rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    [Fact]
    public async Task The_ledger_export_writes_formula_like_text_as_text()
    {
        var county = await app.ClientFor("county");
        var p = HostileWorkbook.Payloads;
        var name = "导出公式" + "甲乙丙丁戊"[Random.Shared.Next(5)];
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", new
        {
            idNumber = Ids.New(), name, villageCode = Town01Village, employmentStatus = "Farming",
            employer = p[0], industry = p[1], occupation = p[2], trainingWish = p[3], notes = p[4],
        }), HttpStatusCode.Created);
        var r = await county.GetAsync($"/api/people/export?villageCode={Town01Village}&masked=true");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var row = FirstSheet(await r.Content.ReadAsByteArrayAsync()).Last(x => x["姓名"]?.ToString() == name);
        Assert.Equal(p.Select(Escaped), new[] { "就业单位", "行业", "工种", "培训意愿", "备注" }.Select(h => row[h]?.ToString()));
    }

    [Fact]
    public async Task The_rejected_rows_workbook_writes_formula_like_cells_as_text()
    {
        var county = await app.ClientFor("county");
        var p = HostileWorkbook.Payloads;
        var csv = string.Join("\r\n", "序号,姓名,身份证号码,乡镇,村,就业单位,行业,工种,备注",
            $"1,,{Ids.New()},青石镇,柳河村,\"{p[0].Replace("\"", "\"\"")}\",{p[1]},{p[2]},{p[3]}");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "有问题.csv" } };
        var r = await county.PostAsync("/api/people/imports/rejected", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var row = Assert.Single(FirstSheet(await r.Content.ReadAsByteArrayAsync()));
        Assert.Equal(p[..4].Select(Escaped), new[] { "就业单位", "行业", "工种", "备注" }.Select(h => row[h]?.ToString()));
    }

    [Fact]
    public async Task The_onboarding_workbook_writes_formula_like_names_as_text()
    {
        var admin = await app.ClientFor("admin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var p = HostileWorkbook.Payloads;
        var rows = p.Select((x, i) => new Dictionary<string, object?> { ["序号"] = i + 1, ["用户名"] = $"fx{tag}{i}", ["姓名"] = x, ["角色"] = "领导查阅" })
            .Append(new Dictionary<string, object?> { ["序号"] = 9, ["用户名"] = $"fx{tag}9", ["姓名"] = "=坏角色", ["角色"] = "=局长" }).ToList();
        var (status, _) = await Upload(admin, "/api/admin/users/imports", Xlsx(rows), "开户.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, status);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Xlsx(rows)), "file", "开户.xlsx" }, { new StringContent("commit"), "mode" } };
        var r = await admin.PostAsync("/api/admin/users/imports", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var book = await r.Content.ReadAsByteArrayAsync();
        var issued = FirstSheet(book);
        Assert.Equal(p.Select(Escaped).Order(), issued.Select(x => x["姓名"]?.ToString()).Order());
        var rejected = new MemoryStream(book).Query(useHeaderRow: true, sheetName: "未导入的行").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(7, Convert.ToInt32(Assert.Single(rejected)["行号"]));
        Assert.DoesNotContain(rejected, x => x["原因"]?.ToString() is { Length: > 0 } s && s[0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public async Task The_audit_export_writes_formula_like_user_names_as_text()
    {
        var names = HostileWorkbook.Payloads.Take(4).Select(x => x + Guid.NewGuid().ToString("N")[..4]).ToList();
        foreach (var name in names) await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "x" });
        var auditor = await app.ClientFor("auditor");
        foreach (var name in names)
        {
            var r = await auditor.GetAsync("/api/audit/export?user=" + Uri.EscapeDataString(name));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var rows = FirstSheet(await r.Content.ReadAsByteArrayAsync());
            Assert.NotEmpty(rows);
            Assert.All(rows, x => Assert.Equal("'" + name, x["操作人"]?.ToString()));
        }
    }

    [Fact]
    public async Task The_bank_file_writes_a_formula_like_failure_reason_as_text_and_amounts_as_numbers()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "公式拨付班" + "甲乙丙丁戊"[Random.Shared.Next(5)], Count = 1 });
        var claimId = IdOf(await Claim(county, c.ClassId));
        var approved = await Approved(county, claimId, app.Clock.Today);
        var line = Line(approved, c[0]).GetProperty("id").GetInt64();
        var batch = IdOf(await HttpAssert.Json(await county.PostAsJsonAsync("/api/subsidies/payment-batches", new { claimIds = new[] { claimId } }), HttpStatusCode.Created));
        var reason = HostileWorkbook.Payloads[0];
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/subsidies/payment-batches/{batch}/results", new { failed = new[] { new { lineId = line, reason } } }));
        var r = await county.GetAsync($"/api/subsidies/payment-batches/{batch}/export?reason=" + Uri.EscapeDataString("=发放补贴"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var row = Assert.Single(FirstSheet(await r.Content.ReadAsByteArrayAsync()));
        Assert.Equal("'" + reason, row["失败原因"]?.ToString());
        Assert.IsType<double>(row["合计（元）"]);
        Assert.Equal(c[0].IdNumber, row["身份证号码"]?.ToString());
    }

    [Fact]
    public async Task The_templates_still_read_back_with_their_headers()
    {
        var county = await app.ClientFor("county");
        foreach (var (url, client, header) in new[]
        {
            ("/api/people/import-template", county, "身份证号"), ("/api/training/roster-template", county, "身份证号"),
            ("/api/admin/users/import-template", await app.ClientFor("admin"), "用户名"),
        })
        {
            var r = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains(header, Assert.Single(FirstSheet(await r.Content.ReadAsByteArrayAsync())).Keys);
        }
    }
}

[Collection(HostileFilesCollection.Name)]
public sealed class HostileFileTests_Sqlite(HostileSqliteApp app, ITestOutputHelper output) : HostileFileTests(app, output), IClassFixture<HostileSqliteApp>;

[Collection(HostileFilesCollection.Name)]
public sealed class HostileFileTests_Postgres(HostilePostgresApp app, ITestOutputHelper output) : HostileFileTests(app, output), IClassFixture<HostilePostgresApp>;
