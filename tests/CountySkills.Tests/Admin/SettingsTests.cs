using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Features.Certificates;
using CountySkills.Web.Features.Subsidies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CountySkills.Tests.Admin.SettingsKit;
using CountySkills.Tests.Subsidies;
using Work = CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Subsidies.SubsidyKit;

namespace CountySkills.Tests.Admin;

/// <summary>
/// The system settings: the working-day calendar the subsidy notice counts with, the follow-up intervals new placements get, and the
/// public base address QR codes carry; each change dated, with a reason, from the version it was made on, and audited.
/// </summary>
public abstract class SettingsTests(ClockedApp app)
{
    [Fact]
    public async Task A_holiday_added_to_the_calendar_moves_the_end_of_a_notice_published_afterwards_and_a_make_up_Saturday_counts()
    {
        var admin = await app.ClientFor("admin");
        var county = await app.ClientFor("county");
        var year = Year(await Settings(admin), 2026)!.Value;
        Assert.Equal("Setting", year.GetProperty("source").GetString());
        Assert.Contains(("2026-10-01", "国庆节"), Days(year, "holidays"));
        Assert.Contains(("2026-02-14", "春节调休上班"), Days(year, "workdays"));

        var before = await Reviewed(county, IdOf(await Claim(county, (await CompletedClass(app, county, new ClassPlan { Name = "调整日历前公示班", Count = 1 })).ClassId)));
        var early = await Step(county, IdOf(before), "publish", noticeStartsOn: "2026-12-04");
        Assert.Equal("2026-12-10", early.GetProperty("noticeEndsOn").GetString());

        await using (await AddToCalendar(admin, 2026, [("2026-12-08", "县庆（测试）"), ("2026-12-09", "县庆（测试）")], [("2026-12-12", "县庆调休上班（测试）")]))
        {
            var after = await Reviewed(county, IdOf(await Claim(county, (await CompletedClass(app, county, new ClassPlan { Name = "调整日历后公示班", Count = 1 })).ClassId)));
            var late = await Step(county, IdOf(after), "publish", noticeStartsOn: "2026-12-04");
            // Friday 4th, Monday 7th, (8th and 9th off), Thursday 10th, Friday 11th, and Saturday 12th worked in lieu: five working days.
            Assert.Equal("2026-12-04", late.GetProperty("noticeStartsOn").GetString());
            Assert.Equal("2026-12-12", late.GetProperty("noticeEndsOn").GetString());
            Assert.Equal("2026-12-10", (await GetClaim(county, IdOf(early))).GetProperty("noticeEndsOn").GetString());
        }
    }

