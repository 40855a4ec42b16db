namespace CountySkills.Web.Features.Regions;

/// <summary>The township-level units the caller may see (for filters and forms).</summary>
public static class ListTownships
{
    public sealed record Item(string Code, string Name, TownshipKind? Kind);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<IReadOnlyList<Item>> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var list = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township).OrderBy(r => r.Code)
                .Select(r => new Item(r.Code, r.Name, r.Kind)).ToListAsync(ct);
            return list.Where(t => user.CanSeeArea(t.Code)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/regions/townships",
            async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(ListTownships));
}
