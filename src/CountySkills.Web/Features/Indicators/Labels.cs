using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Indicators;

/// <summary>The names of the groups of a breakdown (townships, occupations, brands, departments, enum words), loaded once per request.</summary>
public sealed class Labels
{
    public required IReadOnlyDictionary<string, string> Areas { get; init; }
    public required IReadOnlyDictionary<long, string> Occupations { get; init; }
    public required IReadOnlyDictionary<long, string> Brands { get; init; }
    public required IReadOnlyList<Department> Departments { get; init; }

    public static async Task<Labels> LoadAsync(AppDbContext db, CancellationToken ct) => new()
    {
        Areas = await db.Regions.AsNoTracking().Where(r => r.Level != AreaLevel.Village).ToDictionaryAsync(r => r.Code, r => r.Name, ct),
        Occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct),
        Brands = await db.Brands.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, ct),
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Id).ToListAsync(ct),
    };

    /// <summary>The length of the codes a place breakdown shows for the whole installation: townships (9) when it holds one county,
    /// counties (6) when they all lie in one city, cities (4) otherwise (a demo province, <see cref="Data.Demo.DemoProvince"/>).</summary>
    public int TopRowLength
    {
        get
        {
            var counties = Areas.Keys.Where(c => c.Length == 6).ToList();
            if (counties.Count <= 1) return 9;
            return counties.Select(c => c[..4]).Distinct().Count() == 1 ? 6 : 4;
        }
    }

    public long LeadDepartmentId(Indicator ind) => Departments.FirstOrDefault(d => d.Code == ind.LeadDepartment)?.Id ?? 0;

    public string AreaName(string? code) => code is null or "" ? "全部地区" : Areas.TryGetValue(code, out var n) ? n : code;

    public string Of(Breakdown by, string code, Indicator ind)
    {
        long.TryParse(code, out var n);
        return by switch
        {
            Breakdown.Township => AreaName(code),
            Breakdown.Month => $"{code[..4]}年{int.Parse(code[5..])}月",
            Breakdown.ClassKind => Words.Of((ClassKind)n),
            Breakdown.BusinessKind => Words.Of((BusinessKind)n),
            Breakdown.CertificateKind => Words.Of((CertificateKind)n),
            Breakdown.Level => Words.Of((SkillLevel)n),
            Breakdown.Fund => Words.Of((SubsidyFund)n),
            Breakdown.TargetGroup => n == 0 ? "其他" : PersonVocabulary.Tags.TryGetValue((PersonTags)n, out var w) ? w[0] : code,
            Breakdown.Band => Figures.BandGroups.FirstOrDefault(g => g.Code == code).Name ?? code,
            Breakdown.Occupation => n == 0 ? "未注明职业" : Occupations.GetValueOrDefault(n, code),
            Breakdown.Brand => n == 0 ? "非品牌" : Brands.GetValueOrDefault(n, code),
            Breakdown.Department => Departments.FirstOrDefault(d => d.Id == n)?.Name ?? "未分部门",
            _ => code,
        };
    }
}
