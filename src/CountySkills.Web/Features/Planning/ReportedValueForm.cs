using System.Globalization;

namespace CountySkills.Web.Features.Planning;

/// <summary>Reading a reported value from a request, as JSON (the attachment inline as Base64, if any) or as multipart/form-data
/// (fields by name; the file as <c>attachment</c>, <c>file</c> or the first file), with the same size limit either way.</summary>
public static class ReportedValueForm
{
    /// <summary>The input and file of a request: multipart/form-data (fields by name, the file as attachment or file) or JSON.</summary>
    public static async Task<(SaveReportedValue.Input? Input, SaveReportedValue.Upload? File, IResult? Problem)> ReadAsync(HttpRequest req, CancellationToken ct)
    {
        if (!req.HasFormContentType)
        {
            SaveReportedValue.Input? json;
            try { json = await req.ReadFromJsonAsync<SaveReportedValue.Input>(ct); }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return (null, null, Http.Problem(400, "请求正文不是有效的 JSON 或 multipart/form-data")); }
            if (json is null) return (null, null, Http.Problem(400, "请求正文缺失"));
            if (string.IsNullOrEmpty(json.AttachmentBase64)) return (json, null, null);
            try { return (json, new SaveReportedValue.Upload(json.AttachmentName ?? "附件", Convert.FromBase64String(json.AttachmentBase64)), null); }
            catch (FormatException) { return (null, null, Invalid("attachmentBase64", "附件不是有效的 Base64 编码", "file.type")); }
        }
        if (req.ContentLength > SaveReportedValue.MaxAttachment + 256 * 1024) return (null, null, Invalid("attachment", "附件不能超过 5 MB", "file.too_large"));
        var bearer = req.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer && !await req.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(req.HttpContext))
            return (null, null, Http.Problem(400, "表单已过期或来源不明，请刷新页面后重试"));
        var form = await req.ReadFormAsync(ct);
        string? F(string name) => form.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var input = new SaveReportedValue.Input
        {
            IndicatorKey = F("indicatorKey"), AreaCode = F("areaCode"), Note = F("note"),
            Year = int.TryParse(F("year"), out var y) ? y : 0, Month = int.TryParse(F("month"), out var m) ? m : 0,
            DepartmentId = long.TryParse(F("departmentId"), out var d) ? d : null,
            Value = decimal.TryParse(F("value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var val) ? val : null,
            Version = Guid.TryParse(F("version"), out var g) ? g : null,
            RemoveAttachment = bool.TryParse(F("removeAttachment"), out var r) && r,
        };
        var file = form.Files.GetFile("attachment") ?? form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0) return (input, null, null);
        if (file.Length > SaveReportedValue.MaxAttachment) return (null, null, Invalid("attachment", "附件不能超过 5 MB", "file.too_large"));
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return (input, new SaveReportedValue.Upload(file.FileName, ms.ToArray()), null);
    }

    static IResult Invalid(string field, string message, string code) => ((Result<bool>)Result.Invalid(field, message, code)).ToHttp();

}
