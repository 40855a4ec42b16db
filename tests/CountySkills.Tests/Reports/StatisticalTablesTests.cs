using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Reports;

/// <summary>
/// The four statistical tables over HTTP: the xlsx form (title, 填报单位, period, merged header, totals that add up), the JSON whose
/// totals are the indicators' figures for the same period and place, the township rows, and the refusals. Besides the demo county a
/// township of its own (419921460, no demo record) holds a hand-built data set, so some cells are known exactly.
/// </summary>
public abstract class StatisticalTablesTests(ClockedApp app) : IAsyncLifetime
{
    const string Town = "419921460", Village = "419921460001", Period = "from=2026-01-01&to=2026-11-30";
    static readonly SemaphoreSlim Once = new(1, 1);
    static readonly HashSet<ClockedApp> Seeded = [];
    static long _brandId;

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try { if (Seeded.Add(app)) await SeedAsync(); }
        finally { Once.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task SeedAsync()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Regions.AddRange(Region.Township(Town, "报表测试镇"), Region.Village(Village, "报表测试村"));
        var now = DateTime.UtcNow;
        Person P(string name, PersonTags tags) =>
            new() { IdNumber = Ids.New(1990), Name = name, BirthDate = new DateOnly(1990, 5, 1), AreaCode = Village, TownshipCode = Town, Tags = tags, CreatedUtc = now };
        // 甲 has two of the form's groups; 丙 only a tag the form has no column for (其他); 丁 none.
        var (a, b, c, d) = (P("表甲", PersonTags.PovertyAlleviated | PersonTags.MigrantWorker), P("表乙", PersonTags.Unemployed),
            P("表丙", PersonTags.ReturnedEntrepreneur), P("表丁", 0));
        db.People.AddRange(a, b, c, d);
        var institution = await db.Institutions.OrderBy(i => i.Id).FirstAsync();
        var occupation = await db.Occupations.OrderBy(o => o.Id).FirstAsync();
        var brand = await db.Brands.OrderBy(x => x.Id).FirstAsync();
        _brandId = brand.Id;
        TrainingClass C(string name, ClassKind kind, bool subsidised, ClassStatus status, DateOnly start, long? brandId = null) => new()
        {
            Name = name, InstitutionId = institution.Id, OccupationId = occupation.Id, Level = SkillLevel.Junior, Kind = kind, Subsidised = subsidised,
            Status = status, StartDate = start, EndDate = start.AddDays(19), Hours = 80, Capacity = 40, CreatedUtc = now, BrandId = brandId,
        };
        var skills = C("报表班A", ClassKind.EmploymentSkills, true, ClassStatus.Completed, new(2026, 3, 1));
        var order = C("报表班B", ClassKind.Order, false, ClassStatus.InProgress, new(2026, 6, 1), brand.Id);
        db.Classes.AddRange(skills, order);
        await db.SaveChangesAsync();
        Enrolment E(TrainingClass k, Person p) => new() { ClassId = k.Id, PersonId = p.Id, Status = EnrolmentStatus.Active, EnrolledUtc = now };
        db.Enrolments.AddRange(E(skills, a), E(skills, b), E(skills, c), E(order, a), E(order, d));
        Certificate Cert(Person p, TrainingClass k, bool revoked = false) => new()
        {
            PersonId = p.Id, Kind = CertificateKind.SkillLevel, OccupationName = occupation.Name, OccupationId = occupation.Id, Level = SkillLevel.Junior,
            Number = "R" + Guid.NewGuid().ToString("N")[..12], Issuer = "测试", IssuedOn = new(2026, 4, 1), Source = CertificateSource.Class, CreatedUtc = now,
            ClassId = k.Id, RevokedUtc = revoked ? now : null,
        };
        db.Certificates.AddRange(Cert(a, skills), Cert(a, skills), Cert(b, skills), Cert(d, order, revoked: true));
        Placement Pl(Person p, DateOnly start, DestinationBand band, long wage, bool organised, long? brandId) => new()
        {
            PersonId = p.Id, AreaCode = Village, EmployerName = "测试单位", Band = band, StartDate = start, MonthlyWageFen = wage, Organised = organised,
            BrandId = brandId, CreatedUtc = now,
        };
        db.Placements.AddRange(Pl(a, new(2026, 5, 1), DestinationBand.OutOfProvince, 600_000, true, brand.Id),
            Pl(b, new(2025, 6, 1), DestinationBand.InCounty, 300_000, false, null),
            Pl(c, new(2026, 7, 1), DestinationBand.OutOfCityInProvince, 0, false, brand.Id));
        db.BrandMembers.AddRange(
            new BrandMember { BrandId = brand.Id, PersonId = a.Id, Code = BrandMember.NewCode(), JoinedOn = new(2026, 2, 1) },
            new BrandMember { BrandId = brand.Id, PersonId = c.Id, Code = BrandMember.NewCode(), JoinedOn = new(2026, 2, 1), RevokedUtc = now, RevokeReason = "退出" });
        await db.SaveChangesAsync();
    }

