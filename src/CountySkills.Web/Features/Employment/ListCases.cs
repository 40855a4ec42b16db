namespace CountySkills.Web.Features.Employment;

/// <summary>Typical cases (典型案例) with their photos: GET /api/employment/cases (employment readers).</summary>
public static class ListCases
{
    public sealed record Photo(long Id, string FileName, string ContentType, long Size);

    public sealed record View(long Id, long PersonId, string PersonName, string Title, string Story, long? BrandId, IReadOnlyList<Photo> Photos, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Cases.AsNoTracking();
            if (id is { } one) q = q.Where(c => c.Id == one);
            var rows = await q.OrderByDescending(c => c.Id).Take(200).Select(c => new
            {
                C = c, c.Person!.Name,
                Photos = db.CasePhotos.Where(p => p.CaseId == c.Id).OrderBy(p => p.Id).Select(p => new Photo(p.Id, p.FileName, p.ContentType, p.Size)).ToList(),
            }).ToListAsync(ct);
            return rows.Select(r => new View(r.C.Id, r.C.PersonId, r.Name, r.C.Title, r.C.Story, r.C.BrandId, r.Photos, r.C.Version)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/cases", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName(nameof(ListCases))
            .WithSummary("Typical cases with their photos").RequireWorkReaders();
}
