namespace CountySkills.Web.Features.Employment;

/// <summary>Adding a photo to a typical case: POST /api/employment/cases/{id}/photos (multipart `file`, JPEG/PNG/WebP up to 10 MB, checked by content). County staff.</summary>
public static class AddCasePhoto
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<ListCases.Photo>> Handle(long id, string fileName, Stream content, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Cases.AnyAsync(c => c.Id == id, ct)) return Result.NotFound("没有找到该案例");
            var photo = await Photos.ReadAsync(content, ct);
            if (!photo.IsOk) return photo.AsFailure();
            var p = new CasePhoto
            {
                CaseId = id, FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "photo", ContentType = photo.Value!.ContentType,
                Size = photo.Value.Bytes.Length, Sha256 = photo.Value.Sha256, Data = photo.Value.Bytes, UploadedUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = user.DisplayName,
            };
            db.CasePhotos.Add(p);
            await db.SaveChangesAsync(ct);
            return new ListCases.Photo(p.Id, p.FileName, p.ContentType, p.Size);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/employment/cases/{id:long}/photos", async (long id, HttpRequest request, Handler h, CancellationToken ct) =>
            {
                var (file, problem) = await Photos.FormFileAsync(request, ct);
                if (problem is not null) return problem;
                await using var content = file!.OpenReadStream();
                return (await h.Handle(id, file.FileName, content, ct)).ToHttp(p => TypedResults.Created($"/api/employment/cases/{id}/photos/{p.Id}", p));
            })
            .DisableAntiforgery().WithName(nameof(AddCasePhoto)).Accepts<IFormFile>("multipart/form-data").RequireWorkCounty();
}
