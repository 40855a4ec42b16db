namespace CountySkills.Web.Features.Training;

/// <summary>
/// On-site inspections (督导检查) of a class, the read side: GET /api/training/classes/{id}/inspections. County staff record a visit
/// (RecordInspection) with findings and, when something must be put right, a deadline; photos are attached (InspectionPhotos); the
/// institution reports its rectification (ReportRectification); county staff close it (CloseInspection).
/// </summary>
public static class Inspections
{
    public sealed record Photo(long Id, string FileName, string ContentType, long Size, DateTime UploadedUtc, string UploadedBy);

    public sealed record View(long Id, long ClassId, DateOnly VisitedOn, string Inspector, string Findings, int? TraineesPresent, DateOnly? RectifyBy,
        InspectionStatus Status, string StatusName, bool Overdue, string? RectificationReport, DateOnly? ClosedOn, string? ClosedBy, string? ClosingNote,
        IReadOnlyList<Photo> Photos, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<List<View>>> List(long classId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassAsync(classId, user, ct, track: false);
            if (!found.IsOk) return found.AsFailure();
            return await LoadAsync(db, classId, clock.Today(), ct);
        }
    }

    internal static async Task<List<View>> LoadAsync(AppDbContext db, long classId, DateOnly today, CancellationToken ct)
    {
        var list = await db.Inspections.AsNoTracking().Where(i => i.ClassId == classId).OrderByDescending(i => i.VisitedOn).ThenByDescending(i => i.Id).ToListAsync(ct);
        var ids = list.Select(i => i.Id).ToArray();
        var photos = (await db.Attachments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.InspectionId))
                .Select(a => new { a.InspectionId, P = new Photo(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedUtc, a.UploadedBy) }).ToListAsync(ct))
            .ToLookup(x => x.InspectionId, x => x.P);
        return list.Select(i => ViewOf(i, photos[i.Id].ToList(), today)).ToList();
    }

    internal static View ViewOf(Inspection i, IReadOnlyList<Photo> photos, DateOnly today) => new(i.Id, i.ClassId, i.VisitedOn, i.Inspector, i.Findings,
        i.TraineesPresent, i.RectifyBy, i.Status, Words.Of(i.Status), i.Overdue(today), i.RectificationReport, i.ClosedOn, i.ClosedBy, i.ClosingNote, photos, i.Version);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/training/classes/{id:long}/inspections", async (long id, Handler h, CancellationToken ct) => (await h.List(id, ct)).ToHttp())
            .WithName("ListInspections").RequireReaders();
}
