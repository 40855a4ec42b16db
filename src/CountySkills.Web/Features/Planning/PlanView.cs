using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Planning;

/// <summary>A plan as every caller reads it: each item with its indicator's names and unit, its splits with names, and how far each
/// kind of split is from the target (0 when it adds up, null when the item has no split of that kind or its indicator does not add up).</summary>
public static class PlanView
{
    public sealed record Differences(decimal? Township, decimal? Department, decimal? Quarter);

    public sealed record Split(string Kind, string KindName, string Code, string Name, decimal Target, long? DepartmentId);

    public sealed record Item(string IndicatorKey, string IndicatorName, string IndicatorNameEn, string Unit, string IndicatorKind, bool Reported, bool Additive,
        decimal Target, decimal Points, IReadOnlyList<DeductionBand> Bands, bool BonusForExceeding, decimal MaxBonus, bool Veto,
        IReadOnlyList<Split> Splits, Differences Differences);

    public sealed record View(long Id, int Year, string Title, PlanStatus Status, string StatusName, int Revision, DateTime CreatedUtc, string CreatedBy,
        DateTime? IssuedUtc, string? IssuedBy, bool AddsUp, IReadOnlyList<Item> Items, int Revisions, Guid Version);

    public sealed record Revision(int Number, string Title, string Reason, string By, DateTime AtUtc, IReadOnlyList<Item> Items);

    /// <summary>Whether an indicator's parts add up to its whole: counts, people, stocks and sums do; rates and medians do not.</summary>
    public static bool Additive(string key) => Catalogue.Find(key)?.Kind is not (IndicatorKind.Rate or IndicatorKind.Median);

    public static string KindCode(SplitKind k) => k.ToString().ToLowerInvariant();

    public static View Of(Plan p, Names names, int revisions) =>
        new(p.Id, p.Year, p.Title, p.Status, Words.Of(p.Status), p.Revision, p.CreatedUtc, p.CreatedBy, p.IssuedUtc, p.IssuedBy,
            p.Items.All(i => !Additive(i.IndicatorKey) || Enum.GetValues<SplitKind>().All(k => i.Difference(k) is null or 0)),
            Items(p.Items, names), revisions, p.Version);

    public static IReadOnlyList<Item> Items(IReadOnlyList<PlanItem> items, Names names) => items.Select(i =>
    {
        var ind = Catalogue.Find(i.IndicatorKey);
        var additive = Additive(i.IndicatorKey);
        decimal? Diff(SplitKind k) => additive ? i.Difference(k) : null;
        return new Item(i.IndicatorKey, ind?.Name ?? i.IndicatorKey, ind?.NameEn ?? i.IndicatorKey, ind?.Unit ?? "", ind is null ? "" : IndicatorRequest.KindName(ind.Kind),
            ind?.Reported ?? false, additive, i.Target, i.Points, i.Bands, i.BonusForExceeding, i.MaxBonus, i.Veto,
            i.Splits.Select(s => new Split(KindCode(s.Kind), Words.Of(s.Kind), s.Code, names.Of(s), s.Target, s.Kind == SplitKind.Department ? names.Department(s.Code)?.Id : null)).ToList(),
            new Differences(Diff(SplitKind.Township), Diff(SplitKind.Department), Diff(SplitKind.Quarter)));
    }).ToList();

    public static async Task<View?> LoadAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var p = await db.Plans.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        return Of(p, await Names.LoadAsync(db, ct), await db.PlanRevisions.CountAsync(r => r.PlanId == id, ct));
    }
}

/// <summary>The townships and departments a plan's splits name (a department by its id or its code).</summary>
public sealed class Names
{
    public required IReadOnlyDictionary<string, string> Townships { get; init; }
    public required IReadOnlyList<Department> Departments { get; init; }
    public string CountyCode { get; init; } = "";
    public string CountyName { get; init; } = "";

    public static async Task<Names> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var county = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.County).OrderBy(r => r.Code).FirstOrDefaultAsync(ct);
        return new()
        {
            Townships = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township).OrderBy(r => r.Code).ToDictionaryAsync(r => r.Code, r => r.Name, ct),
            Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct),
            CountyCode = county?.Code ?? "", CountyName = county?.Name ?? "",
        };
    }

    public Department? Department(string code) =>
        Departments.FirstOrDefault(d => d.Code == code) ?? (long.TryParse(code, out var id) ? Departments.FirstOrDefault(d => d.Id == id) : null);

    public string Of(PlanSplit s) => s.Kind switch
    {
        SplitKind.Township => Townships.GetValueOrDefault(s.Code, s.Code),
        SplitKind.Department => Department(s.Code)?.Name ?? s.Code,
        _ => $"第{s.Code}季度",
    };

    /// <summary>The refusals of splits naming a township or department that does not exist, or one department twice (by id and by code).</summary>
    public List<(string Field, string Message, string Code)> Check(PlanInput input)
    {
        var errors = new List<(string, string, string)>();
        for (var i = 0; i < (input.Items?.Count ?? 0); i++)
        {
            var seen = new HashSet<long>();
            var splits = input.Items![i].Splits ?? [];
            for (var j = 0; j < splits.Count; j++)
            {
                var (kind, code, field) = (PlanInput.KindOf(splits[j].Kind), splits[j].Code?.Trim() ?? "", $"items[{i}].splits[{j}].code");
                if (kind == SplitKind.Township && !Townships.ContainsKey(code))
                    errors.Add((field, $"“{code}”不是本县的乡镇（街道）", "plan.split_code_unknown"));
                else if (kind == SplitKind.Department)
                {
                    if (Department(code) is not { } d) errors.Add((field, $"“{code}”不是已登记的部门", "plan.split_code_unknown"));
                    else if (!seen.Add(d.Id)) errors.Add((field, $"部门“{d.Name}”重复", "plan.split_duplicate"));
                }
            }
        }
        return errors;
    }
}
