namespace CountySkills.Web.Features.Brands;

/// <summary>What the brand form picks from, by name: employers (leading enterprises, partner agencies), labour bases, the county and its
/// townships (home area), and the occupation names a star scheme's certificates are shown with. Pages only; no route of its own.</summary>
public static class BrandChoices
{
    public sealed record Employer(long Id, string Name, EmployerKind Kind);
    public sealed record Base(long Id, string Name, string City);
    public sealed record Area(string Code, string Name);
    public sealed record All(IReadOnlyList<Employer> Employers, IReadOnlyList<Base> Bases, IReadOnlyList<Area> Areas, IReadOnlyDictionary<string, string> Occupations);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<All> Load(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var employers = await db.Employers.AsNoTracking().OrderBy(e => e.Name).Select(e => new Employer(e.Id, e.Name, e.Kind)).ToListAsync(ct);
            var bases = await db.LabourBases.AsNoTracking().OrderBy(b => b.Province).ThenBy(b => b.City).Select(b => new Base(b.Id, b.Name, b.City)).ToListAsync(ct);
            var areas = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.County || r.Level == AreaLevel.Township).OrderBy(r => r.Code)
                .Select(r => new Area(r.Code, r.Name)).ToListAsync(ct);
            var occupations = await db.Occupations.AsNoTracking().Select(o => new { o.Code, o.Name }).ToListAsync(ct);
            return new All(employers, bases, areas, occupations.GroupBy(o => o.Code).ToDictionary(g => g.Key, g => g.First().Name));
        }
    }
}
