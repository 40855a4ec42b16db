namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>What the entrepreneurship forms pick from, by name: areas the caller may see, incubators, brands, and founders found by
/// name in the caller's part of the ledger (ID numbers masked). Pages only; no route of its own.</summary>
public static class EntrepreneurshipChoices
{
    public sealed record Choice(long Id, string Name);
    public sealed record Area(string Code, string Name);
    public sealed record Founder(long Id, string Name, string MaskedIdNumber, string Village);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<IReadOnlyList<Area>> Areas(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.County || r.Level == AreaLevel.Township).OrderBy(r => r.Code)
                .Select(r => new Area(r.Code, r.Name)).ToListAsync(ct);
            return list.Where(a => user.CanSeeArea(a.Code)).ToList();
        }

        public async Task<(IReadOnlyList<Choice> Incubators, IReadOnlyList<Choice> Brands)> Hosts(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return (await db.Incubators.AsNoTracking().OrderBy(i => i.Id).Select(i => new Choice(i.Id, i.Name)).ToListAsync(ct),
                await db.Brands.AsNoTracking().OrderBy(b => b.Id).Select(b => new Choice(b.Id, b.Name)).ToListAsync(ct));
        }

        /// <summary>Up to 20 people of the caller's scope whose name starts with <paramref name="name"/> (not merged into another record).</summary>
        public async Task<IReadOnlyList<Founder>> Founders(string? name, CancellationToken ct)
        {
            var n = name?.Trim();
            if (string.IsNullOrEmpty(n)) return [];
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await db.People.AsNoTracking().VisibleTo(user).Where(p => p.MergedIntoId == null && p.Name.StartsWith(n)).OrderBy(p => p.Name).ThenBy(p => p.Id).Take(20)
                .Select(p => new { p.Id, p.Name, p.IdNumber, Village = db.Regions.Where(r => r.Code == p.AreaCode).Select(r => r.Name).FirstOrDefault() }).ToListAsync(ct);
            return rows.Select(p => new Founder(p.Id, p.Name, IdNumber.Mask(p.IdNumber), p.Village ?? "")).ToList();
        }
    }
}
