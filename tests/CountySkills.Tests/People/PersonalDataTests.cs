using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static CountySkills.Tests.Subsidies.SubsidyKit;

namespace CountySkills.Tests.People;

/// <summary>
/// Masking that holds: the birth date only with the audited reveal; personal fields of every entity masked in the audit
/// log; an unmasked ledger or bank file only with a stated reason, audited with its filter and size, and naming who took it.
/// </summary>
public abstract class PersonalDataTests(AppFactory app)
{
    const string Village = "419921101001", Town = "419921101";

    static object NewPerson(string id, string name, string? phone) => new { idNumber = id, name, villageCode = Village, phone, employmentStatus = "Farming" };

    [Fact]
    public async Task The_birth_date_comes_only_with_the_audited_reveal()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1979, male: false);
        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", NewPerson(id, "生日甲", "13700001111")), HttpStatusCode.Created);
        var personId = created.GetProperty("id").GetInt64();
        var birth = $"1979-{id.Substring(10, 2)}-{id.Substring(12, 2)}";
        foreach (var url in new[] { $"/api/people/{personId}", $"/api/people?q=生日甲", $"/api/people/{personId}/timeline" })
        {
            var body = await (await county.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(birth, body);
            Assert.DoesNotContain(id, body);
        }
        var shown = await HttpAssert.Json(await county.GetAsync($"/api/people/{personId}"));
        Assert.Equal(1979, shown.GetProperty("birthYear").GetInt32());
        Assert.True(shown.GetProperty("age").GetInt32() >= 46);

        var revealed = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{personId}/reveal", new { reason = "核对出生日期" }));
        Assert.Equal(birth, revealed.GetProperty("birthDate").GetString());
        Assert.Equal(id, revealed.GetProperty("idNumber").GetString());
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?entity=Person&entityKey={personId}&action=Reveal"));
        var line = string.Join(" ", audit.GetProperty("items")[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("to").GetString()));
        Assert.Contains("出生日期", line);
        Assert.Contains("核对出生日期", line);
    }

    [Fact]
    public async Task The_audit_log_masks_the_personal_fields_of_every_entity()
    {
        var county = await app.ClientFor("county");
        var personId = Ids.New(1988);
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", NewPerson(personId, "审计脱敏甲", "13600002222")), HttpStatusCode.Created);
        var historic = Ids.New(1983);
        await ImportHistory(county, "commit", HistoryRow(historic, "历史补贴乙", "焊工", "五级/初级工", "2023-05-06"));
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/employers",
            new { name = "审计脱敏家政公司", creditCode = "91110000802100433B", kind = "HousekeepingAgency", contactName = "联系人丙", contactPhone = "13500003333" }), HttpStatusCode.Created);

        await using var scope = app.Scope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.AuditEntries.AsNoTracking().Select(a => a.Entity + " " + a.EntityKey + " " + a.Changes).ToListAsync();
        var all = string.Join("\n", stored);
        Assert.Contains("审计脱敏家政公司", all); // the entries are there …
        foreach (var secret in new[] { personId, historic, "13600002222", "13500003333", $"1988-{personId.Substring(10, 2)}-{personId.Substring(12, 2)}" })
            Assert.DoesNotContain(secret, all); // … with the personal data masked, whichever entity held it
        Assert.Contains(historic[..4] + "**********" + historic[^4..], all);

        var read = await (await (await app.ClientFor("auditor")).GetAsync("/api/audit?entity=HistoricSubsidy&pageSize=50")).Content.ReadAsStringAsync();
        Assert.Contains(historic[^4..], read);
        Assert.DoesNotContain(historic, read);
    }

    [Fact]
    public async Task An_unmasked_ledger_export_needs_a_reason_is_audited_and_names_who_took_it()
    {
        var county = await app.ClientFor("county");
        var refused = await HttpAssert.Problem(await county.GetAsync($"/api/people/export?townshipCode={Town}"), HttpStatusCode.BadRequest);
        Assert.Equal("export.reason_required", refused.GetProperty("code").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("reason", out _));

        var masked = await county.GetAsync($"/api/people/export?townshipCode={Town}&masked=true");
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        var maskedRows = Rows(await masked.Content.ReadAsByteArrayAsync());
        Assert.All(maskedRows, r => Assert.Contains("*", r["身份证号"]?.ToString()));

        var total = (await HttpAssert.Json(await county.GetAsync($"/api/people?townshipCode={Town}&pageSize=1"))).GetProperty("total").GetInt32();
        var full = await county.GetAsync($"/api/people/export?townshipCode={Town}&reason=" + Uri.EscapeDataString("发放一次性求职补贴"));
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var bytes = await full.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes);
        Assert.Equal(total, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^\d{17}[\dX]$", r["身份证号"]?.ToString()));
        var (core, sheet) = Parts(bytes);
        Assert.Contains("county", core);
        Assert.Contains("发放一次性求职补贴", core);
        Assert.Matches(@"<oddHeader>[^<]*county[^<]*\d{4}-\d{2}-\d{2} \d{2}:\d{2}[^<]*发放一次性求职补贴", sheet);

        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync("/api/audit?user=county&action=Reveal&entityKey=export&pageSize=5"));
        var entry = audit.GetProperty("items")[0];
        Assert.Equal(Town, entry.GetProperty("areaCode").GetString());
        var what = string.Join(" ", entry.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("fieldName").GetString() + "=" + c.GetProperty("to").GetString()));
        Assert.Contains(total.ToString(), what);
        Assert.Contains("发放一次性求职补贴", what);
        Assert.Contains(Town, what);
    }

    [Fact]
    public async Task A_masked_export_needs_no_reason_and_those_who_may_not_reveal_get_only_masked_files()
    {
        var auditor = await app.ClientFor("auditor");
        var r = await auditor.GetAsync($"/api/people/export?townshipCode={Town}&reason=想看看");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.All(Rows(bytes), x => Assert.Contains("*", x["身份证号"]?.ToString()));
        Assert.Contains("auditor", Parts(bytes).Core);
    }

    [Theory]
    [InlineData("王女士 13812345678", "王女士 138****5678")]
    [InlineData("电话 138-1234-5678 或 138 1234 5678", "电话 138-****-5678 或 138 **** 5678")]
    [InlineData("身份证 419921198801011234 备注", "身份证 4199**********1234 备注")]
    [InlineData("邮箱 wangli@example.com", "邮箱 w***@example.com")]
    [InlineData("2024年3月到北京，月薪6500元", "2024年3月到北京，月薪6500元")]
    public void Free_text_keeps_its_words_and_masks_the_numbers_and_addresses_in_it(string text, string masked) =>
        Assert.Equal(masked, CountySkills.Web.Domain.PersonalData.MaskFreeText(text));

    [Fact]
    public async Task Finding_certificates_by_a_full_id_number_is_an_exact_search()
    {
        var id = Ids.New(1986);
        var refused = await HttpAssert.Problem(await (await app.ClientFor("viewer")).GetAsync($"/api/certificates?q={id}"), HttpStatusCode.Forbidden);
        Assert.Equal("search.exact_forbidden", refused.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("viewer")).GetAsync("/api/certificates?q=焊工")).StatusCode);
        await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync($"/api/certificates?q={id}"));
        var audit = await (await (await app.ClientFor("auditor")).GetAsync("/api/audit?action=Search&user=county&pageSize=20")).Content.ReadAsStringAsync();
        Assert.Contains(id[..4] + "**********" + id[^4..], audit);
        Assert.DoesNotContain(id, audit);
    }

    static List<IDictionary<string, object?>> Rows(byte[] xlsx) =>
        new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    static (string Core, string Sheet) Parts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        string Read(string name) { using var s = new StreamReader(zip.GetEntry(name)!.Open()); return s.ReadToEnd(); }
        return (Read("docProps/core.xml"), Regex.Match(Read("xl/worksheets/sheet1.xml"), "<headerFooter>.*</headerFooter>").Value);
    }
}

public sealed class PersonalDataTests_Sqlite(SqliteApp app) : PersonalDataTests(app), IClassFixture<SqliteApp>;
public sealed class PersonalDataTests_Postgres(PostgresApp app) : PersonalDataTests(app), IClassFixture<PostgresApp>;
