using System.Security.Cryptography;

namespace CountySkills.Web.Features.Training;

/// <summary>Photos of an inspection: uploaded (JPEG, PNG or WebP by content, at most 10 MB) and shown to those who may see the class.</summary>
public static class InspectionPhotos
{
    public const long MaxPhotoBytes = Photos.MaxBytes;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Inspections.Photo>> AddPhoto(long id, string fileName, Stream content, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var i = await db.Inspections.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (i is null) return Result.NotFound("没有找到该检查记录");
            var found = await db.FindClassForWriteAsync(i.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (i.Status == InspectionStatus.Closed) return Result.Refused(new Refusal("inspection.closed", "该检查已办结，不能再上传照片"));
            var photo = await Photos.ReadAsync(content, ct);
            if (!photo.IsOk) return photo.AsFailure();
            var (bytes, type, sha) = (photo.Value!.Bytes, photo.Value.ContentType, photo.Value.Sha256);
            var a = new Attachment
            {
                InspectionId = id, FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "photo", ContentType = type, Size = bytes.Length,
                Sha256 = sha, Data = bytes, UploadedUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = user.DisplayName,
            };
            db.Attachments.Add(a);
            await db.SaveChangesAsync(ct);
            return new Inspections.Photo(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedUtc, a.UploadedBy);
        }

        public async Task<Result<Attachment>> GetPhoto(long id, long photoId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var a = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == photoId && x.InspectionId == id, ct);
            if (a is null) return Result.NotFound("没有找到该照片");
            var classId = await db.Inspections.Where(x => x.Id == id).Select(x => x.ClassId).SingleAsync(ct);
            var found = await db.FindClassAsync(classId, user, ct, track: false);
            return found.IsOk ? a : found.AsFailure();
        }

    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/inspections/{id:long}/photos", async (long id, HttpRequest request, Handler h, CancellationToken ct) =>
            {
                var (file, problem) = await Photos.FormFileAsync(request, ct);
                if (problem is not null) return problem;
                await using var content = file!.OpenReadStream();
                return (await h.AddPhoto(id, file.FileName, content, ct)).ToHttp(p => TypedResults.Created($"/api/training/inspections/{id}/photos/{p.Id}", p));
            })
            .DisableAntiforgery().WithName("AddInspectionPhoto").Accepts<IFormFile>("multipart/form-data").RequireWriters();
        api.MapGet("/training/inspections/{id:long}/photos/{photoId:long}", async (long id, long photoId, Handler h, CancellationToken ct) =>
            {
                var r = await h.GetPhoto(id, photoId, ct);
                return r.IsOk ? Results.File(r.Value!.Data, r.Value.ContentType) : r.ToHttp();
            })
            .WithName("GetInspectionPhoto").RequireReaders();
    }
}
