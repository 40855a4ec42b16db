using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Features.Admin;
using CountySkills.Web.Features.People;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Admin;

/// <summary>The readable audit log (names, words, yuan, masks, filters, export) and a person's access log.</summary>
public abstract class AuditLogTests(AuditApp app)
{
    const string County = "县人社局 张科长", Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();
    static JsonElement Change(JsonElement item, string field) => Assert.Single(item.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == field);
    static string S(JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    async Task<JsonElement> Audit(string query, string user = "auditor") => await HttpAssert.Json(await (await app.ClientFor(user)).GetAsync("/api/audit?" + query));

    /// <summary>A person made by county (farming, with a phone), then moved to work outside the province with an income.</summary>
    async Task<(long Id, string IdNumber)> PersonChanged(string name, string village = Village)
    {
        var county = await app.ClientFor("county");
        var idNumber = Ids.New(1990);
        object Body(string status, long? income, Guid? version) => new
        {
            idNumber, name, villageCode = village, phone = "13722223333", employmentStatus = status, destination = status == "Farming" ? null : "OutOfProvince",
            tags = "PovertyAlleviated, MigrantWorker", monthlyIncomeFen = income, version,
        };
        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", Body("Farming", null, null)), HttpStatusCode.Created);
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/people/{IdOf(created)}", Body("OutOfProvince", 650_000, VersionOf(created))));
        return (IdOf(created), idNumber);
    }

    [Fact]
    public async Task Entries_read_in_words_with_enum_words_yuan_masked_ids_and_the_users_name()
    {
        var (id, idNumber) = await PersonChanged("审计读者");
        var log = await Audit($"entity=Person&entityKey={id}");
        var items = Items(log);
        Assert.Equal(["Update", "Insert"], items.Select(i => S(i, "action")));
        var update = items[0];
        Assert.Equal("人员（劳动力台账）", S(update, "entityName"));
        Assert.Equal("修改", S(update, "actionName"));
        Assert.Equal("county", S(update, "userName"));
        Assert.Equal(County, S(update, "userDisplayName"));
        Assert.Equal(Village, S(update, "areaCode"));
        var status = Change(update, "EmploymentStatus");
        Assert.Equal(("就业状态", "务农", "省外就业"), (S(status, "fieldName"), S(status, "from"), S(status, "to")));
        var income = Change(update, "MonthlyIncomeFen");
        Assert.Equal(("月收入", "（空）", "6,500.00 元"), (S(income, "fieldName"), S(income, "from"), S(income, "to")));
        Assert.DoesNotContain(update.GetProperty("changes").EnumerateArray(), c => S(c, "field") == "Version");

        var insert = items[1];
        Assert.Equal("新增", S(insert, "actionName"));
        Assert.Equal("姓名", S(Change(insert, "Name"), "fieldName"));
        Assert.Equal(IdNumber.Mask(idNumber), S(Change(insert, "IdNumber"), "to"));
        Assert.Equal("137****3333", S(Change(insert, "Phone"), "to"));
        Assert.Equal("脱贫户、农民工", S(Change(insert, "Tags"), "to"));
        Assert.DoesNotContain(idNumber, log.GetRawText());
        Assert.DoesNotContain("13722223333", log.GetRawText());
    }

    [Fact]
    public async Task A_labour_events_kind_and_a_placements_wage_read_as_words_and_yuan()
    {
        var county = await app.ClientFor("county");
        var fair = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/events", new
        {
            title = "审计专场招聘会", kind = "JobFair", date = "2026-11-20", place = "县文化广场", participants = 100, jobsOffered = 50, peopleSigned = 10,
        }), HttpStatusCode.Created);
        var entry = Assert.Single(Items(await Audit($"entity=LabourEvent&entityKey={IdOf(fair)}")));
        Assert.Equal("欢送仪式与招聘会", S(entry, "entityName"));
        Assert.Equal(("活动类型", "招聘会"), (S(Change(entry, "Kind"), "fieldName"), S(Change(entry, "Kind"), "to")));
        Assert.Equal("2026-11-20", S(Change(entry, "Date"), "to"));
        Assert.StartsWith("2026-11-30 10:", S(Change(entry, "CreatedUtc"), "to")); // county time

