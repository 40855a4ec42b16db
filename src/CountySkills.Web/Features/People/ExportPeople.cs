using CountySkills.Web.Features.People.Import;
using MiniExcelLibs;

namespace CountySkills.Web.Features.People;

/// <summary>The ledger as xlsx for what the filters select; masked unless the caller may reveal. Every export is audited
/// (a reveal when it carries full ID numbers), with the area it covers.</summary>
public static class ExportPeople
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, ExactSearch.Gate search)
    {
        public async Task<Result<string>> Handle(PeopleFilter filter, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = await filter.ApplyAsync(db, user, clock.Today(), search, ct);
            if (!filtered.IsOk) return filtered.AsFailure();
            var names = await db.Regions.AsNoTracking().Where(r => r.Level != AreaLevel.County).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            var reveal = user.MayRevealPersonalData;
            var path = Path.GetTempFileName();
            var count = 0;
            var rows = filtered.Value!.OrderBy(p => p.AreaCode).ThenBy(p => p.Id).AsEnumerable().Select(p => LedgerWorkbook.Row(p, names, ++count, reveal));
            try
            {
                await using (var fs = File.Create(path)) await fs.SaveAsAsync(rows, sheetName: "劳动力台账", cancellationToken: ct);
            }
            catch
            {
                File.Delete(path); // never leave personal data behind in the temp folder
                throw;
            }
            // The area the file covers (the village or township asked for, else the caller's scope) lets a person's access
            // log find the exports that may have listed them with one index seek.
            var area = filter.VillageCode is { Length: > 0 } v ? v : filter.TownshipCode is { Length: > 0 } t ? t : user.AreaCoversAll ? null : user.AreaScope;
            db.AuditEntries.Add(RevealAudit.Of(user, clock, "export", new { export = count, filter = filter.Masked() }, area is { Length: <= 12 } ? area : null,
                reveal ? AuditEntry.Reveal : AuditEntry.Export));
            if (filter.Exact is { } kind) await search.AuditAsync(db, kind, filter.Q!, filtered.Value!, count, ExactSearch.Purpose.Export, ct);
            else await db.SaveChangesAsync(ct);
            return path;
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/export", async ([AsParameters] PeopleFilter filter, Handler h, CancellationToken ct) =>
        {
            var r = await h.Handle(filter, ct);
            if (!r.IsOk) return r.ToHttp();
            var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose);
            return Results.File(stream, ImportPeople.Xlsx, $"劳动力台账-{DateTime.UtcNow:yyyyMMdd}.xlsx");
        })
        .WithName(nameof(ExportPeople)).RequirePermission(Perm.PeopleExport).WithSummary("xlsx of the people the filters select (same filters as the list)");
}
