using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Planning;

/// <summary>
/// Entering a month's value of a reported indicator: POST /api/planning/reported-values and PUT /api/planning/reported-values/{id} (with version),
/// as JSON or as multipart/form-data with an optional attachment (≤ 5 MB; PDF, JPG, PNG, XLSX or DOCX, checked by content). One value per
/// indicator, month and place (409 reported.duplicate); no month after the current one.
/// </summary>
public static class SaveReportedValue
{
    public const long MaxAttachment = 5 * 1024 * 1024;

    public sealed class Input
    {
        public string? IndicatorKey { get; set; }
        public int Year { get; set; }
        public int Month { get; set; }
        public string? AreaCode { get; set; }
        public long? DepartmentId { get; set; }
        public decimal? Value { get; set; }
        public string? Note { get; set; }
        public Guid? Version { get; set; }
        /// <summary>PUT: drop the attachment kept so far.</summary>
        public bool RemoveAttachment { get; set; }
        /// <summary>JSON callers may send the attachment inline.</summary>
        public string? AttachmentName { get; set; }
        public string? AttachmentBase64 { get; set; }
    }

    public sealed record Upload(string Name, byte[] Bytes);

    static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png",
        [".xlsx"] = UploadForm.Xlsx, [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    /// <summary>The content type of an acceptable attachment (by its name and its first bytes), or the refusal.</summary>
    public static Result<string> TypeOf(Upload f)
    {
        if (f.Bytes.LongLength > MaxAttachment) return Result.Invalid("attachment", "附件不能超过 5 MB", "file.too_large");
        var b = f.Bytes;
        var ext = Path.GetExtension(f.Name);
        var ok = ext.ToLowerInvariant() switch
        {
            ".pdf" => b.Length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F',
            ".jpg" or ".jpeg" => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF,
            ".png" => b.Length > 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G',
            ".xlsx" or ".docx" => b.Length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4,
            _ => false,
        };
        return ok ? Types[ext] : Result.Invalid("attachment", "附件只能是 PDF、JPG、PNG、XLSX 或 DOCX 文件", "file.type");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<ReportedValues.View>> Save(long? id, Input input, Upload? file, CancellationToken ct)
        {
            if (!user.Has(Perm.PlanningWrite)) return Result.Forbidden("您的角色不能填报数据");
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await CheckAsync(db, input, ct) is { } refused) return refused;
            string? type = null;
            if (file is not null)
            {
                var t = TypeOf(file);
                if (!t.IsOk) return t.AsFailure();
                type = t.Value;
            }
            var (key, area) = (input.IndicatorKey!.Trim(), input.AreaCode!.Trim());
            ReportedValue? v;
            if (id is null) db.ReportedValues.Add(v = new ReportedValue { IndicatorKey = key, AreaCode = area });
            else
            {
                v = await db.ReportedValues.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (v is null) return Result.NotFound("没有找到该填报记录");
                if (input.Version is not { } version) return Result.Invalid("version", "请提供所编辑记录的版本号（version）", "version.required");
                if (version != v.Version) return Stale;
                db.Entry(v).Property(x => x.Version).OriginalValue = version;
                v.Touch();
            }
            if (await db.ReportedValues.AnyAsync(x => x.IndicatorKey == key && x.Year == input.Year && x.Month == input.Month && x.AreaCode == area && x.Id != v.Id, ct))
                return Duplicate(input);
            (v.IndicatorKey, v.Year, v.Month, v.AreaCode, v.DepartmentId, v.Value, v.Note) =
                (key, input.Year, input.Month, area, input.DepartmentId, input.Value!.Value, string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim());
            if (file is not null) (v.Attachment, v.AttachmentName, v.AttachmentType) = (file.Bytes, Path.GetFileName(file.Name), type);
            else if (input.RemoveAttachment) (v.Attachment, v.AttachmentName, v.AttachmentType) = (null, null, null);
            (v.EnteredBy, v.EnteredUtc) = (user.UserName, clock.GetUtcNow().UtcDateTime);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Stale; }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Duplicate(input); }
            return await ReportedValues.ViewAsync(db, v, ct);
        }

        static Failure Stale => new(Outcome.Conflict, "该填报记录已被他人修改，请刷新后重试", null, "reported.stale");

        static Failure Duplicate(Input i) =>
            new(Outcome.Conflict, $"{i.AreaCode} 的 {i.Year} 年 {i.Month} 月数据已填报，请修改原记录", null, "reported.duplicate");

        async Task<Failure?> CheckAsync(AppDbContext db, Input i, CancellationToken ct)
        {
            var key = i.IndicatorKey?.Trim() ?? "";
            if (Catalogue.Find(key) is not { Reported: true })
                return Result.Invalid("indicatorKey", $"“{key}”不是需要填报的指标（只有平台无法统计的指标才填报）", "reported.not_reported_indicator");
            if (i.Year is < 2000 or > 2100) return Result.Invalid("year", "年度应在 2000 至 2100 之间", "reported.year");
            if (i.Month is < 1 or > 12) return Result.Invalid("month", "月份应在 1 至 12 之间", "reported.month");
            var today = clock.Today();
            if (i.Year * 100 + i.Month > today.Year * 100 + today.Month) return Result.Invalid("month", "不能填报未来月份的数据", "reported.future_month");
            var area = i.AreaCode?.Trim() ?? "";
            var level = area.Length switch { 6 => AreaLevel.County, 9 => AreaLevel.Township, _ => (AreaLevel?)null };
            if (level is null || !await db.Regions.AnyAsync(r => r.Code == area && r.Level == level, ct))
                return Result.Invalid("areaCode", "填报地区应为本县（6 位代码）或本县的乡镇（9 位代码）", "reported.area_unknown");
            if (i.Value is not { } value) return Result.Invalid("value", "请填写数值", "reported.value");
            if (value < 0 || value > 1_000_000_000_000m) return Result.Invalid("value", "数值不能为负数", "reported.value");
            if (i.Note?.Trim().Length > 1000) return Result.Invalid("note", "说明不超过 1000 个字", "reported.note");
            if (i.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct)) return Result.Invalid("departmentId", "所选部门不存在", "department.not_found");
            return null;
        }
    }

    static async Task<IResult> Run(HttpRequest req, long? id, Handler h, CancellationToken ct)
    {
        var (input, file, problem) = await ReportedValueForm.ReadAsync(req, ct);
        if (problem is not null) return problem;
        var r = await h.Save(id, input!, file, ct);
        return id is null ? r.ToHttp(v => TypedResults.Created($"/api/planning/reported-values/{v.Id}", v)) : r.ToHttp();
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/reported-values").WithTags("Planning");
        g.MapPost("", (HttpRequest req, Handler h, CancellationToken ct) => Run(req, null, h, ct))
            .DisableAntiforgery().Accepts<Input>("application/json", "multipart/form-data").Produces<ReportedValues.View>(StatusCodes.Status201Created)
            .WithName("CreateReportedValue").RequirePermission(Perm.PlanningWrite).WithSummary("Enter a month's value of a reported indicator, with a note and an optional attachment");
        g.MapPut("/{id:long}", (HttpRequest req, long id, Handler h, CancellationToken ct) => Run(req, id, h, ct))
            .DisableAntiforgery().Accepts<Input>("application/json", "multipart/form-data").Produces<ReportedValues.View>()
            .WithName("UpdateReportedValue").RequirePermission(Perm.PlanningWrite).WithSummary("Correct an entered value (with its version)");
    }
}
