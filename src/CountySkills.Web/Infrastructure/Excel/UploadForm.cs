namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>Reading an upload (multipart `file`, `mode` = dryRun | commit) the same way for every import.</summary>
public static class UploadForm
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The upload limit of every import (setting People:ImportMaxMegabytes, default 50).</summary>
    public static long MaxBytes(IConfiguration config) => config.GetValue("People:ImportMaxMegabytes", 50L) * 1024 * 1024;

    /// <summary>Reads the form (same limits and errors for every import), buffers the file, and runs the import on it.</summary>
    public static async Task<IResult> RunAsync(HttpRequest request, long max, Func<Stream, string, ImportMode, Task<Result<ImportReport>>> run, CancellationToken ct)
    {
        var (file, mode, problem) = await ReadAsync(request, max, ct);
        if (problem is not null) return problem;
        await using var stream = await Buffered(file!, ct);
        return (await run(stream, file!.FileName, mode)).ToHttp();
    }

    public static async Task<(IFormFile? File, ImportMode Mode, IResult? Problem)> ReadAsync(HttpRequest request, long max, CancellationToken ct, bool modeRequired = true)
    {
        if (request.ContentLength > max + 64 * 1024) return (null, default, TooLarge(max));
        if (!request.HasFormContentType) return (null, default, Http.Problem(400, "请以 multipart/form-data 上传文件（字段 file）"));
        // Bearer callers cannot be forged by another site; a browser posting with its cookie must carry the token.
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer && !await request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(request.HttpContext))
            return (null, default, Http.Problem(400, "表单已过期或来源不明，请刷新页面后重试"));
        IFormCollection form;
        try { form = await request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException { StatusCode: 400 })
        {
            return (null, default, Http.Problem(400, "上传内容不是有效的 multipart/form-data（缺少分隔符或内容不完整），请重新上传"));
        }
        var file = form.Files.GetFile("file");
        if (file is null) return (null, default, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请选择要导入的文件（.xlsx 或 .csv）"] }, title: "提交的数据有误"));
        if (file.Length == 0) return (null, default, ((Result<bool>)new SheetFormatException(SheetRefusals.Empty).AsFailure()).ToHttp());
        if (file.Length > max) return (null, default, TooLarge(max));
        var modeText = form["mode"].ToString();
        var mode = modeText.Equals("commit", StringComparison.OrdinalIgnoreCase) ? ImportMode.Commit
            : modeText.Equals("dryRun", StringComparison.OrdinalIgnoreCase) || (!modeRequired && modeText.Length == 0) ? ImportMode.DryRun
            : (ImportMode?)null;
        if (mode is null) return (null, default, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["mode 应为 dryRun（预检）或 commit（导入）"] }, title: "提交的数据有误"));
        return (file, mode.Value, null);
    }

    static IResult TooLarge(long max) => Http.Problem(413, $"文件超过 {max / 1024 / 1024} MB 的上限，请拆分后分批上传");

    /// <summary>Uploads are copied to a temporary file: the reader needs a seekable stream and memory stays flat.</summary>
    public static async Task<Stream> Buffered(IFormFile file, CancellationToken ct)
    {
        var tmp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await file.CopyToAsync(tmp, ct);
        tmp.Position = 0;
        return tmp;
    }
}
