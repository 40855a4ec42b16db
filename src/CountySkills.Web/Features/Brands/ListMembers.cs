namespace CountySkills.Web.Features.Brands;

/// <summary>A brand's members, highest stars first: GET /api/brands/{id}/members (ID numbers masked).</summary>
public static class ListMembers
{
    public sealed record Item(long Id, long PersonId, string Name, string IdNumber, string Code, DateOnly JoinedOn, StarLevel Stars, string StarsName, bool Active);

    /// <param name="area">The caller's area limit (<see cref="Scope.AreaLimit"/>): members living elsewhere are left out.</param>
    public static async Task<List<Item>> Load(AppDbContext db, long brandId, CancellationToken ct, string? area = null)
    {
        var q = db.BrandMembers.AsNoTracking().Where(m => m.BrandId == brandId);
        if (area is not null) q = q.Where(Scope.AreaPrefix<BrandMember>(area, nameof(BrandMember.Person), nameof(Person.TownshipCode)));
        var rows = await q.OrderByDescending(m => m.Stars).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.PersonId, m.Person!.Name, m.Person.IdNumber, m.Code, m.JoinedOn, m.Stars, m.RevokedUtc }).ToListAsync(ct);
        return rows.Select(m => new Item(m.Id, m.PersonId, m.Name, IdNumber.Mask(m.IdNumber), m.Code, m.JoinedOn, m.Stars, Words.Of(m.Stars), m.RevokedUtc is null)).ToList();
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<List<Item>>> List(long brandId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Brands.AnyAsync(b => b.Id == brandId, ct)) return Result.NotFound("没有找到该品牌");
            return await Load(db, brandId, ct, user.AreaLimit());
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/brands/{id:long}/members", async (long id, Handler h, CancellationToken ct) => (await h.List(id, ct)).ToHttp())
            .WithName("ListBrandMembers").RequireBrandReaders();
}
