namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Businesses founded by people of the ledger (返乡创业, e-commerce firms, moxibustion shops …) with their support:
/// GET /api/entrepreneurship/businesses?incubatorId=&amp;brandId=. Township officers see their township's; founders' ID numbers are masked.</summary>
public static class ListBusinesses
{
    public sealed record Aid(long Id, SupportKind Kind, string KindName, long AmountFen, DateOnly From, DateOnly? To, string? Note);

    public sealed record View(long Id, string Name, BusinessKind Kind, string KindName, long FounderId, string FounderName, string FounderIdNumber, string AreaCode,
        long? IncubatorId, string? IncubatorName, long? BrandId, string? BrandName, string? RegistrationCode, DateOnly StartDate, int JobsCreated,
        IReadOnlyList<Aid> Support, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<List<View>> List(long? id, long? incubatorId, long? brandId, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Businesses.AsNoTracking().VisibleTo(user);
            if (id is { } one) q = q.Where(b => b.Id == one);
            if (incubatorId is { } inc) q = q.Where(b => b.IncubatorId == inc);
            if (brandId is { } br) q = q.Where(b => b.BrandId == br);
            var rows = await q.OrderByDescending(b => b.StartDate).ThenByDescending(b => b.Id).Take(500)
                .Select(b => new { B = b, Aid = b.Support.ToList(), Founder = b.Founder!.Name, b.Founder.IdNumber, Incubator = b.Incubator!.Name, Brand = b.Brand!.Name }).ToListAsync(ct);
            return rows.Select(r => new View(r.B.Id, r.B.Name, r.B.Kind, Words.Of(r.B.Kind), r.B.FounderId, r.Founder, IdNumber.Mask(r.IdNumber), r.B.AreaCode, r.B.IncubatorId,
                r.Incubator, r.B.BrandId, r.Brand, r.B.RegistrationCode, r.B.StartDate, r.B.JobsCreated,
                r.Aid.OrderBy(s => s.From).ThenBy(s => s.Id).Select(s => new Aid(s.Id, s.Kind, Words.Of(s.Kind), s.AmountFen, s.From, s.To, s.Note)).ToList(), r.B.Version)).ToList();
        }

        public async Task<View?> One(long id, CancellationToken ct) => (await List(id, null, null, ct)).SingleOrDefault();
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/entrepreneurship/businesses", (long? incubatorId, long? brandId, Handler h, CancellationToken ct) => h.List(null, incubatorId, brandId, ct))
            .WithName("ListBusinesses").WithSummary("Businesses founded by people of the ledger, with their support").RequirePermission(Perm.EntrepreneurshipRead);
}
