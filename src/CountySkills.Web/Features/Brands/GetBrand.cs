namespace CountySkills.Web.Features.Brands;

/// <summary>One labour brand with its partners, bases, star scheme and figures: GET /api/brands/{id}.</summary>
public static class GetBrand
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result<ListBrands.View>> One(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return (await ListBrands.Load(db, id, clock.Today(), ct)).SingleOrDefault() is { } v ? v : Result.NotFound("没有找到该品牌");
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/brands/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.One(id, ct)).ToHttp())
            .WithName("GetBrand").RequireBrandReaders();
}
