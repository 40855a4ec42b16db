using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Planning;

/// <summary>Monthly values of the indicators the platform cannot count (城镇新增就业, 劳务收入): GET /api/planning/reported-values?indicatorKey=&amp;year=&amp;area=
/// (area: a place and the places inside it, within the caller's scope) and GET /api/planning/reported-values/{id}/attachment.
/// Entering them: <see cref="SaveReportedValue"/>.</summary>
public static class ReportedValues
{
    public sealed record View(long Id, string IndicatorKey, string IndicatorName, string Unit, int Year, int Month, string AreaCode, string AreaName,
        long? DepartmentId, string? DepartmentName, decimal Value, string? Note, string? AttachmentName, string? AttachmentType, long AttachmentSize,
        string EnteredBy, DateTime EnteredUtc, string Source, Guid Version);

    public sealed record Query
    {
        public string? IndicatorKey { get; set; }
        public int? Year { get; set; }
        public string? Area { get; set; }
    }

    public sealed record Attachment(byte[] Bytes, string Name, string ContentType);

    sealed record Row(long Id, string IndicatorKey, int Year, int Month, string AreaCode, long? DepartmentId, decimal Value, string? Note, string? AttachmentName,
        string? AttachmentType, long AttachmentSize, string EnteredBy, DateTime EnteredUtc, Guid Version);

    public static async Task<View> ViewAsync(AppDbContext db, ReportedValue v, CancellationToken ct)
    {
        var area = await db.Regions.AsNoTracking().Where(r => r.Code == v.AreaCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var dep = v.DepartmentId is { } d ? await db.Departments.AsNoTracking().Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return Of(new Row(v.Id, v.IndicatorKey, v.Year, v.Month, v.AreaCode, v.DepartmentId, v.Value, v.Note, v.AttachmentName, v.AttachmentType,
            v.Attachment?.LongLength ?? 0, v.EnteredBy, v.EnteredUtc, v.Version), area ?? v.AreaCode, dep);
    }

    static View Of(Row v, string areaName, string? department)
    {
        var ind = Catalogue.Find(v.IndicatorKey);
        return new View(v.Id, v.IndicatorKey, ind?.Name ?? v.IndicatorKey, ind?.Unit ?? "", v.Year, v.Month, v.AreaCode, areaName, v.DepartmentId, department, v.Value, v.Note,
            v.AttachmentName, v.AttachmentType, v.AttachmentSize, v.EnteredBy, v.EnteredUtc, "reported", v.Version);
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<List<View>>> List(Query q, CancellationToken ct)
        {
            var area = IndicatorRequest.Area(user, q.Area);
            if (!area.IsOk) return area.AsFailure();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.ReportedValues.AsNoTracking().VisibleTo(user);
            if (area.Value is { } a) rows = rows.Where(Scope.AreaPrefix<ReportedValue>(a));
            if (!string.IsNullOrWhiteSpace(q.IndicatorKey)) rows = rows.Where(v => v.IndicatorKey == q.IndicatorKey.Trim());
            if (q.Year is { } y) rows = rows.Where(v => v.Year == y);
            // The attachments stay in the database: only their sizes are read.
            var list = await rows.OrderBy(v => v.IndicatorKey).ThenBy(v => v.Year).ThenBy(v => v.Month).ThenBy(v => v.AreaCode)
                .Select(v => new Row(v.Id, v.IndicatorKey, v.Year, v.Month, v.AreaCode, v.DepartmentId, v.Value, v.Note, v.AttachmentName, v.AttachmentType,
                    v.Attachment == null ? 0 : v.Attachment.Length, v.EnteredBy, v.EnteredUtc, v.Version)).ToListAsync(ct);
            var areas = await db.Regions.AsNoTracking().Where(r => r.Level != AreaLevel.Village).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            return list.Select(v => Of(v, areas.GetValueOrDefault(v.AreaCode, v.AreaCode), v.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null)).ToList();
        }

        public async Task<Result<Attachment>> File(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var v = await db.ReportedValues.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (v is null) return Result.NotFound("没有找到该填报记录");
            if (v.Attachment is not { Length: > 0 } bytes) return Result.NotFound("该填报记录没有附件");
            return new Attachment(bytes, v.AttachmentName ?? "附件", v.AttachmentType ?? "application/octet-stream");
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planning/reported-values").WithTags("Planning");
        g.MapGet("", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.List(q, ct)).ToHttp())
            .WithName("ListReportedValues").RequirePermission(Perm.PlanningRead).WithSummary("Monthly values entered for the reported indicators");
        g.MapGet("/{id:long}/attachment", async (long id, Handler h, CancellationToken ct) =>
                (await h.File(id, ct)).ToHttp(f => TypedResults.File(f.Bytes, f.ContentType, f.Name)))
            .WithName("GetReportedValueAttachment").RequirePermission(Perm.PlanningRead).WithSummary("The file a reported value was entered with");
    }
}
