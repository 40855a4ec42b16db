using CountySkills.Web.Infrastructure.Word;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>
/// The county work report (工作汇报) as a Word file: GET /api/reports/work-report.docx?year=2026 (or ?period=2021-2025), typeset to
/// GB/T 9704 by <see cref="WorkReportDocument"/> from the period's figures (computed once, <see cref="ReportFigures"/>) and the saved
/// narratives. It carries no personal data (names masked, free text masked), so it is not audited.
/// </summary>
public static class DownloadWorkReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public sealed record Report(WorkReportContent Content, GovDocumentInfo Info, string FileName, string AsciiFileName);

    /// <summary>The figures may come from a replica (<paramref name="reads"/>); the narratives from the primary.</summary>
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IReadDbContextFactory reads, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Report>> Handle(string? year, string? period, CancellationToken ct)
        {
            if (ReportPeriod.Parse(period ?? year ?? clock.Today().Year.ToString()) is not { } p)
                return Result.Invalid(period is null ? "year" : "period", "期间应为年份（如 2026）或起止年份（如 2021-2025，不超过 10 年）", "period.invalid");
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var rdb = await reads.CreateDbContextAsync(ct);
            var content = await WorkReportContent.LoadAsync(rdb, user, clock, p, ct, narrativesDb: db);
            var title = WorkReportDocument.Title(content.Figures, lineBreak: false);
            var info = new GovDocumentInfo(title, user.DisplayName, clock.GetUtcNow(), "工作汇报");
            return new Report(content, info, $"工作汇报-{p.Key}.docx", $"work-report-{p.Key}.docx");
        }
    }

    /// <summary>attachment; filename="work-report-2026.docx"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%B1%87%E6%8A%A5-2026.docx (RFC 6266 / 5987).</summary>
    public static string Disposition(string fileName, string ascii) =>
        $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    /// <summary>Writes the document straight to the response (built in memory first, so a failure is still a 500, not half a file).</summary>
    sealed class Docx(Report file) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = ContentType;
            http.Response.Headers.ContentDisposition = Disposition(file.FileName, file.AsciiFileName);
            http.Response.Headers.CacheControl = "no-store";
            await WorkReportDocument.WriteAsync(http.Response.Body, file.Content, file.Info, http.RequestAborted);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/reports/work-report.docx", async (string? year, string? period, Handler h, CancellationToken ct) =>
            {
                var r = await h.Handle(year, period, ct);
                return r.IsOk ? new Docx(r.Value!) : r.ToHttp();
            })
            .WithName(nameof(DownloadWorkReport)).WithTags("Reports").RequirePermission(Perm.ReportsRead)
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .WithSummary("The county work report of a year or a span of years as a Word file (GB/T 9704), from the period's figures and narratives");
}
