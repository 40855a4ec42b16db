namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// The statistical tables the county reports upward, by key: GET /api/reports/{key}?from=&amp;to=&amp;area= (JSON) and
/// GET /api/reports/{key}.xlsx?… (the form as xlsx, merged headers). Keys: training, transfer, brands, subsidies. The period and the
/// area are resolved as the indicators resolve them, so a table's figures are the dashboard's.
/// </summary>
public static class GetReport
{
    public sealed record Definition(string Key, string Title, Func<ReportArea, CancellationToken, Task<StatTable>> Build);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(TrainingTable.Key, TrainingTable.Title, TrainingTable.BuildAsync),
        new(TransferTable.Key, TransferTable.Title, TransferTable.BuildAsync),
        new(BrandsTable.Key, BrandsTable.Title, BrandsTable.BuildAsync),
        new(SubsidiesTable.Key, SubsidiesTable.Title, SubsidiesTable.BuildAsync),
    ];

    /// <summary>A table with the instant its figures were computed and the place they cover.</summary>
    public sealed record Report(StatTable Table, DateTime AsOf, string? Area, string AreaName, DataFreshness Freshness)
    {
        public StatTableJson ToJson() => Table.ToJson() with { Source = Freshness.Source, DataAsOf = Freshness.DataAsOf, LagSeconds = Freshness.LagSeconds };
    }

    public sealed class Handler(IReadDbContextFactory dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Report>> Handle(string key, ReportQuery q, CancellationToken ct)
        {
            if (All.FirstOrDefault(d => d.Key == key) is not { } definition)
                return new Failure(Outcome.NotFound, $"没有统计表“{key}”，可选：{string.Join("、", All.Select(d => d.Key))}", null, "report.not_found");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var fresh = await dbs.FreshnessAsync(db, ct);
            var area = await ReportArea.ResolveAsync(db, user, clock, q, ct);
            if (!area.IsOk) return area.AsFailure();
            var table = await definition.Build(area.Value!, ct);
            return new Report(table, area.Value!.AsOf, area.Value.Area, area.Value.AreaName, fresh);
        }
    }

    /// <summary>The address of a table's file for a query (the page's download link).</summary>
    public static string XlsxUrl(string key, DateOnly? from, DateOnly? to, string? area)
    {
        var query = new[] { ("from", from?.ToString("yyyy-MM-dd")), ("to", to?.ToString("yyyy-MM-dd")), ("area", area) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        return $"/api/reports/{key}.xlsx?" + string.Join("&", query);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports/{key}.xlsx", async (string key, [AsParameters] ReportQuery q, Handler h, CancellationToken ct) =>
                (await h.Handle(key, q, ct)).ToHttp(r => StatTableWorkbook.Result(r.Table, ct)))
            .WithName("GetReportXlsx").WithTags("Reports").RequirePermission(Perm.ReportsRead)
            .WithSummary("A statistical table (training, transfer, brands, subsidies) as the xlsx form: title, 填报单位, period, merged header, totals");
        api.MapGet("/reports/{key}", async (string key, [AsParameters] ReportQuery q, Handler h, CancellationToken ct) =>
                (await h.Handle(key, q, ct)).ToHttp(r => TypedResults.Ok(r.ToJson())))
            .WithName(nameof(GetReport)).WithTags("Reports").RequirePermission(Perm.ReportsRead)
            .WithSummary("A statistical table (training, transfer, brands, subsidies) as JSON: columns, rows and the totals row");
    }
}
