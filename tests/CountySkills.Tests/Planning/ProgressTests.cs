using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static CountySkills.Tests.Planning.PlanningKit;

namespace CountySkills.Tests.Planning;

/// <summary>
/// A plan's progress computed from records of a past year the demo never reaches (2015, 2016): actual, expected by the day (pro rata, by quarter,
/// a rate not at all), each status and light, each scoring band, veto and bonus, ranks and the ranking, a township officer's own rows, and the
/// townships' scorecard workbook.
/// </summary>
public abstract class ProgressTests(ClockedApp app) : IAsyncLifetime
{
    const string Businesses = "entrepreneurship.businesses", NewJobs = "employment.urban_new_jobs";
    static readonly SemaphoreSlim Once = new(1, 1);
    static readonly Dictionary<AppFactory, (long A, long B)> Plans = [];

    /// <summary>2015: four townships ahead, on track, behind and far behind by 1 July, a quarter-split reported indicator and a rate.
    /// 2016: six townships at the year's end, one per scoring band, veto and bonus.</summary>
    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (Plans.ContainsKey(app)) return;
            var county = await app.ClientFor("county");
            var day = new DateOnly(2015, 3, 10);
            foreach (var (town, n) in new[] { (Qingshi, 6), (Liuhe, 10), (Baima, 9), (Jinqiao, 7) }) await PlanningKit.Businesses(app, town, day, n);
            for (var m = 1; m <= 6; m++)
                await HttpAssert.Json(await county.PostAsJsonAsync("/api/planning/reported-values",
                    new { indicatorKey = NewJobs, year = 2015, month = m, areaCode = "419921", value = 100, note = "测试" }), HttpStatusCode.Created);
            var a = await Create(county, Plan(2015,
                Item(Businesses, 70, [Split("township", Qingshi, 10), Split("township", Liuhe, 20), Split("township", Baima, 20), Split("township", Jinqiao, 20),
                    Split("department", "hrss", 70)]),
                Item(NewJobs, 1200, [Split("quarter", "1", 300), Split("quarter", "2", 300), Split("quarter", "3", 400), Split("quarter", "4", 200)]),
                Item("certificates.rate", 60)));
            await HttpAssert.Json(await TryIssue(county, IdOf(a)));

