using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Admin;

/// <summary>Browse the append-only audit log (auditors and admins). There is deliberately no endpoint that changes it.</summary>
public static class ListAudit
{
    public sealed record Query(string? Entity = null, string? EntityKey = null, string? User = null, string? Action = null,
        DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

    public sealed record Item(long Id, DateTime AtUtc, string UserName, string Action, string Entity, string EntityKey, string? Changes);
    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public const string AllowedRoles = $"{Roles.Admin},{Roles.Auditor}";

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Page> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var a = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q.Entity)) a = a.Where(x => x.Entity == q.Entity);
            if (!string.IsNullOrWhiteSpace(q.EntityKey)) a = a.Where(x => x.EntityKey == q.EntityKey);
            if (!string.IsNullOrWhiteSpace(q.User)) a = a.Where(x => x.UserName == q.User);
            if (!string.IsNullOrWhiteSpace(q.Action)) a = a.Where(x => x.Action == q.Action);
            if (q.FromUtc is { } from) { var f = DateTime.SpecifyKind(from, DateTimeKind.Utc); a = a.Where(x => x.AtUtc >= f); }
            if (q.ToUtc is { } to) { var t = DateTime.SpecifyKind(to, DateTimeKind.Utc); a = a.Where(x => x.AtUtc < t); }
            var size = Math.Clamp(q.PageSize, 1, 500);
            var total = await a.CountAsync(ct);
            var items = await a.OrderByDescending(x => x.Id).Skip((Math.Clamp(q.Page, 1, 1_000_000) - 1) * size).Take(size)
                .Select(x => new Item(x.Id, x.AtUtc, x.UserName, x.Action, x.Entity, x.EntityKey, x.Changes)).ToListAsync(ct);
            return new Page(items, total);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit",
            async ([AsParameters] Query q, Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(q, ct)))
        .RequirePermission(Perm.AuditRead)
        .WithName(nameof(ListAudit)).WithSummary("The audit log, newest first (Admin, Auditor)");
}
