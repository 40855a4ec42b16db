namespace CountySkills.Web.Features.Regions;

/// <summary>One place (county, township or village) with its children and the number of ledger people in it.</summary>
public static class GetRegion
{
    public sealed record Child(string Code, string Name, AreaLevel Level, TownshipKind? Kind, int People);
    public sealed record Response(string Code, string Name, AreaLevel Level, TownshipKind? Kind, string? ParentCode, int People, IReadOnlyList<Child> Children);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<Response>> Handle(string code, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (string.IsNullOrEmpty(code))
                code = await db.Regions.Where(r => r.ParentCode == null).OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct) ?? "";
            var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
            if (region is null) return Result.NotFound($"没有找到区划代码 {code}");
            // A place is visible when it lies inside the user's scope, or contains it (a township officer sees the county row, not its data).
            if (!user.CanSeeArea(code)) return Result.Forbidden($"您的权限范围不包括 {region.Name}");
            var children = await db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code).ToListAsync(ct);
            var people = db.People.Where(Scope.AreaPrefix<Person>(code));
            var counts = region.Level == AreaLevel.Village
                ? new Dictionary<string, int>()
                : await (region.Level == AreaLevel.County ? people.GroupBy(p => p.TownshipCode) : people.GroupBy(p => p.AreaCode))
                    .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
            return new Response(region.Code, region.Name, region.Level, region.Kind, region.ParentCode, await people.CountAsync(ct),
                children.Select(c => new Child(c.Code, c.Name, c.Level, c.Kind, counts.GetValueOrDefault(c.Code))).ToList());
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/regions/{code}",
            async (string code, Handler h, CancellationToken ct) => (await h.Handle(code, ct)).ToHttp())
        .WithName(nameof(GetRegion)).WithSummary("A region with its children and people counts; 403 outside the caller's scope");
}
