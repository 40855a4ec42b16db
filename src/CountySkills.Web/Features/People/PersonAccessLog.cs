using System.Text.Json;
using CountySkills.Web.Features.Admin;

namespace CountySkills.Web.Features.People;

/// <summary>
/// GET /api/people/{id}/access-log → {personId, items: [{atUtc, userName, userDisplayName, action, actionName, what}]}: who
/// revealed, searched for (exactly, by ID number or phone), checked, exported or changed this person's data and when, newest first (a PIPL-style "who saw my data"). Reads
/// the audit log by (entity, key) for the person and the records that belong to them (<see cref="PersonRecords"/>), and
/// the ledger exports whose area covers them. Only field names and masked words are shown, never values.
/// </summary>
public static class PersonAccessLog
{
    public sealed record Item(DateTime AtUtc, string UserName, string? UserDisplayName, string Action, string ActionName, string What);
    public sealed record Log(long PersonId, IReadOnlyList<Item> Items);

    public const int Limit = 500;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Log>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var person = await db.People.AsNoTracking().VisibleTo(user).Where(p => p.Id == id).Select(p => new { p.Id, p.AreaCode }).SingleOrDefaultAsync(ct);
            if (person is null) return PersonScope.NotFound();
            var records = await PersonRecords.OfAsync(db, id, ct);

            IQueryable<AuditEntry>? q = null;
            foreach (var (entity, keys) in records.ByEntity.Where(x => x.Value.Count > 0))
            {
                var part = db.AuditEntries.Where(a => a.Entity == entity && keys.Contains(a.EntityKey));
                q = q is null ? part : q.Concat(part);
            }
            // Ledger exports of the person's village, township, county… or of everything (the area an export covered).
            var covering = Enumerable.Range(1, person.AreaCode.Length).Select(n => person.AreaCode[..n]).ToList();
            var exports = db.AuditEntries.Where(a => a.Entity == nameof(Person) && a.EntityKey == "export" && (a.AreaCode == null || covering.Contains(a.AreaCode)));
            q = q is null ? exports : q.Concat(exports);
            var rows = await q.OrderByDescending(a => a.Id).Take(Limit).ToListAsync(ct);
            rows = rows.Where(r => r.EntityKey != "export" || Covers(r.Changes, person.AreaCode)).ToList();

            var names = await DisplayNames.ForAsync(db, rows.Select(r => (r.UserId, r.UserName)), ct);
            var items = rows.Select(r => new Item(DateTime.SpecifyKind(r.AtUtc, DateTimeKind.Utc), r.UserName, names.Of(r), r.Action,
                AuditVocabulary.ActionName(r.Action, r.EntityKey, r.Changes), What(db, r))).ToList();
            return new Log(id, items);
        }

        string What(AppDbContext db, AuditEntry r)
        {
            var en = AuditVocabulary.English;
            var changes = AuditReader.Read(db.Model, clock, r.Entity, r.Changes, r.Action);
            if (r.Entity == nameof(Person) && r.EntityKey == "export")
                return (en ? "Exported the ledger (covering the person's area)" : "导出台账（所在范围）") + (r.Action == AuditEntry.Reveal ? (en ? ", with full ID numbers" : "，含完整身份证号") : "");
            if (r.Entity == nameof(Person) && r.EntityKey.StartsWith("payment-batch:", StringComparison.Ordinal))
                return en ? $"Exported bank payment file {r.EntityKey[14..]} (with full ID numbers)" : $"导出拨付银行文件（批次 {r.EntityKey[14..]}，含完整身份证号）";
            if (r.Entity == nameof(Person) && r.Action == AuditEntry.Search)
                return (en ? "Exact search: " : "精确查找：") + string.Join(en ? "; " : "；",
                    changes.Where(c => c.Field is "search" or "query" or "purpose").Select(AuditReader.Line));
            if (r.Entity == nameof(Person) && r.Action == AuditEntry.Reveal)
            {
                if (changes.Any(c => c.Field == "eligibility"))
                    return (en ? "Subsidy eligibility check: " : "补贴资格查询：") + string.Join(en ? "; " : "；",
                        changes.Where(c => c.Field is "occupation" or "level" or "Eligible").Select(AuditReader.Line));
                var reason = changes.FirstOrDefault(c => c.Field == "reason")?.To;
                return (en ? "Viewed the full ID number and phone" : "查看完整身份证号和手机号")
                    + (reason is { Length: > 0 } ? (en ? $" (reason: {reason})" : $"（原因：{reason}）") : "");
            }
            var what = $"{AuditVocabulary.ActionName(r.Action)}{(en ? " " : "")}{AuditVocabulary.EntityName(r.Entity)}{(r.Entity == nameof(Person) ? "" : " #" + r.EntityKey)}";
            var fields = changes.Select(c => c.FieldName).Distinct().ToList();
            return r.Action == AuditEntry.Update && fields.Count > 0 ? $"{what}{(en ? ": " : "：")}{string.Join(en ? ", " : "、", fields)}" : what;
        }
    }

    /// <summary>An export recorded before exports carried their area: its filter's township or village, if any, must cover the person.</summary>
    static bool Covers(string? changes, string areaCode)
    {
        if (changes is null) return true;
        try
        {
            using var doc = JsonDocument.Parse(changes);
            if (!doc.RootElement.TryGetProperty("filter", out var f) || f.ValueKind != JsonValueKind.Object) return true;
            foreach (var name in new[] { nameof(PeopleFilter.VillageCode), nameof(PeopleFilter.TownshipCode) })
                if (f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } code && !areaCode.StartsWith(code, StringComparison.Ordinal))
                    return false;
            return true;
        }
        catch (JsonException) { return true; }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/{id:long}/access-log",
            async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
        .RequirePermission(Perm.PeopleAccessLog)
        .WithName(nameof(PersonAccessLog)).WithSummary("Who revealed, checked, exported or changed this person's data, and when (newest first; masked)");
}
