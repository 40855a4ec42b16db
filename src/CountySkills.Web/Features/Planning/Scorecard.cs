using System.Globalization;
using CountySkills.Web.Infrastructure.Excel;
using SpreadCheetah;
using SpreadCheetah.Metadata;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace CountySkills.Web.Features.Planning;

/// <summary>
/// The assessment scorecard (考核评分表) of the townships: GET /api/planning/plans/{id}/scorecard.xlsx?asOf=&amp;township=&amp;basis= — one
/// sheet per township (or the one asked for): a merged title row, the columns 指标 单位 目标 完成 完成率 分值 得分 扣分说明 一票否决, and a total row.
/// </summary>
public static class Scorecard
{
    public static readonly string[] Headers = ["指标", "单位", "目标", "完成", "完成率", "分值", "得分", "扣分说明", "一票否决"];

    public sealed record Query
    {
        public DateOnly? AsOf { get; set; }
        public string? Township { get; set; }
        public string? Basis { get; set; }
    }

    public sealed record File(byte[] Bytes, string Name);

    /// <summary>Why an item lost or gained points, in the words of a scorecard.</summary>
    public static string Note(PlanProgress.Row r)
    {
        var text = r.Actual is null ? "无应考核的记录，不扣分"
            : r.Bonus > 0 ? $"超额完成，加 {r.Bonus:0.##} 分"
            : r.Deducted > 0 ? $"差 {r.ShortPercent:0.#}%，扣 {r.Deducted:0.##} 分"
            : "完成目标";
        return r.Vetoed ? text + "；未完成一票否决指标" : text;
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<File>> Handle(long id, Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var names = await Names.LoadAsync(db, ct);
            if (q.Township is { Length: > 0 } t)
            {
                if (!names.Townships.ContainsKey(t)) return Result.Invalid("township", $"“{t}”不是本县的乡镇（街道）", "scorecard.township");
                if (!PlanProgress.Sees(user, t, true)) return new Failure(Outcome.Forbidden, "所选乡镇不在您的权限范围内", null, "area.out_of_scope");
            }
            var r = await PlanProgress.ComputeAsync(db, user, clock, id, q.AsOf, q.Basis, ct);
            if (!r.IsOk) return r.AsFailure();
            var report = r.Value!;
            var townships = report.Rows.Where(x => x.Dimension == PlanProgress.Township && (q.Township is not { Length: > 0 } || x.Code == q.Township))
                .GroupBy(x => x.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            using var ms = new MemoryStream();
            var options = new SpreadCheetahOptions { DocumentProperties = new DocumentProperties { Author = user.DisplayName, Title = $"{report.Year}年度目标任务考核评分表" } };
            await using (var book = await Spreadsheet.CreateNewAsync(ms, options, ct))
            {
                var title = book.AddStyle(new Style { Font = { Bold = true, Size = 14 }, Alignment = { Horizontal = HorizontalAlignment.Center } });
                var bold = book.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xEE, 0xEE, 0xEE) } });
                var used = new HashSet<string>();
                if (townships.Count == 0) await SheetAsync(book, "考核评分", $"{report.Year}年度目标任务考核评分表（没有分解到乡镇的指标）", [], title, bold, ct);
                foreach (var g in townships)
                {
                    var name = SheetName(g.First().Name, used);
                    await SheetAsync(book, name, $"{report.Year}年度目标任务考核评分表——{g.First().Name}（截至 {report.AsOf:yyyy-MM-dd}）", g.ToList(), title, bold, ct);
                }
                await book.FinishAsync(ct);
            }
            var who = q.Township is { Length: > 0 } one ? names.Townships[one] : "各乡镇";
            return new File(ms.ToArray(), $"考核评分表-{report.Year}-{who}-{report.AsOf:yyyyMMdd}.xlsx");
        }

        static async Task SheetAsync(Spreadsheet book, string name, string heading, List<PlanProgress.Row> rows, StyleId title, StyleId bold, CancellationToken ct)
        {
            var options = new WorksheetOptions();
            foreach (var (col, width) in new[] { (1, 28d), (2, 8d), (3, 12d), (4, 12d), (5, 10d), (6, 8d), (7, 8d), (8, 36d), (9, 10d) }) options.Column(col).Width = width;
            await book.StartWorksheetAsync(name, options, ct);
            await book.AddRowAsync([new Cell(SheetText.Safe(heading), title)], ct);
            book.MergeCells("A1:I1");
            await book.AddRowAsync(Headers.Select(h => new Cell(h, bold)).ToArray(), ct);
            foreach (var r in rows)
                await book.AddRowAsync([
                    new Cell(SheetText.Safe(r.IndicatorName)), new Cell(SheetText.Safe(r.Unit)), new Cell(r.Target), new Cell(r.Actual),
                    new Cell(r.Progress is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—"), new Cell(r.Points), new Cell(r.Score),
                    new Cell(SheetText.Safe(Note(r))), new Cell(r.Veto ? (r.Vetoed ? "否决" : "是") : "否"),
                ], ct);
            var vetoed = rows.Where(r => r.Vetoed).Select(r => r.IndicatorName).ToList();
            await book.AddRowAsync([
                new Cell("合计", bold), new Cell("", bold), new Cell("", bold), new Cell("", bold), new Cell("", bold),
                new Cell(rows.Sum(r => r.Points), bold), new Cell(rows.Sum(r => r.Score), bold),
                new Cell(SheetText.Safe(vetoed.Count > 0 ? "一票否决：" + string.Join("、", vetoed) : $"扣 {rows.Sum(r => r.Deducted):0.##} 分，加 {rows.Sum(r => r.Bonus):0.##} 分"), bold),
                new Cell(vetoed.Count > 0 ? "否决" : "否", bold),
            ], ct);
        }

        /// <summary>A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the book.</summary>
        static string SheetName(string name, HashSet<string> used)
        {
            var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
            if (clean.Length > 28) clean = clean[..28];
            var unique = clean;
            for (var n = 2; !used.Add(unique); n++) unique = $"{clean}({n})";
            return unique;
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/planning/plans/{id:long}/scorecard.xlsx", async (long id, [AsParameters] Query q, Handler h, CancellationToken ct) =>
                (await h.Handle(id, q, ct)).ToHttp(f => TypedResults.File(f.Bytes, UploadForm.Xlsx, f.Name)))
            .WithName("GetPlanScorecard").WithTags("Planning").RequirePermission(Perm.PlanningRead)
            .WithSummary("The townships' assessment scorecards as a workbook: one sheet per township, a merged title, the scored items and a total");
}
