namespace CountySkills.Web.Infrastructure;

/// <summary>A photo upload, checked by content (JPEG, PNG or WebP) and size, read without trusting the declared type or length.</summary>
public static class Photos
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public sealed record Photo(byte[] Bytes, string ContentType, string Sha256);

    public static async Task<Result<Photo>> ReadAsync(Stream content, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = await content.ReadAsync(buffer, ct)) > 0;)
        {
            ms.Write(buffer, 0, read);
            if (ms.Length > MaxBytes) return Result.Invalid("file", "照片不能超过 10 MB");
        }
        if (ms.Length == 0) return Result.Invalid("file", "请选择照片");
        var bytes = ms.ToArray();
        if (TypeOf(bytes) is not { } type) return Result.Invalid("file", "只接受 JPEG、PNG 或 WebP 格式的照片");
        return new Photo(bytes, type, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>By content, not by name: JPEG, PNG or WebP.</summary>
    public static string? TypeOf(byte[] b) =>
        b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P' ? "image/webp"
        : null;

    /// <summary>The multipart form's `file`, refusing what is not a form, too large, or (for cookie sign-in) without a valid antiforgery token.</summary>
    public static async Task<(IFormFile? File, IResult? Problem)> FormFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes + 64 * 1024) return (null, Http.Problem(413, "照片不能超过 10 MB"));
        if (!request.HasFormContentType) return (null, Http.Problem(400, "请以 multipart/form-data 上传照片（字段 file）"));
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer && !await request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(request.HttpContext))
            return (null, Http.Problem(400, "表单已过期或来源不明，请刷新页面后重试"));
        var form = await request.ReadFormAsync(ct);
        return form.Files.GetFile("file") is { } file ? (file, null)
            : (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择照片"] }, title: "提交的数据有误"));
    }
}
