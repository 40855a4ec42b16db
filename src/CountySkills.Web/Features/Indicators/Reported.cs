namespace CountySkills.Web.Features.Indicators;

/// <summary>Figures of reported indicators (城镇新增就业, 劳务收入 …) from the monthly values departments enter.
/// A month's value for a place is the value entered for that place itself, else the sum of the values entered for the places inside it.</summary>
public static class Reported
{
    public static async Task<IReadOnlyList<FigureRow>> ComputeAsync(AppDbContext db, Indicator ind, Period p, string? area, Breakdown? by, Labels labels, CancellationToken ct)
    {
        var (lo, hi) = (p.From.Year * 100 + p.From.Month, p.To.Year * 100 + p.To.Month);
        var q = db.ReportedValues.AsNoTracking().Where(v => v.IndicatorKey == ind.Key && v.Year * 100 + v.Month >= lo && v.Year * 100 + v.Month <= hi);
        if (!string.IsNullOrEmpty(area)) q = q.Where(Scope.AreaPrefix<ReportedValue>(area));
        var values = await q.ToListAsync(ct);
        // Per month: the entries of the widest place present (a county value stands for the county; township values are its parts
        // only when no county value was entered that month).
        var used = values.GroupBy(v => (v.Year, v.Month)).SelectMany(m => m.Where(v => v.AreaCode.Length == m.Min(x => x.AreaCode.Length))).ToList();
        var lead = labels.LeadDepartmentId(ind);
        var groups = by switch
        {
            null => used.GroupBy(_ => Figures.TotalCode),
            Breakdown.Township => used.GroupBy(v => v.AreaCode.Length >= 9 ? v.AreaCode[..9] : v.AreaCode),
            Breakdown.Month => used.GroupBy(v => $"{v.Year:D4}-{v.Month:D2}"),
            Breakdown.Department => used.GroupBy(v => (v.DepartmentId ?? lead).ToString()),
            _ => used.GroupBy(_ => Figures.TotalCode),
        };
        var rows = groups.Select(g => new FigureRow(by is null ? "合计" : labels.Of(by.Value, g.Key, ind), g.Key, g.Sum(v => v.Value))).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        return by is null && rows.Count == 0 ? [new FigureRow("合计", Figures.TotalCode, 0)] : rows;
    }
}
