namespace CountySkills.Web.Features.Admin;

/// <summary>
/// GET /api/audit?user=&amp;area=&amp;entity=&amp;entityKey=&amp;from=&amp;to=&amp;action=&amp;page=&amp;pageSize= → {items, total}: the append-only
/// audit log, newest first, as auditors read it (<see cref="AuditItem"/>). There is deliberately no endpoint that changes it.
/// </summary>
public static class ListAudit
{
    public sealed record Page(IReadOnlyList<AuditItem> Items, int Total);

    public const int MaxPageSize = 500;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result<Page>> Handle(AuditFilter filter, int page, int pageSize, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = filter.Apply(db, clock);
            if (!filtered.IsOk) return filtered.AsFailure();
            var q = filtered.Value!;
            var size = Math.Clamp(pageSize, 1, MaxPageSize);
            var skip = (Math.Clamp(page, 1, 1_000_000) - 1) * size;
            var total = await q.CountAsync(ct);
            var rows = await q.OrderByDescending(x => x.Id).Skip(skip).Take(size).ToListAsync(ct);
            var names = await DisplayNames.ForAsync(db, rows.Select(r => (r.UserId, r.UserName)), ct);
            return new Page(rows.Select(r => AuditItem.Of(r, db.Model, clock, names)).ToList(), total);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit",
            async ([AsParameters] AuditFilter filter, int? page, int? pageSize, Handler h, CancellationToken ct) =>
                (await h.Handle(filter, page ?? 1, pageSize ?? 50, ct)).ToHttp())
        .RequirePermission(Perm.AuditRead).WithTags("Admin")
        .WithName(nameof(ListAudit)).WithSummary("The audit log, newest first, in words: entity and field names, enum words, yuan, masked personal data");
}