    [Fact]
    public async Task Follow_up_intervals_changed_to_two_and_four_months_schedule_new_placements_there_and_earlier_ones_keep_theirs()
    {
        var admin = await app.ClientFor("admin");
        var county = await app.ClientFor("county");
        var jinghe = await Work.EmployerId(county, Work.Jinghe);
        var intervals = (await Settings(admin)).GetProperty("followUpMonths");
        Assert.Equal([1, 3, 6, 12], intervals.GetProperty("months").EnumerateArray().Select(m => m.GetInt32()));
        var (earlier, _) = await Work.NewPerson(county, "回访间隔调整前");
        var kept = await Work.Place(county, earlier, "2026-06-15", jinghe);

        var changed = await HttpAssert.Json(await PutFollowUps(admin, [2, 4], "县人社局关于加强就业跟踪回访的通知（测试）", BasedOn(intervals)));
        Assert.Equal([2, 4], changed.GetProperty("months").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal("Setting", changed.GetProperty("source").GetString());
        try
        {
            var (person, _) = await Work.NewPerson(county, "回访间隔调整后");
            var placed = await Work.Place(county, person, "2026-06-15", jinghe);
            Assert.Equal([2, 4], Work.Checks(placed).Select(c => c.Months));
            Assert.Equal(["2026-08-15", "2026-10-15"], Work.Checks(placed).Select(c => c.DueOn));
            Assert.Equal([1, 3, 6, 12], Work.Checks(await Work.GetPlacement(county, IdOf(kept))).Select(c => c.Months));
            foreach (var bad in new[] { Array.Empty<int>(), [3, 1], [2, 2], [0, 3], [61], Enumerable.Range(1, 13).ToArray() })
                await Invalid(await PutFollowUps(admin, bad, "不合理的间隔", BasedOn(changed)), "months");
        }
        finally
        {
            await HttpAssert.Json(await PutFollowUps(admin, [1, 3, 6, 12], "恢复默认回访间隔（测试）", BasedOn(changed)));
        }
    }

    [Fact]
    public async Task The_public_base_address_is_what_the_certificate_QR_code_and_verify_page_carry()
    {
        var admin = await app.ClientFor("admin");
        var county = await app.ClientFor("county");
        var number = (await HttpAssert.Json(await county.GetAsync("/api/certificates?pageSize=1"))).GetProperty("items")[0].GetProperty("number").GetString()!;
        var path = $"/verify/{Uri.EscapeDataString(number)}";
        var anonymous = app.CreateClient();
        var section = (await Settings(admin)).GetProperty("publicBaseUrl");
        Assert.Equal("RequestHost", section.GetProperty("usedNow").GetString());   // Development, nothing set
        Assert.Contains($"http://localhost{path}", await anonymous.GetStringAsync(path));

        foreach (var bad in new[] { "skills.hefeng.gov.cn", "ftp://skills.hefeng.gov.cn", "https://skills.hefeng.gov.cn/?from=qr", "https://skills.hefeng.gov.cn/#top", "" })
            await Invalid(await PutPublicBaseUrl(admin, bad, "填写对外访问地址", BasedOn(section)), "url");
        var set = await HttpAssert.Json(await PutPublicBaseUrl(admin, "https://skills.hefeng.gov.cn/", "县政务云对外域名开通", BasedOn(section)));
        Assert.Equal("https://skills.hefeng.gov.cn", set.GetProperty("url").GetString());
        Assert.Equal("Setting", set.GetProperty("usedNow").GetString());

        var url = $"https://skills.hefeng.gov.cn{path}";
        Assert.Contains(url, await anonymous.GetStringAsync(path));
        var qr = await anonymous.GetAsync($"/api/public/certificates/{Uri.EscapeDataString(number)}/qr");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal(VerifyCertificate.QrPng(url), await qr.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_change_needs_a_reason_and_the_version_it_was_made_on_two_changes_from_one_version_keep_only_the_first()
    {
        var admin = await app.ClientFor("admin");
        var year = Year(await Settings(admin), 2026)!.Value;
        var (h, w, version) = (Days(year, "holidays"), Days(year, "workdays"), BasedOn(year));
        await Invalid(await PutCalendar(admin, 2026, h, w, null, version), "reason");
        await Invalid(await PutCalendar(admin, 2026, h, w, "   ", version), "reason");
        await Invalid(await PutCalendar(admin, 2026, h, w, new string('因', 501), version), "reason");
        await Invalid(await PutFollowUps(admin, [1, 3], "", null), "reason");
        await Invalid(await PutPublicBaseUrl(admin, "https://a.example.cn", null, null), "reason");

        var first = await HttpAssert.Json(await PutCalendar(admin, 2026, h.Append(("2026-12-31", "跨年（测试）")), w, "第一位管理员的修改", version));
        var second = await Refused(await PutCalendar(admin, 2026, h.Append(("2026-12-30", "另一处修改")), w, "第二位管理员基于同一版本的修改", version), "settings.stale");
        Assert.Contains("刷新", second.GetProperty("detail").GetString());
        await Refused(await PutCalendar(admin, 2026, h, w, "没有说明基于哪个版本", null), "settings.stale");
        Assert.Contains(("2026-12-31", "跨年（测试）"), Days(Year(await Settings(admin), 2026)!.Value, "holidays"));
        await HttpAssert.Json(await PutCalendar(admin, 2026, h, w, "恢复（测试）", BasedOn(first)));
    }

    [Fact]
    public async Task The_calendar_refuses_impossible_days_a_date_both_off_and_worked_and_a_make_up_day_that_is_not_a_weekend()
    {
        var admin = await app.ClientFor("admin");
        Assert.Null(Year(await Settings(admin), 2027));
        async Task Bad((string, string)[] holidays, (string, string)[] workdays, string field) =>
            await Invalid(await PutCalendar(admin, 2027, holidays, workdays, "2027 年节假日安排", null), field);
        await Bad([("2027-02-30", "春节")], [], "holidays[0].date");
        await Bad([("", "春节")], [], "holidays[0].date");
        await Bad([("2027-01-01", "")], [], "holidays[0]");
        await Bad([("2026-12-31", "元旦")], [], "holidays[0]");
        await Bad([("2027-01-01", "元旦"), ("2027-01-01", "元旦")], [], "holidays[1]");
        await Bad([("2027-02-06", "春节")], [("2027-02-06", "春节调休上班")], "workdays[0]");
        await Bad([], [("2027-02-09", "周二调休上班")], "workdays[0]");
        await Invalid(await PutCalendar(admin, 1999, [("1999-10-01", "国庆节")], [], "年份不在范围内", null), "year");
        Assert.Null(Year(await Settings(admin), 2027));
    }

    [Fact]
    public async Task A_year_the_settings_never_had_keeps_the_dates_the_subsidy_rules_carried_until_the_administrator_sets_it()
    {
        await using (var scope = app.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var rules = await SubsidyHistory.RulesAtAsync(db, app.Clock.GetUtcNow().UtcDateTime, default);
            var next = rules.Next(app.Clock.GetUtcNow().UtcDateTime, "system", "升级前的补贴规则（测试）");
            (next.Holidays, next.ExtraWorkdays) = ("2028-01-03,2028-01-04", "2028-01-08");
            db.SubsidyRules.Add(next);
            await db.SaveChangesAsync();
        }
        var admin = await app.ClientFor("admin");
        var legacy = Year(await Settings(admin), 2028)!.Value;
        Assert.Equal("SubsidyRules", legacy.GetProperty("source").GetString());
        Assert.Null(BasedOn(legacy));
        Assert.Equal(["2028-01-03", "2028-01-04"], Days(legacy, "holidays").Select(d => d.Date));
        Assert.Equal(["2028-01-08"], Days(legacy, "workdays").Select(d => d.Date));
        var moved = await Invalid(await admin.PutAsJsonAsync("/api/subsidies/rules", new { reason = "改节假日", holidays = "2028-01-05" }), "holidays");
        Assert.Equal("rules.calendar_moved", moved.GetProperty("code").GetString());

        var set = await HttpAssert.Json(await PutCalendar(admin, 2028, [("2028-01-03", "元旦"), ("2028-01-04", "元旦")], [], "按新日历设置 2028 年", null));
        Assert.Equal("Setting", set.GetProperty("source").GetString());
        Assert.Empty(Days(set, "workdays"));
        Assert.Equal(("2028-01-03", "元旦"), Days(set, "holidays")[0]);
    }

    [Fact]
    public async Task Only_the_administrator_changes_settings_county_officers_and_auditors_read_them_viewers_do_not()
    {
        foreach (var user in new[] { "county", "viewer", "auditor" })
        {
            var c = await app.ClientFor(user);
            await HttpAssert.Problem(await PutFollowUps(c, [2, 4], "越权修改", null), HttpStatusCode.Forbidden);
            await HttpAssert.Problem(await PutPublicBaseUrl(c, "https://evil.example.com", "越权修改", null), HttpStatusCode.Forbidden);
            await HttpAssert.Problem(await PutCalendar(c, 2026, [], [], "越权修改", null), HttpStatusCode.Forbidden);
        }
        await HttpAssert.Problem(await (await app.ClientFor("viewer")).GetAsync("/api/admin/settings"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await (await app.ClientFor("town01")).GetAsync("/api/admin/settings/history"), HttpStatusCode.Forbidden);
        foreach (var reader in new[] { "auditor", "county" })
        {
            var c = await app.ClientFor(reader);
            Assert.Equal(2026, Year(await Settings(c), 2026)!.Value.GetProperty("year").GetInt32());
            await HttpAssert.Json(await c.GetAsync("/api/admin/settings/history?key=calendar:2026"));
        }
    }

    [Fact]
    public async Task A_change_is_in_the_audit_log_with_its_reason_and_in_the_history_old_to_new()
    {
        var admin = await app.ClientFor("admin");
        var section = (await Settings(admin)).GetProperty("followUpMonths");
        var first = await HttpAssert.Json(await PutFollowUps(admin, [1, 6], "审计测试：只在半年回访", BasedOn(section)));
        await HttpAssert.Json(await PutFollowUps(admin, [1, 3, 6, 12], "审计测试：恢复", BasedOn(first)));

        var auditor = await app.ClientFor("auditor");
        var log = await HttpAssert.Json(await auditor.GetAsync("/api/audit?entity=SettingVersion&pageSize=50"));
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("changes").ToString().Contains("审计测试：只在半年回访"));
        Assert.Equal("admin", entry.GetProperty("userName").GetString());
        Assert.Equal("Insert", entry.GetProperty("action").GetString());
        Assert.Equal("系统设置", entry.GetProperty("entityName").GetString());
        Assert.Contains("follow-up-intervals", entry.GetProperty("changes").ToString());

        var history = await HttpAssert.Json(await auditor.GetAsync("/api/admin/settings/history?key=follow-up-intervals"));
        var items = history.EnumerateArray().ToList();
        Assert.Equal(["审计测试：恢复", "审计测试：只在半年回访"], items.Take(2).Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal([1, 6], items[0].GetProperty("old").GetProperty("months").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal([1, 3, 6, 12], items[0].GetProperty("new").GetProperty("months").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal("admin", items[0].GetProperty("changedBy").GetString());
        await Invalid(await auditor.GetAsync("/api/admin/settings/history?key=holidays"), "key");
    }

    static async Task<JsonElement> Refused(HttpResponseMessage r, string code)
    {
        var p = await HttpAssert.Problem(r, HttpStatusCode.Conflict);
        Assert.Equal(code, p.GetProperty("code").GetString());
        return p;
    }
}

public sealed class SettingsTests_Sqlite(ClockedSqliteApp app) : SettingsTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SettingsTests_Postgres(ClockedPostgresApp app) : SettingsTests(app), IClassFixture<ClockedPostgresApp>;

/// <summary>A host outside Development with no public base address anywhere: the demo county loaded by the operator's command, nothing
/// configured. (Production itself refuses to start without App:PublicBaseUrl, ADR 0013; a staging host may lack one, and must then still
/// never print its internal host.)</summary>
public abstract class ProductionSettingsApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Staging");
        builder.UseSetting("Database:MigrateOnStart", "true");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(200, accounts: true);
    }
}

public sealed class ProductionSettingsSqliteApp : ProductionSettingsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ProductionSettingsPostgresApp : ProductionSettingsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class ProductionSettingsTests(ProductionSettingsApp app)
{
    [Fact]
    public async Task With_no_public_base_address_QR_codes_are_refused_rather_than_print_an_internal_host_until_the_administrator_sets_one()
    {
        var admin = await app.ClientFor("admin");
        var number = (await HttpAssert.Json(await admin.GetAsync("/api/certificates?pageSize=1"))).GetProperty("items")[0].GetProperty("number").GetString()!;
        var path = $"/verify/{Uri.EscapeDataString(number)}";
        var anonymous = app.CreateClient();
        var section = (await Settings(admin)).GetProperty("publicBaseUrl");
        Assert.True(section.GetProperty("required").GetBoolean());
        Assert.Equal("None", section.GetProperty("usedNow").GetString());

        var refused = await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/certificates/{Uri.EscapeDataString(number)}/qr"), HttpStatusCode.Conflict);
        Assert.Equal("settings.public_base_url_required", refused.GetProperty("code").GetString());
        Assert.Contains("系统设置", refused.GetProperty("detail").GetString());
        var page = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(number, html);
        Assert.DoesNotContain("verify-qr", html);
        Assert.DoesNotContain("localhost", html);

        await HttpAssert.Json(await PutPublicBaseUrl(admin, "https://skills.hefeng.gov.cn", "县政务云对外域名开通", BasedOn(section)));
        var qr = await anonymous.GetAsync($"/api/public/certificates/{Uri.EscapeDataString(number)}/qr");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal(VerifyCertificate.QrPng($"https://skills.hefeng.gov.cn{path}"), await qr.Content.ReadAsByteArrayAsync());
        Assert.Contains($"https://skills.hefeng.gov.cn{path}", await anonymous.GetStringAsync(path));
    }
}

public sealed class ProductionSettingsTests_Sqlite(ProductionSettingsSqliteApp app) : ProductionSettingsTests(app), IClassFixture<ProductionSettingsSqliteApp>;
public sealed class ProductionSettingsTests_Postgres(ProductionSettingsPostgresApp app) : ProductionSettingsTests(app), IClassFixture<ProductionSettingsPostgresApp>;
