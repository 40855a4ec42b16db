namespace CountySkills.Web.Features.Employment;

/// <summary>One photo of a typical case: GET /api/employment/cases/{id}/photos/{photoId} (employment readers).</summary>
public static class GetCasePhoto
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/cases/{id:long}/photos/{photoId:long}", async (long id, long photoId, IDbContextFactory<AppDbContext> dbs, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var p = await db.CasePhotos.AsNoTracking().SingleOrDefaultAsync(x => x.Id == photoId && x.CaseId == id, ct);
                return p is null ? Http.Problem(404, "没有找到该照片") : Results.File(p.Data, p.ContentType);
            })
            .WithName(nameof(GetCasePhoto)).RequireWorkReaders();
}