        var (personId, _) = await NewPerson(county, "审计安置");
        var placed = await Place(county, personId, "2026-11-01");
        var placement = Assert.Single(Items(await Audit($"entity=Placement&entityKey={IdOf(placed)}")));
        Assert.Equal(("月工资", "6,500.00 元"), (S(Change(placement, "MonthlyWageFen"), "fieldName"), S(Change(placement, "MonthlyWageFen"), "to")));
        Assert.Equal("省外", S(Change(placement, "Band"), "to"));
        Assert.Equal("是", S(Change(placement, "Organised"), "to"));
    }

    [Fact]
    public async Task English_callers_read_english_names()
    {
        var (id, _) = await PersonChanged("审计英文");
        var auditor = await app.ClientFor("auditor");
        auditor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var update = Items(await HttpAssert.Json(await auditor.GetAsync($"/api/audit?entity=Person&entityKey={id}")))[0];
        Assert.Equal("Person (labour ledger)", S(update, "entityName"));
        Assert.Equal("Changed", S(update, "actionName"));
        var status = Change(update, "EmploymentStatus");
        Assert.Equal(("Employment status", "Farming", "Out of province"), (S(status, "fieldName"), S(status, "from"), S(status, "to")));
        Assert.Equal("CNY 6,500.00", S(Change(update, "MonthlyIncomeFen"), "to"));
    }

    [Fact]
    public async Task Each_filter_narrows_the_log()
    {
        var town = await app.ClientFor("town01");
        var mine = IdOf(await AddPerson(town, Ids.New(), "审计筛选甲"));
        var other = IdOf(await AddPerson(await app.ClientFor("county"), Ids.New(), "审计筛选乙", OtherVillage));
        var all = (await Audit("pageSize=1")).GetProperty("total").GetInt32();

        var byUser = await Audit("user=town01&pageSize=500");
        Assert.InRange(byUser.GetProperty("total").GetInt32(), 1, all - 1);
        Assert.All(Items(byUser), i => Assert.Equal("town01", S(i, "userName")));
        Assert.Contains(Items(byUser), i => S(i, "entityKey") == mine.ToString());

        var byArea = await Audit("area=419921101&pageSize=500");
        Assert.All(Items(byArea), i => Assert.StartsWith("419921101", S(i, "areaCode")));
        Assert.Contains(Items(byArea), i => S(i, "entityKey") == mine.ToString() && S(i, "entity") == "Person");
        Assert.DoesNotContain(Items(await Audit("area=419921101&entity=Person&pageSize=500")), i => S(i, "entityKey") == other.ToString());
        Assert.Contains(Items(await Audit($"area={OtherVillage}&entity=Person&pageSize=500")), i => S(i, "entityKey") == other.ToString());

        var byEntity = await Audit("entity=Person&pageSize=50");
        Assert.All(Items(byEntity), i => Assert.Equal("Person", S(i, "entity")));
        Assert.Equal(byEntity.GetProperty("total").GetInt32(), (await Audit("entity=" + Uri.EscapeDataString("人员（劳动力台账）"))).GetProperty("total").GetInt32());
        var byRecord = Assert.Single(Items(await Audit($"entity=Person&entityKey={mine}")));
        Assert.Equal("town01", S(byRecord, "userName"));
        Assert.Equal(0, (await Audit($"entity=Person&entityKey={mine}&action=Update")).GetProperty("total").GetInt32());

        // Dates are county days, both ends included.
        long later;
        try
        {
            app.Clock.SetLocal(new DateOnly(2026, 12, 3), hour: 23);
            later = IdOf(await AddPerson(await app.ClientFor("county"), Ids.New(), "审计筛选丙"));
        }
        finally { app.ResetClock(); }
        var onDay = await Audit("from=2026-12-03&to=2026-12-03&pageSize=500");
        Assert.Contains(Items(onDay), i => S(i, "entityKey") == later.ToString());
        Assert.All(Items(onDay), i => Assert.Equal(new DateOnly(2026, 12, 3), DateOnly.FromDateTime(i.GetProperty("atUtc").GetDateTime().ToUniversalTime().AddHours(8))));
        Assert.Equal(0, (await Audit($"entity=Person&entityKey={later}&to=2026-12-02")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Audit($"entity=Person&entityKey={later}&from=2026-12-04")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Audit($"entity=Person&entityKey={mine}&from=2026-12-01")).GetProperty("total").GetInt32());

        var r = await (await app.ClientFor("auditor")).GetAsync("/api/audit?area=青石镇");
        await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_export_is_a_workbook_whose_rows_match_the_list_and_is_itself_logged()
    {
        var (id, idNumber) = await PersonChanged("审计导出");
        var list = Items(await Audit($"entity=Person&entityKey={id}"));
        var r = await (await app.ClientFor("auditor")).GetAsync($"/api/audit/export?entity=Person&entityKey={id}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Xlsx, r.Content.Headers.ContentType?.MediaType);
        using var xlsx = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        Assert.Equal(["审计日志", "说明"], MiniExcel.GetSheetNames(xlsx));
        var rows = xlsx.Query(useHeaderRow: true, sheetName: "审计日志").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(list.Select(i => i.GetProperty("id").GetInt64()), rows.Select(x => Convert.ToInt64(x["编号"])));
        Assert.Equal(list.Select(i => S(i, "actionName")), rows.Select(x => x["操作"]?.ToString()));
        Assert.All(rows, x => Assert.Equal("人员（劳动力台账）", x["对象"]?.ToString()));
        Assert.All(rows, x => Assert.Equal(County, x["操作人姓名"]?.ToString()));
        Assert.Contains("就业状态：务农 → 省外就业", rows[0]["变更内容"]?.ToString());
        Assert.Contains("月收入：（空） → 6,500.00 元", rows[0]["变更内容"]?.ToString());
        Assert.DoesNotContain(rows, x => x.Values.Any(v => v?.ToString()?.Contains(idNumber) == true));

        var logged = Items(await Audit("entity=AuditEntry&action=Export&user=auditor"))[0];
        Assert.Equal("导出", S(logged, "actionName"));
        Assert.Equal("2", S(Change(logged, "count"), "to"));
        Assert.Contains(id.ToString(), S(Change(logged, "filter"), "to"));
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        foreach (var name in new[] { "=1+2", "@SUM(A1)" })
            await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = name, password = "x" });
        foreach (var name in new[] { "=1+2", "@SUM(A1)" })
        {
            var r = await (await app.ClientFor("auditor")).GetAsync("/api/audit/export?user=" + Uri.EscapeDataString(name));
            var rows = new MemoryStream(await r.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true, sheetName: "审计日志").Cast<IDictionary<string, object?>>().ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, x => Assert.Equal("'" + name, x["操作人"]?.ToString()));
            Assert.All(rows, x => Assert.Equal("登录失败", x["操作"]?.ToString()));
        }
    }

    [Fact]
    public async Task An_export_past_the_row_cap_says_so()
    {
        var r = await (await app.ClientFor("admin")).GetAsync("/api/audit/export");
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        using var xlsx = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        var rows = xlsx.Query(useHeaderRow: true, sheetName: "审计日志").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(AuditApp.Cap + 1, rows.Count);
        Assert.Contains("已达导出上限", rows[^1]["编号"]?.ToString());
        var ids = rows.Take(AuditApp.Cap).Select(x => Convert.ToInt64(x["编号"])).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        xlsx.Position = 0;
        var notes = xlsx.Query(useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(notes, x => x["内容"]?.ToString()?.Contains("已达导出上限") == true);
        var logged = Items(await Audit("entity=AuditEntry&action=Export&user=admin"))[0];
        Assert.Equal("是", S(Change(logged, "capped"), "to"));
    }

    [Fact]
    public async Task Only_admins_and_auditors_read_or_export_the_log()
    {
        foreach (var user in new[] { "viewer", "town01", "school01", "employer01", "county" })
        {
            var c = await app.ClientFor(user);
            await HttpAssert.Problem(await c.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
            await HttpAssert.Problem(await c.GetAsync("/api/audit/export"), HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("admin")).GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task The_access_log_names_who_revealed_checked_exported_or_changed_a_persons_data()
    {
        var county = await app.ClientFor("county");
        var (id, idNumber) = await PersonChanged("访问记录甲");
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{id}/reveal", new { reason = "核对身份" }));
        await Place(county, id, "2026-11-01");
        await HttpAssert.Json(await Subsidies.SubsidyKit.Check(await app.ClientFor("school01"), new { idNumber, occupationCode = Housekeeping, level = "Junior" }));
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/people/export?townshipCode={Town01}&reason=核对")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/people/export?townshipCode=419921205&masked=true")).StatusCode);

        var log = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/people/{id}/access-log"));
        Assert.Equal(id, log.GetProperty("personId").GetInt64());
        var items = Items(log);
        var times = items.Select(i => i.GetProperty("atUtc").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        var reveal = Assert.Single(items, i => S(i, "action") == "Reveal" && S(i, "what").Contains("身份证号和手机号"));
        Assert.Equal(("county", County), (S(reveal, "userName"), S(reveal, "userDisplayName")));
        Assert.Contains("核对身份", S(reveal, "what"));
        Assert.Contains(items, i => S(i, "action") == "Update" && S(i, "what").Contains("就业状态") && S(i, "what").Contains("月收入"));
        Assert.Contains(items, i => S(i, "action") == "Insert" && S(i, "what").StartsWith("新增就业安置"));
        var check = Assert.Single(items, i => S(i, "actionName") == "补贴资格查询");
        Assert.Equal("school01", S(check, "userName"));
        var export = Assert.Single(items, i => S(i, "what").StartsWith("导出台账（所在范围）"));
        Assert.Equal("county", S(export, "userName"));
        Assert.DoesNotContain(idNumber, log.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/people/{id}/access-log")).StatusCode);
    }

    [Fact]
    public async Task The_access_log_is_for_county_staff_and_auditors_and_finds_no_one_outside_the_scope()
    {
        var county = await app.ClientFor("county");
        var (inTown, _) = await NewPerson(county, "访问记录乙");
        var (outside, _) = await NewPerson(county, "访问记录丙", OtherVillage);
        foreach (var user in new[] { "viewer", "town01", "school01", "employer01" })
            await HttpAssert.Problem(await (await app.ClientFor(user)).GetAsync($"/api/people/{inTown}/access-log"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await county.GetAsync("/api/people/999999999/access-log"), HttpStatusCode.NotFound);

        // The scope rule of the handler, as a township officer of town01 would meet it.
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "town-test"), new Claim(ClaimTypes.Name, "town-test"),
            new Claim(ClaimTypes.Role, Roles.TownshipOfficer), new Claim(ScopeClaims.Area, Town01),
        ], "test")));
        var handler = scope.ServiceProvider.GetRequiredService<PersonAccessLog.Handler>();
        Assert.Equal(Outcome.NotFound, (await handler.Handle(outside, default)).Outcome);
        Assert.True((await handler.Handle(inTown, default)).IsOk);
    }

    [Fact]
    public async Task Every_audited_record_type_and_field_has_a_name()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var audited = db.Model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType)).ToList();
        Assert.NotEmpty(audited);
        Assert.Empty(audited.Where(t => !AuditVocabulary.Entities.ContainsKey(t.ClrType.Name)).Select(t => t.ClrType.Name));
        var unnamed = audited.SelectMany(t => t.GetProperties().Where(p => p.ClrType != typeof(Guid))
            .Where(p => AuditVocabulary.FieldName(t.ClrType.Name, p.Name) == p.Name).Select(p => $"{t.ClrType.Name}.{p.Name}"));
        Assert.Empty(unnamed);
    }
}

/// <summary>The clocked app with a small export cap, so capping can be seen without 100,000 entries.</summary>
public abstract class AuditApp : ClockedApp
{
    public const int Cap = 40;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Audit:ExportMaxRows"] = Cap.ToString() };
}

public sealed class AuditSqliteApp : AuditApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class AuditPostgresApp : AuditApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class AuditLogTests_Sqlite(AuditSqliteApp app) : AuditLogTests(app), IClassFixture<AuditSqliteApp>;
public sealed class AuditLogTests_Postgres(AuditPostgresApp app) : AuditLogTests(app), IClassFixture<AuditPostgresApp>;
