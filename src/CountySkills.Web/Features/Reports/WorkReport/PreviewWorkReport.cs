namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>The work report as it would print, in JSON: GET /api/reports/work-report?year=2026 (or ?period=2021-2025): each section's
/// text with its placeholders filled from the period's figures, the placeholders not known, and the figures themselves.</summary>
public static class PreviewWorkReport
{
    public sealed record Section(string Key, string Chapter, string Title, string Text, bool Saved, IReadOnlyList<string> Unknown);

    public sealed record Preview(string Period, string Words, string AreaName, DateTime AsOf, IReadOnlyList<Section> Sections,
        IReadOnlyDictionary<string, string> Figures, IReadOnlyDictionary<string, decimal?> Values)
    {
        [System.Text.Json.Serialization.JsonIgnore] public DataFreshness? Freshness { get; init; }
        public string Source => Freshness?.Source ?? DataFreshness.Primary;
        public DateTime DataAsOf => Freshness?.DataAsOf ?? AsOf;
        public double LagSeconds => Freshness?.LagSeconds ?? 0;
    }

    /// <summary>The figures may come from a replica (<paramref name="reads"/>); the narratives, which the user may just have saved, from the primary.</summary>
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IReadDbContextFactory reads, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Preview>> Handle(string? year, string? period, CancellationToken ct)
        {
            if (ReportPeriod.Parse(period ?? year ?? clock.Today().Year.ToString()) is not { } p)
                return Result.Invalid(period is null ? "year" : "period", "期间应为年份（如 2026）或起止年份（如 2021-2025，不超过 10 年）", "period.invalid");
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var rdb = await reads.CreateDbContextAsync(ct);
            var fresh = await reads.FreshnessAsync(rdb, ct);
            var figures = await ReportFigures.ComputeAsync(rdb, user, clock, p, ct);
            var sections = (await ListNarratives.LoadAsync(db, p, ct)).Select(n =>
            {
                var filled = Placeholders.Fill(n.Text, figures.ByName);
                return new Section(n.Section, n.Chapter, n.Title, filled.Text, n.Saved, filled.Unknown);
            }).ToList();
            return new Preview(p.Key, p.Words, figures.AreaName, figures.AsOf, sections, figures.ByName, figures.ByKey) { Freshness = fresh };
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/reports/work-report", async (string? year, string? period, Handler h, CancellationToken ct) => (await h.Handle(year, period, ct)).ToHttp())
            .WithName(nameof(PreviewWorkReport)).WithTags("Reports").WithSummary("The work report's sections with the period's figures filled in (JSON preview)");
}