    static readonly string[] Keys = ["training", "transfer", "brands", "subsidies"];

    async Task<JsonElement> Table(HttpClient client, string key, string query = Period) => await HttpAssert.Json(await client.GetAsync($"/api/reports/{key}?{query}"));

    static decimal Cell(JsonElement row, string key) => row.GetProperty("values").GetProperty(key).GetDecimal();

    static decimal TotalOf(JsonElement table, string key) => table.GetProperty("totals").GetProperty(key).GetDecimal();

    static JsonElement Row(JsonElement table, string label) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("labels")[0].GetString() == label);

    async Task<decimal> Indicator(HttpClient client, string key, string query = Period) =>
        (await HttpAssert.Json(await client.GetAsync($"/api/indicators/{key}/values?{query}"))).GetProperty("total").GetProperty("value").GetDecimal();

    [Theory]
    [InlineData("training", "职业技能培训情况表", new[] { "培训人次", "按人员类别（可多选）" })]
    [InlineData("transfer", "农村劳动力转移就业情况表", new[] { "转移就业人数（期末）" })]
    [InlineData("brands", "劳务品牌情况表", new[] { "就业情况" })]
    [InlineData("subsidies", "补贴资金使用情况表", new[] { "审批情况" })]
    public async Task The_xlsx_is_the_form_title_unit_period_merged_header_and_totals_that_add_up(string key, string title, string[] groups)
    {
        var county = await app.ClientFor("county");
        var response = await county.GetAsync($"/api/reports/{key}.xlsx?{Period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheet = new XlsxSheet(await response.Content.ReadAsByteArrayAsync());
        var json = await Table(county, key);
        Assert.Equal(title, sheet.Text("A1"));
        Assert.Contains(sheet.Merges, m => m.StartsWith("A1:"));
        var head = Enumerable.Range(2, 2).SelectMany(r => "ABCDEFGHIJKL".Select(c => sheet.Text($"{c}{r}"))).ToList();
        Assert.Contains("填报单位：禾丰县人力资源和社会保障局", head);
        Assert.Contains("2026年1月1日至2026年11月30日", head);
        // The header: each group's text over a merged range as wide as its columns.
        var columns = json.GetProperty("columns").EnumerateArray().ToList();
        var labels = json.GetProperty("labelColumns").GetArrayLength();
        var top = sheet.RowOf("A", json.GetProperty("labelColumns")[0].GetString()!);
        foreach (var group in groups)
        {
            var first = columns.FindIndex(c => c.GetProperty("path").EnumerateArray().Any(p => p.GetString() == group));
            var width = columns.Count(c => c.GetProperty("path").EnumerateArray().Any(p => p.GetString() == group));
            var depth = columns[first].GetProperty("path").EnumerateArray().TakeWhile(p => p.GetString() != group).Count();
            var (from, to) = (Col(labels + first), Col(labels + first + width - 1));
            Assert.Equal(group, sheet.Text($"{from}{top + depth}"));
            Assert.Contains($"{from}{top + depth}:{to}{top + depth}", sheet.Merges);
        }
        // The totals row: the sum of the rows that count, for every summed column; as the JSON has it for every column.
        var totals = sheet.RowOf("A", "合计");
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        var firstRow = totals - rows.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            var at = Col(labels + i);
            var k = columns[i].GetProperty("key").GetString()!;
            if (columns[i].GetProperty("summed").GetBoolean())
            {
                var sum = rows.Select((r, n) => (r, n)).Where(x => x.r.GetProperty("inTotal").GetBoolean()).Sum(x => sheet.Number($"{at}{firstRow + x.n}") ?? 0);
                Assert.Equal(sum, sheet.Number($"{at}{totals}") ?? 0);
            }
            var expected = json.GetProperty("totals").GetProperty(k);
            Assert.Equal(expected.ValueKind == JsonValueKind.Null ? null : expected.GetDecimal(), sheet.Number($"{at}{totals}"));
        }
        Assert.Contains(Enumerable.Range(totals + 1, sheet.Rows - totals).SelectMany(r => "ABCDEFGHIJKL".Select(c => sheet.Text($"{c}{r}"))),
            t => t == "填报日期：2026年11月30日");
    }

    static string Col(int index) => CountySkills.Web.Features.Reports.StatTableWorkbook.ColumnName(index);

    [Fact]
    public async Task The_totals_are_the_indicators_figures_for_the_same_period_and_place()
    {
        var county = await app.ClientFor("county");
        var training = await Table(county, "training");
        Assert.Equal(await Indicator(county, "training.person_times"), TotalOf(training, "total"));
        Assert.Equal(await Indicator(county, "training.subsidised"), TotalOf(training, "subsidised"));
        Assert.True(TotalOf(training, "total") > 0);
        var transfer = await Table(county, "transfer");
        Assert.Equal(await Indicator(county, "labour.transferred"), TotalOf(transfer, "total"));
        var bands = (await HttpAssert.Json(await county.GetAsync($"/api/indicators/labour.transferred/values?{Period}&by=band"))).GetProperty("rows")
            .EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("value").GetDecimal());
        foreach (var band in new[] { "county", "province", "outside" }) Assert.Equal(bands.GetValueOrDefault(band), TotalOf(transfer, band));
        Assert.Equal(await Indicator(county, "labour.new_transfers"), TotalOf(transfer, "new"));
        Assert.Equal(await Indicator(county, "labour.organised"), TotalOf(transfer, "organised"));
        Assert.Equal(await Indicator(county, "labour.poverty_alleviated_working"), TotalOf(transfer, "poverty"));
        var subsidies = await Table(county, "subsidies");
        Assert.Equal(await Indicator(county, "subsidies.paid_fen") / 100, TotalOf(subsidies, "paid"));
        Assert.Equal(await Indicator(county, "subsidies.approved_fen") / 100, TotalOf(subsidies, "approved"));
        Assert.Equal(await Indicator(county, "subsidies.person_times"), TotalOf(subsidies, "persons"));
        Assert.True(TotalOf(subsidies, "paid") > 0);
        // Each fund's 小计 is shown, not summed: 合计 is the sum of the other rows.
        var rows = subsidies.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count(r => r.GetProperty("labels")[1].GetString() == "小计" && !r.GetProperty("inTotal").GetBoolean()));
        Assert.Equal(rows.Where(r => r.GetProperty("labels")[1].GetString() == "小计").Sum(r => Cell(r, "persons")), TotalOf(subsidies, "persons"));
        var brands = await Table(county, "brands");
        var output = (await HttpAssert.Json(await county.GetAsync($"/api/indicators/brands.output/values?{Period}&by=brand"))).GetProperty("rows")
            .EnumerateArray().Where(r => r.GetProperty("code").GetString() != "0").Sum(r => r.GetProperty("value").GetDecimal());
        Assert.Equal(output, TotalOf(brands, "output"));
        Assert.Equal(await Indicator(county, "brands.jobs_driven"), TotalOf(brands, "jobs"));
    }

    [Fact]
    public async Task A_township_of_known_records_gives_the_known_figures()
    {
        var county = await app.ClientFor("county");
        var query = $"{Period}&area={Town}";
        var training = await Table(county, "training", query);
        var skills = Row(training, "就业技能培训");
        Assert.Equal((3m, 1m, 1m, 1m, 1m, 3m, 2m), (Cell(skills, "total"), Cell(skills, "poverty"), Cell(skills, "migrant"), Cell(skills, "unemployed"),
            Cell(skills, "other"), Cell(skills, "subsidised"), Cell(skills, "certified")));
        var order = Row(training, "订单式培训");
        Assert.Equal((2m, 1m, 1m, 1m, 0m, 0m), (Cell(order, "total"), Cell(order, "poverty"), Cell(order, "migrant"), Cell(order, "other"), Cell(order, "subsidised"), Cell(order, "certified")));
        Assert.Equal(7, training.GetProperty("rows").GetArrayLength());
        Assert.Equal(5m, TotalOf(training, "total"));
        Assert.Equal(await Indicator(county, "training.person_times", query), TotalOf(training, "total"));
        Assert.Contains(training.GetProperty("footer").EnumerateArray(), l => l.GetString()!.Contains("可多选，分项之和可大于合计"));

        var transfer = await Table(county, "transfer", query);
        var town = Assert.Single(transfer.GetProperty("rows").EnumerateArray());
        Assert.Equal("报表测试镇", town.GetProperty("labels")[0].GetString());
        Assert.Equal((3m, 1m, 1m, 1m, 1m, 2m, 1m), (Cell(town, "total"), Cell(town, "county"), Cell(town, "province"), Cell(town, "outside"),
            Cell(town, "poverty"), Cell(town, "new"), Cell(town, "organised")));

        var brands = await Table(county, "brands", query);
        var brand = brands.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("values").GetProperty("members").GetDecimal() > 0);
        Assert.Equal((1m, 2m, 2m, 2m, 6000m), (Cell(brand, "members"), Cell(brand, "trained"), Cell(brand, "output"), Cell(brand, "outside"), Cell(brand, "wage")));
        Assert.Equal(6000m, TotalOf(brands, "wage"));
        Assert.False(brands.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "wage").GetProperty("summed").GetBoolean());
        Assert.True(_brandId > 0);
    }

    [Fact]
    public async Task Transfer_has_a_row_for_every_township_and_only_the_one_asked_for()
    {
        var county = await app.ClientFor("county");
        var townships = (await HttpAssert.Json(await county.GetAsync("/api/regions/townships"))).GetArrayLength();
        var all = await Table(county, "transfer");
        Assert.Equal(townships, all.GetProperty("rows").GetArrayLength());
        var one = await Table(county, "transfer", $"{Period}&area=419921101");
        var row = Assert.Single(one.GetProperty("rows").EnumerateArray());
        Assert.Equal("青石镇", row.GetProperty("labels")[0].GetString());
        Assert.Equal(await Indicator(county, "labour.transferred", $"{Period}&area=419921101"), TotalOf(one, "total"));
        Assert.Contains(one.GetProperty("footer").EnumerateArray(), l => l.GetString() == "统计范围：青石镇。");
    }

    [Fact]
    public async Task Defaults_are_this_year_to_today_in_the_callers_scope()
    {
        var viewer = await app.ClientFor("viewer");
        foreach (var key in Keys)
        {
            var t = await Table(viewer, key, "");
            Assert.Equal("2026年1月1日至2026年11月30日", t.GetProperty("period").GetString());
            Assert.Equal("2026-11-30", t.GetProperty("filledOn").GetString());
            Assert.Equal("禾丰县人力资源和社会保障局", t.GetProperty("unit").GetString());
        }
    }

    [Fact]
    public async Task Refuses_unknown_tables_reversed_periods_bad_areas_and_roles_without_reports()
    {
        var county = await app.ClientFor("county");
        foreach (var path in new[] { "/api/reports/nope", "/api/reports/nope.xlsx" })
            Assert.Equal("report.not_found", (await HttpAssert.Problem(await county.GetAsync(path), HttpStatusCode.NotFound)).GetProperty("code").GetString());
        foreach (var path in new[] { "/api/reports/training?from=2026-06-01&to=2026-05-01", "/api/reports/transfer.xlsx?from=2026-06-01&to=2026-05-01" })
            Assert.Equal("period.invalid", (await HttpAssert.Problem(await county.GetAsync(path), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Equal("area.invalid", (await HttpAssert.Problem(await county.GetAsync("/api/reports/brands?area=41x"), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var town = await app.ClientFor("town01");
        foreach (var key in Keys)
        {
            await HttpAssert.Problem(await town.GetAsync($"/api/reports/{key}"), HttpStatusCode.Forbidden);
            await HttpAssert.Problem(await town.GetAsync($"/api/reports/{key}.xlsx"), HttpStatusCode.Forbidden);
        }
    }
}

public sealed class StatisticalTablesTests_Sqlite(ClockedSqliteApp app) : StatisticalTablesTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class StatisticalTablesTests_Postgres(ClockedPostgresApp app) : StatisticalTablesTests(app), IClassFixture<ClockedPostgresApp>;

public class ReportNotesTests
{
    [Fact]
    public void Notes_wrap_within_the_tables_width_and_no_line_begins_with_a_closing_mark()
    {
        const string note = "说明：1. 转移就业人数为期末当天在岗的人数（存量），一人有多条在岗记录时取最近上岗的一条，按其务工地分县内、县外省内、省外（含境外）。";
        var lines = CountySkills.Web.Features.Reports.Tables.ReportArea.Wrap(note, 40).ToList();
        Assert.True(lines.Count >= 3);
        Assert.All(lines, l => Assert.True(CountySkills.Web.Features.Reports.StatTableWorkbook.TextWidth(l) <= 42, l));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("　　", l));
        Assert.All(lines, l => Assert.DoesNotContain(l.TrimStart('　')[0], "，；、。）："));
        Assert.Equal(note, string.Concat(lines.Select(l => l.TrimStart('　'))));
        Assert.Equal([note[..10]], CountySkills.Web.Features.Reports.Tables.ReportArea.Wrap(note[..10], 100));
    }
}
