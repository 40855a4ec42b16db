namespace CountySkills.Web.Features.Indicators;

/// <summary>An indicator's figures, computed from the records now: GET /api/indicators/{key}/values?from=&amp;to=&amp;area=&amp;by=.</summary>
public static class GetIndicatorValues
{
    public sealed record Values(string Key, string Name, string Unit, string Kind, string Source, DateTime AsOf, DateOnly From, DateOnly To, string? Area, string AreaName,
        string? By, FigureRow Total, IReadOnlyList<FigureRow> Rows)
    {
        [System.Text.Json.Serialization.JsonIgnore] public DataFreshness? Freshness { get; init; }
        public string DataSource => Freshness?.Source ?? DataFreshness.Primary;
        public DateTime DataAsOf => Freshness?.DataAsOf ?? AsOf;
        public double LagSeconds => Freshness?.LagSeconds ?? 0;
    }

    public sealed class Handler(IReadDbContextFactory dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Values>> Handle(string key, IndicatorQuery q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var fresh = await dbs.FreshnessAsync(db, ct);
            var r = await IndicatorRequest.ResolveAsync(db, user, clock, key, q, ct);
            if (!r.IsOk) return r.AsFailure();
            return await ComputeAsync(db, r.Value!, clock, ct) with { Freshness = fresh };
        }
    }

    /// <summary>The figures of a resolved query (used by the dashboard, the plans' progress, the tables and the report too).</summary>
    public static async Task<Values> ComputeAsync(AppDbContext db, ResolvedQuery r, TimeProvider clock, CancellationToken ct, Labels? labels = null)
    {
        labels ??= await Labels.LoadAsync(db, ct);
        var asOf = clock.GetUtcNow().UtcDateTime;
        var total = (await Figures.ComputeAsync(db, r.Indicator, r.Period, r.Area, null, labels, ct)).FirstOrDefault()
                    ?? new FigureRow("合计", Figures.TotalCode, r.Indicator.Aggregate == Aggregate.Ratio ? null : 0);
        var rows = r.By is { } by ? await Figures.ComputeAsync(db, r.Indicator, r.Period, r.Area, by, labels, ct) : [total];
        var i = r.Indicator;
        return new Values(i.Key, i.Name, i.Unit, IndicatorRequest.KindName(i.Kind), i.Source, asOf, r.Period.From, r.Period.To, r.Area, labels.AreaName(r.Area),
            r.By is { } b ? IndicatorRequest.Name(b) : null, total, rows);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/indicators/{key}/values", async (string key, [AsParameters] IndicatorQuery q, Handler h, CancellationToken ct) => (await h.Handle(key, q, ct)).ToHttp())
            .WithName(nameof(GetIndicatorValues)).WithTags("Indicators").RequirePermission(Perm.IndicatorsRead)
            .WithSummary("An indicator's figures for a period, an area (within the caller's scope) and a breakdown, computed from the records now");
}
