using System.Security.Cryptography;

namespace CountySkills.Web.Features.Training;

/// <summary>Photos of an inspection: uploaded (JPEG, PNG or WebP by content, at most 10 MB) and shown to those who may see the class.</summary>
public static class InspectionPhotos
{
    public const long MaxPhotoBytes = 10 * 1024 * 1024;

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
            using var ms = new MemoryStream();
            var buffer = new byte[81920];
            for (int read; (read = await content.ReadAsync(buffer, ct)) > 0;)
            {
                ms.Write(buffer, 0, read);
                if (ms.Length > MaxPhotoBytes) return Result.Invalid("file", "照片不能超过 10 MB");
            }
            if (ms.Length == 0) return Result.Invalid("file", "请选择照片");
            var bytes = ms.ToArray();
            var type = ImageType(bytes);
            if (type is null) return Result.Invalid("file", "只接受 JPEG、PNG 或 WebP 格式的照片");
            var a = new Attachment
            {
                InspectionId = id, FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "photo", ContentType = type, Size = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Data = bytes, UploadedUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = user.DisplayName,
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

    /// <summary>By content, not by name: JPEG, PNG or WebP.</summary>
    static string? ImageType(byte[] b) =>
        b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P' ? "image/webp"
        : null;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/inspections/{id:long}/photos", async (long id, HttpRequest request, Handler h, CancellationToken ct) =>
            {
                if (request.ContentLength > MaxPhotoBytes + 64 * 1024) return Http.Problem(413, "照片不能超过 10 MB");
                if (!request.HasFormContentType) return Http.Problem(400, "请以 multipart/form-data 上传照片（字段 file）");
                var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
                if (!bearer && !await request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(request.HttpContext))
                    return Http.Problem(400, "表单已过期或来源不明，请刷新页面后重试");
                var form = await request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择照片"] }, title: "提交的数据有误");
                await using var content = file.OpenReadStream();
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
