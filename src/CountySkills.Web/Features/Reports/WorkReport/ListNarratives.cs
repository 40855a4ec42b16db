namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>The narrative sections of a period's work report: GET /api/reports/narratives?period=2026 (or 2021-2025): every section,
/// the saved text or the default one a new period starts from.</summary>
public static class ListNarratives
{
    public sealed record Item(string Section, string Chapter, string Title, string TitleEn, string Text, bool Saved, Guid? Version, string? UpdatedBy, DateTime? UpdatedUtc);

    public static async Task<IReadOnlyList<Item>> LoadAsync(AppDbContext db, ReportPeriod period, CancellationToken ct)
    {
        var saved = await db.ReportNarratives.AsNoTracking().Where(n => n.Period == period.Key).ToDictionaryAsync(n => n.Section, ct);
        return Sections.All.Select(s => saved.TryGetValue(s.Key, out var n)
            ? new Item(s.Key, s.Chapter, s.Title, s.TitleEn, n.Text, true, n.Version, n.UpdatedBy, n.UpdatedUtc)
            : new Item(s.Key, s.Chapter, s.Title, s.TitleEn, s.Default, false, null, null, null)).ToList();
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Result<IReadOnlyList<Item>>> Handle(string? period, CancellationToken ct)
        {
            if (ReportPeriod.Parse(period) is not { } p) return Result.Invalid("period", "期间应为年份（如 2026）或起止年份（如 2021-2025，不超过 10 年）", "period.invalid");
            await using var db = await dbs.CreateDbContextAsync(ct);
            return Result<IReadOnlyList<Item>>.Of(await LoadAsync(db, p, ct));
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/reports/narratives", async (string? period, Handler h, CancellationToken ct) => (await h.Handle(period, ct)).ToHttp())
            .WithName(nameof(ListNarratives)).WithTags("Reports").WithSummary("The work report's narrative sections of a period (saved text, or the default)");
}
