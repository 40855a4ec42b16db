using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>The figures of a work report's period, computed now from the records within the caller's scope: the county's own facts
/// and every indicator's total, by name (the placeholders) and by key.</summary>
public sealed record ReportFigures(ReportPeriod Period, string AreaName, DateTime AsOf, IReadOnlyDictionary<string, string> ByName,
    IReadOnlyDictionary<string, decimal?> ByKey)
{
    /// <param name="only">The indicator keys to compute (the work report asks only for those its texts and tables use); all when null.</param>
    public static async Task<ReportFigures> ComputeAsync(AppDbContext db, CurrentUser user, TimeProvider clock, ReportPeriod period, CancellationToken ct,
        IReadOnlySet<string>? only = null)
    {
        var labels = await Labels.LoadAsync(db, ct);
        var today = clock.Today();
        var to = period.To < today ? period.To : today;
        var area = IndicatorRequest.Area(user, null).Value;
        var regions = db.Regions.AsNoTracking().AsQueryable();
        if (area is not null) regions = regions.Where(r => r.Code.StartsWith(area));
        var county = await regions.Where(r => r.Level == AreaLevel.County).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var areaName = area is { Length: > 6 } ? labels.AreaName(area) : county ?? labels.AreaName(area);
        var byName = new Dictionary<string, string>
        {
            ["县名"] = areaName,
            ["乡镇数"] = (await regions.CountAsync(r => r.Level == AreaLevel.Township, ct)).ToString(),
            ["行政村数"] = (await regions.CountAsync(r => r.Level == AreaLevel.Village, ct)).ToString(),
            ["台账人数"] = (await db.People.VisibleTo(user).CountAsync(p => p.MergedIntoId == null, ct)).ToString(),
            ["期间"] = period.Words,
            ["年度"] = period.LastYear.ToString(),
        };
        var byKey = new Dictionary<string, decimal?>();
        foreach (var ind in Catalogue.All.Where(i => only is null || only.Contains(i.Key)))
        {
            var r = await IndicatorRequest.ResolveAsync(db, user, clock, ind.Key, new IndicatorQuery { From = period.From, To = to }, ct);
            if (!r.IsOk) continue;
            var v = await GetIndicatorValues.ComputeAsync(db, r.Value!, clock, ct, labels);
            byKey[ind.Key] = v.Total.Value;
            byName[ind.Name] = Placeholders.Format(ind, v.Total.Value);
        }
        return new ReportFigures(period, areaName, clock.GetUtcNow().UtcDateTime, byName, byKey);
    }
}
