namespace CountySkills.Web.Features.Brands;

/// <summary>The catalogue names of the occupations a star scheme asks certificates of (a code the catalogue lacks stays a code).</summary>
public static class OccupationNames
{
    public static async Task<Dictionary<string, string>> OfAsync(AppDbContext db, IEnumerable<StarStep> scheme, CancellationToken ct)
    {
        var codes = scheme.SelectMany(s => s.Certificates).Select(c => c.OccupationCode).Distinct().ToList();
        if (codes.Count == 0) return [];
        return await db.Occupations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
    }

    public static string Of(IReadOnlyDictionary<string, string> names, string code) => names.TryGetValue(code, out var n) ? n : code;
}
