using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.People;

/// <summary>
/// The ledger as xlsx for what the filters select. Masked unless the caller may reveal and asks for it with a stated
/// reason; an unmasked file without a reason is refused (400 <c>export.reason_required</c>). Every export is audited with
/// its filter, the number of people and the reason (a reveal when it carries full ID numbers), with the area it covers,
/// and the file carries who exported it, when and why (first row and document properties).
/// </summary>
public static class ExportPeople
{
    public sealed record Options(bool Masked, string? Reason);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, ExactSearch.Gate search)
    {
        public async Task<Result<string>> Handle(PeopleFilter filter, Options options, CancellationToken ct)
        {
            var reveal = user.MayRevealPersonalData && !options.Masked;
            var reason = options.Reason?.Trim();
            if (ExportStamp.RefuseReason(reason, required: reveal) is { } refused) return refused;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = await filter.ApplyAsync(db, user, clock.Today(), search, ct);
            if (!filtered.IsOk) return filtered.AsFailure();
            var names = await db.Regions.AsNoTracking().Where(r => r.Level != AreaLevel.County).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            var path = Path.GetTempFileName();
            var count = 0;
            var rows = filtered.Value!.OrderBy(p => p.AreaCode).ThenBy(p => p.Id).AsEnumerable()
                .Select(p => (IReadOnlyList<object?>)LedgerWorkbook.Row(p, names, ++count, reveal).Values.ToList());
            var stamp = ExportStamp.Of(user, clock, reason, reveal);
            try
            {
                await using (var fs = File.Create(path))
                    await StampedWorkbook.WriteAsync(fs, "劳动力台账", reveal ? "劳动力台账（含完整个人信息）" : "劳动力台账（脱敏）", stamp, LedgerWorkbook.ExportHeaders, rows, ct);
                // The area the file covers (the village or township asked for, else the caller's scope) lets a person's access
                // log find the exports that may have listed them with one index seek.
                var area = filter.VillageCode is { Length: > 0 } v ? v : filter.TownshipCode is { Length: > 0 } t ? t : user.AreaCoversAll ? null : user.AreaScope;
                db.AuditEntries.Add(RevealAudit.Of(user, clock, "export", new { export = count, filter = filter.Masked(), reason = reason ?? "" }, area is { Length: <= 12 } ? area : null,
                    reveal ? AuditEntry.Reveal : AuditEntry.Export));
                if (filter.Exact is { } kind) await search.AuditAsync(db, kind, filter.Q!, filtered.Value!, count, ExactSearch.Purpose.Export, ct);
                else await db.SaveChangesAsync(ct);
            }
            catch
            {
                File.Delete(path); // never leave personal data behind in the temp folder: not when writing fails, nor when the audit does
                throw;
            }
            return path;
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/export", async ([AsParameters] PeopleFilter filter, bool? masked, string? reason, Handler h, TimeProvider clock, CancellationToken ct) =>
        {
            var r = await h.Handle(filter, new Options(masked == true, reason), ct);
            if (!r.IsOk) return r.ToHttp();
            var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.DeleteOnClose);
            return Results.File(stream, ImportPeople.Xlsx, $"劳动力台账-{clock.Today():yyyyMMdd}.xlsx");
        })
        .WithName(nameof(ExportPeople)).RequirePermission(Perm.PeopleExport)
        .WithSummary("xlsx of the people the filters select (same filters as the list); full ID numbers only with a reason (reason=…), masked with masked=true");
}
