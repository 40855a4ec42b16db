using System.Text.Json;

namespace CountySkills.Web.Features.Admin;

/// <summary>
/// GET /api/audit/export?&lt;the list's filters&gt; → xlsx of the readable entries, newest first, at most Audit:ExportMaxRows
/// (100,000; the file says so when it is cut short). The export is itself written to the log (Export, AuditEntry) with
/// its filter and row count.
/// </summary>
public static class ExportAudit
{
    public const int DefaultMaxRows = 100_000;

    public sealed record File(string Path, string Name);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IConfiguration config)
    {
        public async Task<Result<File>> Handle(AuditFilter filter, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = filter.Apply(db, clock);
            if (!filtered.IsOk) return filtered.AsFailure();
            var max = Math.Max(1, config.GetValue("Audit:ExportMaxRows", DefaultMaxRows));
            var names = await DisplayNames.AllAsync(db, ct);
            var items = filtered.Value!.OrderByDescending(x => x.Id).Take(max + 1).AsEnumerable().Select(e => AuditItem.Of(e, db.Model, clock, names));
            var path = Path.GetTempFileName();
            AuditWorkbook.Outcome outcome;
            try
            {
                await using var fs = System.IO.File.Create(path);
                outcome = await AuditWorkbook.WriteAsync(fs, items, max, clock, $"{user.DisplayName}（{user.UserName}）", filter.Described(), ct);
            }
            catch
            {
                System.IO.File.Delete(path); // the log names people: nothing is left behind in the temp folder
                throw;
            }
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = user.UserId, UserName = user.UserName, Action = AuditEntry.Export,
                Entity = nameof(AuditEntry), EntityKey = "export", AreaCode = filter.Area is { Length: > 0 and <= 12 } a ? a.Trim() : null,
                Changes = JsonSerializer.Serialize(new { filter = filter.Described(), count = outcome.Count, capped = outcome.Capped }, Json),
            });
            await db.SaveChangesAsync(ct);
            var name = AuditVocabulary.English ? "audit-log" : "审计日志";
            return new File(path, $"{name}-{clock.GetLocalNow():yyyyMMdd-HHmm}.xlsx");
        }
    }

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit/export", async ([AsParameters] AuditFilter filter, Handler h, CancellationToken ct) =>
        {
            var r = await h.Handle(filter, ct);
            if (!r.IsOk) return r.ToHttp();
            var stream = new FileStream(r.Value!.Path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose);
            return Results.File(stream, People.Import.ImportPeople.Xlsx, r.Value.Name);
        })
        .RequirePermission(Perm.AuditRead).WithTags("Admin")
        .WithName(nameof(ExportAudit)).WithSummary("The audit log as xlsx for auditors (same filters as the list; capped; the export is itself audited)");
}
