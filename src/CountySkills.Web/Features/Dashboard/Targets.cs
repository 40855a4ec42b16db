using CountySkills.Web.Features.Indicators;
using B = CountySkills.Web.Features.Indicators.Breakdown;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>The year's targets on the dashboard: from the issued plan of the year (the county's target, or a township's split), progress
/// as actual ÷ target, and townships ranked by the average progress over the plan's items split to them.</summary>
public static class Targets
{
    /// <summary>This year's target of an indicator for the area: the issued plan's county target, or for a township its split (none for a village).</summary>
    public static decimal? Of(IReadOnlyList<PlanItem> items, string key, string? area)
    {
        if (items.FirstOrDefault(i => i.IndicatorKey == key) is not { } item) return null;
        if (area is null || area.Length <= 6) return item.Target;
        return area.Length == 9 ? item.Splits.FirstOrDefault(s => s.Kind == SplitKind.Township && s.Code == area)?.Target : null;
    }

    public static decimal? Progress(decimal? value, decimal? target) => target is > 0 ? Math.Round(100m * (value ?? 0) / target.Value, 1) : null;

    /// <summary>Townships by the average, over the plan's items split to townships, of actual ÷ their target ("plan"); without such a
    /// plan every township has no progress and they are ranked by new transfers ("newTransfers").</summary>
    public static async Task<(List<GetDashboard.Rank>, string)> RankAsync(AppDbContext db, ResolvedQuery at, Labels labels, IReadOnlyList<PlanItem> items,
        List<string> towns, Dictionary<string, IReadOnlyList<FigureRow>> byTown, CancellationToken ct)
    {
        var ratios = towns.ToDictionary(t => t, _ => new List<decimal>());
        foreach (var item in items.Where(i => i.Splits.Any(s => s.Kind == SplitKind.Township)))
        {
            if (Catalogue.Find(item.IndicatorKey) is not { } ind || !ind.Breakdowns.Contains(B.Township)) continue;
            var rows = byTown.TryGetValue(ind.Key, out var known) ? known : await Figures.ComputeAsync(db, ind, at.Period, at.Area, B.Township, labels, ct);
            foreach (var t in towns)
                if (Progress(rows.FirstOrDefault(x => x.Code == t)?.Value ?? 0, item.Splits.FirstOrDefault(s => s.Kind == SplitKind.Township && s.Code == t)?.Target) is { } p)
                    ratios[t].Add(p);
        }
        var transfers = byTown["labour.new_transfers"];
        var list = towns.Select(t => new GetDashboard.Rank(t, labels.AreaName(t), ratios[t].Count == 0 ? null : Math.Round(ratios[t].Average(), 1), ratios[t].Count,
                transfers.FirstOrDefault(x => x.Code == t)?.Value ?? 0, Of(items, "labour.new_transfers", t)))
            .OrderByDescending(x => x.Progress ?? -1).ThenByDescending(x => x.NewTransfers).ThenBy(x => x.Code).ToList();
        return (list, list.Any(x => x.Progress is not null) ? "plan" : "newTransfers");
    }
}