            var end = new DateOnly(2016, 6, 1);
            foreach (var (town, n) in new[] { (Qingshi, 40), (Liuhe, 38), (Baima, 36), (Jinqiao, 35), (Shuangmiao, 14), (Gaotai, 21) }) await PlanningKit.Businesses(app, town, end, n);
            var b = await Create(county, Plan(2016, Item(Businesses, 190,
                [Split("township", Qingshi, 40), Split("township", Liuhe, 40), Split("township", Baima, 40), Split("township", Jinqiao, 40),
                 Split("township", Shuangmiao, 10), Split("township", Gaotai, 20)], bonus: true, maxBonus: 0.5m, veto: true)));
            Plans[app] = (IdOf(a), IdOf(b));
        }
        finally { Once.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static async Task<JsonElement> Progress(HttpClient c, long plan, string query) => await HttpAssert.Json(await c.GetAsync($"/api/planning/plans/{plan}/progress?{query}"));

    [Fact]
    public async Task Progress_on_1_July_compares_each_townships_actual_with_its_pro_rata_expected_and_scores_it_against_the_years_target()
    {
        var county = await app.ClientFor("county");
        var p = await Progress(county, Plans[app].A, "asOf=2015-07-01");
        Assert.Equal(("2015-07-01", 2015), (Str(p, "asOf"), p.GetProperty("year").GetInt32()));
        Assert.Equal(182m / 365, Dec(p, "elapsedShare"), 6);
        Assert.Equal("target", Str(p, "basis"));

        // target, actual, expected, progress, status, light, score, rank
        var expect = new[]
        {
            (Qingshi, 10m, 6m, 4.99m, 60.0m, "ahead", "green", 0m, 1),
            (Liuhe, 20m, 10m, 9.97m, 50.0m, "on_track", "green", 0m, 2),
            (Baima, 20m, 9m, 9.97m, 45.0m, "behind", "yellow", 0m, 3),
            (Jinqiao, 20m, 7m, 9.97m, 35.0m, "far_behind", "red", 0m, 4),
        };
        foreach (var (town, target, actual, expected, progress, status, light, score, rank) in expect)
        {
            var r = Row(p, Businesses, "township", town);
            Assert.Equal((target, actual, expected, progress), (Dec(r, "target"), Dec(r, "actual"), Dec(r, "expected"), Dec(r, "progress")));
            Assert.Equal((status, light, score, 5m, false, rank), (Str(r, "status"), Str(r, "light"), Dec(r, "score"), Dec(r, "points"), r.GetProperty("vetoed").GetBoolean(), r.GetProperty("rank").GetInt32()));
            Assert.Equal("新增创业经营主体", Str(r, "indicatorName"));
            Assert.Equal("户", Str(r, "unit"));
        }
        Assert.Equal("青石镇", Str(Row(p, Businesses, "township", Qingshi), "name"));
        var total = Row(p, Businesses, "county");
        Assert.Equal((70m, 32m, 34.90m, "behind"), (Dec(total, "target"), Dec(total, "actual"), Dec(total, "expected"), Str(total, "status")));
        Assert.Equal(JsonValueKind.Null, total.GetProperty("rank").ValueKind);
        // The department split: the indicator has no department of its own, so all of it counts for the lead department.
        var hrss = Row(p, Businesses, "department");
        Assert.Equal((70m, 32m, (await DepartmentId(county, "hrss")).ToString()), (Dec(hrss, "target"), Dec(hrss, "actual"), Str(hrss, "code")));

        // By quarter: Q1 and Q2 in full, 1 of Q3's 92 days; the reported values of January to June.
        var jobs = Row(p, NewJobs, "county");
        Assert.Equal((600m, 604.35m, 50.0m, "on_track"), (Dec(jobs, "actual"), Dec(jobs, "expected"), Dec(jobs, "progress"), Str(jobs, "status")));
        // A rate is a level to hold: what is expected by any day is the target itself.
        var rate = Row(p, "certificates.rate", "county");
        Assert.Equal((60m, 60m), (Dec(rate, "target"), Dec(rate, "expected")));

        // Scored against what was expected by the day instead: ahead and on track are met, 9 of 9.97 is short by 9.8 %, 7 by 29.8 %.
        var byDay = await Progress(county, Plans[app].A, "asOf=2015-07-01&basis=expected");
        Assert.Equal("expected", Str(byDay, "basis"));
        Assert.Equal([5m, 5m, 1m, 0m], new[] { Qingshi, Liuhe, Baima, Jinqiao }.Select(t => Dec(Row(byDay, Businesses, "township", t), "score")));
        Assert.Equal(9.8m, Dec(Row(byDay, Businesses, "township", Baima), "shortPercent"));
        await Refused(await county.GetAsync($"/api/planning/plans/{Plans[app].A}/progress?basis=nonsense"), HttpStatusCode.BadRequest, "progress.basis", "basis");

        // A day outside the plan's year is taken as the nearest day of it; without a day, today (here after 2015, so 31 December).
        Assert.Equal("2015-12-31", Str(await Progress(county, Plans[app].A, "asOf=2019-05-05"), "asOf"));
        Assert.Equal("2015-01-01", Str(await Progress(county, Plans[app].A, "asOf=2010-05-05"), "asOf"));
        var yearEnd = await Progress(county, Plans[app].A, "");
        Assert.Equal(("2015-12-31", 1m), (Str(yearEnd, "asOf"), Dec(yearEnd, "elapsedShare")));
        Assert.Equal(20m, Dec(Row(yearEnd, Businesses, "township", Liuhe), "expected"));
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/planning/plans/987654/progress")).StatusCode);
    }

    [Fact]
    public async Task At_the_years_end_each_shortfall_band_veto_and_bonus_scores_as_the_rule_says_and_the_ranking_puts_the_vetoed_last()
    {
        var county = await app.ClientFor("county");
        var p = await Progress(county, Plans[app].B, "asOf=2016-12-31");
        // actual / target → score, vetoed
        var expect = new[]
        {
            (Qingshi, 40m, 5m, false, 0m, 0m),        // met
            (Liuhe, 38m, 3m, true, 2m, 0m),           // short exactly 5 %: −2
            (Baima, 36m, 1m, true, 4m, 0m),           // short exactly 10 %: −4
            (Jinqiao, 35m, 0m, true, 5m, 0m),         // short 12.5 %: −6, not below zero
            (Shuangmiao, 14m, 5.5m, false, 0m, 0.5m), // 40 % over: 5 × 40 % = 2, capped at 0.5
            (Gaotai, 21m, 5.25m, false, 0m, 0.25m),   // 5 % over: 5 × 5 % = 0.25
        };
        foreach (var (town, actual, score, vetoed, deducted, bonus) in expect)
        {
            var r = Row(p, Businesses, "township", town);
            Assert.Equal((actual, score, vetoed, deducted, bonus), (Dec(r, "actual"), Dec(r, "score"), r.GetProperty("vetoed").GetBoolean(), Dec(r, "deducted"), Dec(r, "bonus")));
            Assert.True(r.GetProperty("veto").GetBoolean());
        }
        Assert.True(Row(p, Businesses, "county").GetProperty("vetoed").GetBoolean()); // 184 of 190

        var ranking = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{Plans[app].B}/ranking?asOf=2016-12-31&dimension=township"));
        Assert.Equal("township", Str(ranking, "dimension"));
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([Shuangmiao, Gaotai, Qingshi, Liuhe, Baima, Jinqiao], rows.Select(r => Str(r, "code")));
        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal([5.5m, 5.25m, 5m, 3m, 1m, 0m], rows.Select(r => Dec(r, "score")));
        Assert.Equal([false, false, false, true, true, true], rows.Select(r => r.GetProperty("vetoed").GetBoolean()));
        Assert.Equal("双庙镇", Str(rows[0], "name"));

        // Plan A by 1 July: one item split over townships, so the ranking follows that item's scores; equal scores share a rank.
        var a = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{Plans[app].A}/ranking?asOf=2015-07-01&basis=expected"));
        Assert.Equal([1, 1, 3, 4], a.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
        var byDepartment = await HttpAssert.Json(await county.GetAsync($"/api/planning/plans/{Plans[app].A}/ranking?asOf=2015-07-01&dimension=department"));
        Assert.Equal("县人力资源和社会保障局", Str(Assert.Single(byDepartment.GetProperty("rows").EnumerateArray()), "name"));
        await Refused(await county.GetAsync($"/api/planning/plans/{Plans[app].A}/ranking?dimension=village"), HttpStatusCode.BadRequest, "ranking.dimension", "dimension");
    }

    [Fact]
    public async Task A_township_officer_gets_only_their_own_townships_rows_with_its_rank_among_all()
    {
        var town = await app.ClientFor("town01");
        var p = await Progress(town, Plans[app].A, "asOf=2015-07-01");
        var rows = p.GetProperty("rows").EnumerateArray().ToList();
        var only = Assert.Single(rows);
        Assert.Equal(("township", Qingshi, 1), (Str(only, "dimension"), Str(only, "code"), only.GetProperty("rank").GetInt32()));
        var b = await Progress(town, Plans[app].B, "asOf=2016-12-31");
        Assert.All(b.GetProperty("rows").EnumerateArray(), r => Assert.Equal(Qingshi, Str(r, "code")));

        var ranking = await HttpAssert.Json(await town.GetAsync($"/api/planning/plans/{Plans[app].B}/ranking?asOf=2016-12-31"));
        var mine = Assert.Single(ranking.GetProperty("rows").EnumerateArray());
        Assert.Equal((Qingshi, 3), (Str(mine, "code"), mine.GetProperty("rank").GetInt32()));
        Assert.Empty((await HttpAssert.Json(await town.GetAsync($"/api/planning/plans/{Plans[app].A}/ranking?asOf=2015-07-01&dimension=department"))).GetProperty("rows").EnumerateArray());

        // The scorecard of another township is not theirs to take; their own is.
        var other = await town.GetAsync($"/api/planning/plans/{Plans[app].B}/scorecard.xlsx?asOf=2016-12-31&township={Liuhe}");
        await HttpAssert.Problem(other, HttpStatusCode.Forbidden);
        var own = await town.GetAsync($"/api/planning/plans/{Plans[app].B}/scorecard.xlsx?asOf=2016-12-31");
        using var book = SpreadsheetDocument.Open(new MemoryStream(await own.Content.ReadAsByteArrayAsync()), false);
        Assert.Equal(["青石镇"], book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));

        var viewer = await app.ClientFor("viewer");
        Assert.Equal(6, (await Progress(viewer, Plans[app].B, "asOf=2016-12-31")).GetProperty("rows").EnumerateArray().Count(r => Str(r, "dimension") == "township"));
    }

    [Fact]
    public async Task The_scorecard_workbook_has_a_sheet_per_township_with_a_merged_title_the_columns_and_a_total()
    {
        var county = await app.ClientFor("county");
        var r = await county.GetAsync($"/api/planning/plans/{Plans[app].B}/scorecard.xlsx?asOf=2016-12-31");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var wb = book.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["青石镇", "柳河镇", "白马镇", "金桥镇", "双庙镇", "高台镇"], sheets.Select(s => s.Name!.Value!));

        var jinqiao = (WorksheetPart)wb.GetPartById(sheets[3].Id!);
        var rows = Rows(wb, jinqiao);
        Assert.Contains("金桥镇", rows[0][0]);
        Assert.Contains("2016-12-31", rows[0][0]);
        Assert.Equal("A1:I1", Assert.Single(jinqiao.Worksheet.Descendants<MergeCell>()).Reference!.Value);
        Assert.Equal(["指标", "单位", "目标", "完成", "完成率", "分值", "得分", "扣分说明", "一票否决"], rows[1]);
        Assert.Equal(["新增创业经营主体", "户", "40", "35", "87.5%", "5", "0"], rows[2].Take(7));
        Assert.Contains("扣 5 分", rows[2][7]);
        Assert.Equal("否决", rows[2][8]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["合计", "", "", "", "", "5", "0"], rows[3].Take(7));
        Assert.Contains("一票否决", rows[3][7]);

        var shuangmiao = Rows(wb, (WorksheetPart)wb.GetPartById(sheets[4].Id!));
        Assert.Equal(["合计", "", "", "", "", "5", "5.5"], shuangmiao[^1].Take(7));
        Assert.Contains("加 0.5 分", shuangmiao[2][7]);

        // One township only.
        var one = await county.GetAsync($"/api/planning/plans/{Plans[app].B}/scorecard.xlsx?asOf=2016-12-31&township={Gaotai}");
        using var single = SpreadsheetDocument.Open(new MemoryStream(await one.Content.ReadAsByteArrayAsync()), false);
        Assert.Equal(["高台镇"], single.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        await Refused(await county.GetAsync($"/api/planning/plans/{Plans[app].B}/scorecard.xlsx?township=419921999"), HttpStatusCode.BadRequest, "scorecard.township", "township");
    }

    /// <summary>The cell texts of a sheet, row by row (inline strings, shared strings and numbers alike).</summary>
    static List<List<string>> Rows(WorkbookPart wb, WorksheetPart sheet)
    {
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return sheet.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.CellValue?.Text ?? "").ToList()).ToList();
    }
}

public sealed class ProgressTests_Sqlite(ClockedSqliteApp app) : ProgressTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class ProgressTests_Postgres(ClockedPostgresApp app) : ProgressTests(app), IClassFixture<ClockedPostgresApp>;
