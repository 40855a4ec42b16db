using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using MiniExcelLibs;

namespace CountySkills.Tests.People;

public abstract class PeopleImportTests(AppFactory app)
{
    static readonly string Header = "序号,姓名,性别,身份证号码,联系电话,乡镇,村,人员类别,就业状态,备注";

    static string Row(int n, string name, string id, string village = "青石镇,柳河村", string tags = "脱贫户", string status = "务农", string phone = "") =>
        $"{n},{name},{(CountySkills.Web.Domain.IdNumber.TryParse(id, null, out var p, out _) && p.Sex == CountySkills.Web.Domain.Sex.Female ? "女" : "男")},{id},{phone},{village},{tags},{status},";

    async Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient c, byte[] file, string fileName, string mode)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", fileName);
        form.Add(new StringContent(mode), "mode");
        var r = await c.PostAsync("/api/people/imports", form);
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement);
    }

    static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    async Task<string> VillageName(string code) =>
        (await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync($"/api/regions/{code}"))).GetProperty("name").GetString()!;

    [Fact]
    public async Task A_dry_run_reports_every_error_code_with_row_and_column_and_stores_nothing()
    {
        var county = await app.ClientFor("county");
        var village = await VillageName("419921101001");
        var ok = Ids.New();
        var dup = Ids.New();
        var csv = Csv(Header,
            Row(1, "好人", ok, $"青石镇,{village}"),
            Row(2, "格式错", "4103271990", $"青石镇,{village}"),
            Row(3, "校验错", Ids.WithWrongCheck(Ids.New()), $"青石镇,{village}"),
            Row(4, "日期错", "419921199002301230", $"青石镇,{village}"),
            $"5,,男,{Ids.New()},,青石镇,{village},,务农,",
            Row(6, "电话错", Ids.New(), $"青石镇,{village}", phone: "1234"),
            Row(7, "无此乡", Ids.New(), $"火星镇,{village}"),
            Row(8, "无此村", Ids.New(), "青石镇,不存在村"),
            Row(9, "类别错", Ids.New(), $"青石镇,{village}", tags: "外星人"),
            Row(10, "重复甲", dup, $"青石镇,{village}"),
            Row(11, "重复乙", dup, $"青石镇,{village}"),
            "12,科学计数,男,4.10327E+17,,青石镇," + village + ",,务农,");
        var before = (await HttpAssert.Json(await county.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32();
        var (status, body) = await Post(county, csv, "青石镇台账.csv", "dryRun");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, body.GetProperty("totalRows").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Code: e.GetProperty("code").GetString(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message").GetString())).ToList();
        void Has(int row, string code, string column) => Assert.Contains(errors, e => e.Row == row && e.Code == code && e.Column == column && e.Message!.Any(c => c > 127));
        Has(3, "id_number.format", "身份证号码");
        Has(4, "id_number.checksum", "身份证号码");
        Has(5, "id_number.birthdate", "身份证号码");
        Has(6, "name.required", "姓名");
        Has(7, "phone.format", "联系电话");
        Has(8, "township.unknown", "乡镇");
        Has(9, "village.unknown", "村");
        Has(10, "value.invalid", "人员类别");
        Has(12, "duplicate_in_file", "身份证号码");
        Has(13, "id_number.format", "身份证号码");
        Assert.DoesNotContain(errors, e => e.Row is 2 or 11);
        Assert.Equal(2, body.GetProperty("valid").GetInt32());
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        Assert.Equal(before, (await HttpAssert.Json(await county.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Commit_stores_the_valid_rows_and_the_same_file_again_changes_nothing()
    {
        var county = await app.ClientFor("county");
        var village = await VillageName("419921102003");
        var ids = Enumerable.Range(0, 5).Select(_ => Ids.New(1988)).ToList();
        var csv = Csv([Header, .. ids.Select((id, i) => Row(i + 1, $"柳河{i}号", id, $"柳河镇,{village}", status: "省外就业")), Row(6, "", Ids.New(), $"柳河镇,{village}")]);
        var (s1, first) = await Post(county, csv, "柳河镇.csv", "commit");
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(5, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("errors").GetArrayLength());
        var stored = await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{ids[2]}"));
        Assert.Equal("柳河2号", stored.GetProperty("name").GetString());
        Assert.Equal("419921102003", stored.GetProperty("villageCode").GetString());
        Assert.Equal("OutOfProvince", stored.GetProperty("employmentStatus").GetString());

        var (s2, again) = await Post(county, csv, "柳河镇.csv", "commit");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(5, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task An_existing_id_with_another_name_is_a_conflict_and_is_never_overwritten()
    {
        var county = await app.ClientFor("county");
        var village = await VillageName("419921103001");
        var id = Ids.New();
        await Post(county, Csv(Header, Row(1, "原名", id, $"白马镇,{village}")), "a.csv", "commit");
        var (_, body) = await Post(county, Csv(Header, Row(1, "改名", id, $"白马镇,{village}")), "b.csv", "commit");
        var e = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("conflict", e.GetProperty("code").GetString());
        Assert.Equal("原名", (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{id}"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_township_officer_cannot_import_rows_of_another_township()
    {
        var town = await app.ClientFor("town01");
        var own = await VillageName("419921101003");
        var other = await VillageName("419921205002");
        var mine = Ids.New();
        var theirs = Ids.New();
        var (status, body) = await Post(town, Csv(Header, Row(1, "本镇人", mine, $"青石镇,{own}"), Row(2, "外乡人", theirs, $"石桥乡,{other}")), "mixed.csv", "commit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("created").GetInt32());
        var e = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("scope.forbidden", e.GetProperty("code").GetString());
        Assert.Equal(3, e.GetProperty("row").GetInt32());
        await HttpAssert.Problem(await (await app.ClientFor("county")).GetAsync($"/api/people/by-id-number/{theirs}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_gbk_csv_with_a_title_row_and_an_xlsx_are_both_read()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var county = await app.ClientFor("county");
        var village = await VillageName("419921104001");
        var id = Ids.New();
        var gbk = System.Text.Encoding.GetEncoding("GBK").GetBytes(string.Join("\r\n", "金桥镇劳动力资源台账,,,,,,,,,", Header, Row(1, "国标码", id, $"金桥镇,{village}")));
        var (s, body) = await Post(county, gbk, "金桥镇.csv", "commit");
        Assert.Equal(HttpStatusCode.OK, s);
        Assert.Equal(1, body.GetProperty("created").GetInt32());
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
        Assert.Equal("国标码", (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{id}"))).GetProperty("name").GetString());

        var id2 = Ids.New();
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object?> { ["姓名"] = "表格人", ["公民身份号码"] = id2, ["乡镇（街道）"] = "金桥镇", ["社区（村）"] = village, ["不认识的列"] = "x" } });
        var (s2, xbody) = await Post(county, ms.ToArray(), "金桥镇.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(1, xbody.GetProperty("created").GetInt32());
    }

    [Theory]
    [InlineData("not-a-sheet.xlsx", "PK\u0003\u0004garbage")]
    [InlineData("picture.png", "\u0089PNG")]
    [InlineData("no-header.csv", "a,b,c\r\n1,2,3")]
    public async Task A_broken_file_is_a_clear_400_and_stores_nothing(string name, string content)
    {
        var county = await app.ClientFor("county");
        var (status, body) = await Post(county, Encoding.Latin1.GetBytes(content), name, "commit");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()), m => m.GetString()!.Any(c => c > 127));
    }

    [Fact]
    public async Task A_missing_mode_or_file_is_400_and_an_oversized_file_is_413()
    {
        var county = await app.ClientFor("county");
        var (s1, _) = await Post(county, Csv(Header), "x.csv", "sometimes");
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        using var empty = new MultipartFormDataContent { { new StringContent("commit"), "mode" } };
        await HttpAssert.Problem(await county.PostAsync("/api/people/imports", empty), HttpStatusCode.BadRequest);
        var big = new byte[51 * 1024 * 1024];
        var (s3, body) = await Post(county, big, "huge.csv", "commit");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s3);
        Assert.Contains("MB", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_nonsense_date_is_a_row_error_and_a_malformed_upload_is_400()
    {
        var county = await app.ClientFor("county");
        var village = await VillageName("419921106001");
        var csv = Csv("序号,姓名,身份证号码,乡镇,村,务工时间", $"1,日期怪,{Ids.New()},高台镇,{village},0000-05", $"2,日期好,{Ids.New()},高台镇,{village},2021-03");
        var (status, body) = await Post(county, csv, "dates.csv", "dryRun");
        Assert.Equal(HttpStatusCode.OK, status);
        var e = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, e.GetProperty("row").GetInt32());
        Assert.Equal("value.invalid", e.GetProperty("code").GetString());

        var bad = new StringContent("garbage", Encoding.UTF8);
        bad.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        await HttpAssert.Problem(await county.PostAsync("/api/people/imports", bad), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Viewers_and_institution_staff_cannot_import()
    {
        foreach (var user in new[] { "viewer", "school01", "auditor" })
        {
            var (s, _) = await Post(await app.ClientFor(user), Csv(Header, Row(1, "某人", Ids.New())), "x.csv", "commit");
            Assert.Equal(HttpStatusCode.Forbidden, s);
        }
    }

    [Fact]
    public async Task The_template_has_chinese_headers_and_an_example_row_and_reimports_cleanly()
    {
        var r = await (await app.ClientFor("town01")).GetAsync("/api/people/import-template");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Contains("身份证号", row.Keys);
        Assert.Contains("姓名", row.Keys);
    }

    [Fact]
    public async Task The_templates_example_row_is_a_real_village_and_a_valid_id_and_is_skipped_when_imported_unchanged()
    {
        var town01 = await app.ClientFor("town01");
        var bytes = await (await town01.GetAsync("/api/people/import-template")).Content.ReadAsByteArrayAsync();
        var row = Assert.Single(new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal("示例（导入前删除）", row["姓名"]?.ToString());
        Assert.Contains("自动跳过", row["备注"]?.ToString());
        var id = row["身份证号"]!.ToString()!;
        Assert.True(CountySkills.Web.Domain.IdNumber.TryParse(id, null, out _, out var bad), bad?.Message);
        Assert.StartsWith("419921", id);
        // The township and village are the demo's as the area tree names them: town01's own 青石镇 and its first village.
        Assert.Equal("青石镇", row["乡镇(街道)"]?.ToString());
        Assert.Equal(await VillageName("419921101001"), row["村(社区)"]?.ToString());

        // Imported unchanged: the example is skipped, nothing is stored, nothing is an error.
        var before = (await HttpAssert.Json(await town01.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32();
        foreach (var mode in new[] { "dryRun", "commit" })
        {
            var (status, report) = await Post(town01, bytes, "劳动力台账导入模板.xlsx", mode);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(0, report.GetProperty("created").GetInt32());
            Assert.Equal(0, report.GetProperty("rejected").GetInt32());
            Assert.Equal(1, report.GetProperty("exampleRows").GetInt32());
            Assert.Equal(1, report.GetProperty("skippedRows").GetInt32());
            Assert.Empty(report.GetProperty("errors").EnumerateArray());
        }
        Assert.Equal(before, (await HttpAssert.Json(await town01.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32());

        // The row itself is valid: given a real name, it imports without an error.
        var named = new Dictionary<string, object?>(row) { ["姓名"] = "模板照填" };
        var sheet = new MemoryStream();
        sheet.SaveAs(new[] { named });
        var (_, dry) = await Post(town01, sheet.ToArray(), "照填.xlsx", "dryRun");
        Assert.Equal(1, dry.GetProperty("valid").GetInt32());
        Assert.Equal(0, dry.GetProperty("rejected").GetInt32());
        Assert.Empty(dry.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task The_export_follows_the_filters_and_masks_for_those_who_may_not_reveal()
    {
        var county = await app.ClientFor("county");
        var total = (await HttpAssert.Json(await county.GetAsync("/api/people?townshipCode=419921102&pageSize=1"))).GetProperty("total").GetInt32();
        var full = await (await county.GetAsync("/api/people/export?townshipCode=419921102&reason=核对台账")).Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(full).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(total, rows.Count);
        Assert.All(rows, x => Assert.Matches(@"^\d{17}[\dX]$", x["身份证号"].ToString()));
        var masked = await (await (await app.ClientFor("auditor")).GetAsync("/api/people/export?townshipCode=419921102")).Content.ReadAsByteArrayAsync();
        Assert.All(new MemoryStream(masked).Query(useHeaderRow: true).Cast<IDictionary<string, object>>(), x => Assert.Contains("*", x["身份证号"].ToString()));
    }
}

public sealed class PeopleImportTests_Sqlite(SqliteApp app) : PeopleImportTests(app), IClassFixture<SqliteApp>;
public sealed class PeopleImportTests_Postgres(PostgresApp app) : PeopleImportTests(app), IClassFixture<PostgresApp>;
