namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Entrepreneurship incubators (创业孵化园/基地) with the businesses, jobs and support they host: GET /api/entrepreneurship/incubators.</summary>
public static class ListIncubators
{
    public sealed record View(long Id, string Name, IncubatorKind Kind, string KindName, string AreaCode, string? Address, int Capacity, string? Services,
        int Businesses, int Jobs, long SupportFen, Guid Version);

    /// <param name="area">The caller's area limit (<see cref="Scope.AreaLimit"/>): incubators elsewhere are left out.</param>
    public static async Task<List<View>> Load(AppDbContext db, long? id, CancellationToken ct, string? area = null)
    {
        var q = db.Incubators.AsNoTracking();
        if (area is not null) q = q.Where(Scope.AreaPrefix<Incubator>(area));
        if (id is { } one) q = q.Where(i => i.Id == one);
        var rows = await q.OrderBy(i => i.Id).Select(i => new
        {
            I = i, Count = db.Businesses.Count(b => b.IncubatorId == i.Id), Jobs = db.Businesses.Where(b => b.IncubatorId == i.Id).Sum(b => (int?)b.JobsCreated) ?? 0,
            Fen = db.BusinessSupport.Where(s => db.Businesses.Any(b => b.Id == s.BusinessId && b.IncubatorId == i.Id)).Sum(s => (long?)s.AmountFen) ?? 0,
        }).ToListAsync(ct);
        return rows.Select(r => new View(r.I.Id, r.I.Name, r.I.Kind, Words.Of(r.I.Kind), r.I.AreaCode, r.I.Address, r.I.Capacity, r.I.Services, r.Count, r.Jobs, r.Fen, r.I.Version)).ToList();
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await Load(db, null, ct, user.AreaLimit());
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/entrepreneurship/incubators", (Handler h, CancellationToken ct) => h.List(ct)).WithName("ListIncubators")
            .WithSummary("Incubators with the businesses, jobs and support they host").RequirePermission(Perm.EntrepreneurshipRead);
}
