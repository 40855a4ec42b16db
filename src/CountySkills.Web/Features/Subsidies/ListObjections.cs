namespace CountySkills.Web.Features.Subsidies;

/// <summary>Objections filed during a notice, for county staff: GET /api/subsidies/objections?status=Open (all, optionally by status) and
/// GET /api/subsidies/claims/{id}/objections (one claim's). Resolving one is ResolveObjection.</summary>
public static class ListObjections
{
    public sealed record View(long Id, long ClaimId, string ClaimNumber, long? LineId, string? LineName, string Contact, string Text, DateTime FiledUtc,
        ObjectionStatus Status, string StatusName, string? Resolution, string? ResolvedBy, DateTime? ResolvedUtc, Guid Version);

    internal static async Task<List<View>> LoadAsync(AppDbContext db, IQueryable<Objection> q, CancellationToken ct) =>
        (await q.OrderBy(o => o.Id).Select(o => new View(o.Id, o.ClaimId,
            db.Claims.Where(c => c.Id == o.ClaimId).Select(c => c.Number).First(), o.LineId,
            db.ClaimLines.Where(l => l.Id == o.LineId).Select(l => l.Person!.Name).FirstOrDefault(), o.Contact, o.Text, o.FiledUtc, o.Status, "", o.Resolution,
            o.ResolvedBy, o.ResolvedUtc, o.Version)).ToListAsync(ct))
        .Select(v => v with { StatusName = Words.Of(v.Status) }).ToList();

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<List<View>>> ForClaim(long claimId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClaimAsync(claimId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            return await LoadAsync(db, db.Objections.AsNoTracking().Where(o => o.ClaimId == claimId), ct);
        }

        public async Task<List<View>> All(ObjectionStatus? status, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Objections.AsNoTracking();
            if (status is { } s) q = q.Where(o => o.Status == s);
            return await LoadAsync(db, q, ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subsidies/claims/{id:long}/objections", async (long id, Handler h, CancellationToken ct) => (await h.ForClaim(id, ct)).ToHttp())
            .WithName("ListClaimObjections").WithSummary("Objections filed against a claim's notice (county staff and auditors: the objector's contact is protected)")
            .RequirePermission(Perm.SubsidiesFinance);
        api.MapGet("/subsidies/objections", async (string? status, Handler h, CancellationToken ct) =>
            {
                ObjectionStatus? s = null;
                if (!string.IsNullOrWhiteSpace(status))
                {
                    if (!Zh.TryParse<ObjectionStatus>(status, out var parsed)) return Http.Problem(400, $"未知的异议状态：{status}");
                    s = parsed;
                }
                return Results.Ok(await h.All(s, ct));
            })
            .WithName("ListObjections").WithSummary("All objections, optionally by status (Open, Upheld, Dismissed)")
            .RequirePermission(Perm.SubsidiesFinance);
    }
}
