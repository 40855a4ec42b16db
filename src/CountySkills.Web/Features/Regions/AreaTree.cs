namespace CountySkills.Web.Features.Regions;

/// <summary>The names of the area tree for pickers (township, then its villages) and headings: no people counts. The tree's names
/// are not personal data: a picker that records someone new anywhere (a school's roster) may read the whole tree.</summary>
public static class AreaTree
{
    public sealed record Place(string Code, string Name);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        /// <summary>The township-level units, those the caller may see unless <paramref name="wholeTree"/>.</summary>
        public async Task<IReadOnlyList<Place>> Townships(bool wholeTree, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township).OrderBy(r => r.Code).Select(r => new Place(r.Code, r.Name)).ToListAsync(ct);
            return wholeTree ? list : list.Where(t => user.CanSeeArea(t.Code)).ToList();
        }

        /// <summary>The places above the township (provinces, cities, counties) an account's area scope may name, by code ("41" 河南省,
        /// "4199" 丰州市, "419921" 禾丰县): what the admin's account form offers.</summary>
        public async Task<IReadOnlyList<Place>> Areas(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Province || r.Level == AreaLevel.City || r.Level == AreaLevel.County)
                .OrderBy(r => r.Code).Select(r => new Place(r.Code, r.Name)).ToListAsync(ct);
        }

        public async Task<IReadOnlyList<Place>> Villages(string townshipCode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Regions.AsNoTracking().Where(r => r.ParentCode == townshipCode && r.Level == AreaLevel.Village).OrderBy(r => r.Code)
                .Select(r => new Place(r.Code, r.Name)).ToListAsync(ct);
        }

        /// <summary>The names of a code and of each level above it, county first ("禾丰县", "青石镇", "…村"): for breadcrumbs and headings.</summary>
        public async Task<IReadOnlyList<Place>> Path(string code, CancellationToken ct)
        {
            var codes = new List<string>();
            for (var len = 6; len <= code.Length; len += 3) codes.Add(code[..len]);
            if (code.Length is 2 or 4) codes.Add(code);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            return codes.Select(c => new Place(c, names.GetValueOrDefault(c) ?? c)).ToList();
        }
    }
}
