namespace CountySkills.Web.Features.Employment;

/// <summary>Labour cooperation bases (劳务协作基地) in partner cities with this year's placements in their city: GET /api/employment/bases.</summary>
public static class ListLabourBases
{
    public sealed record View(long Id, string Name, string Province, string City, string? Address, string? ContactName, string? ContactPhone,
        long? EmployerId, string? EmployerName, string? Note, int PlacedThisYear, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(CancellationToken ct) => await List(null, ct);

        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (from, to) = (new DateOnly(clock.Today().Year, 1, 1), new DateOnly(clock.Today().Year, 12, 31));
            var q = db.LabourBases.AsNoTracking();
            if (id is { } one) q = q.Where(b => b.Id == one);
            return await q.OrderBy(b => b.Id).Select(b => new View(b.Id, b.Name, b.Province, b.City, b.Address, b.ContactName,
                b.ContactPhone, b.EmployerId, b.Employer!.Name, b.Note,
                db.Placements.Count(p => p.StartDate >= from && p.StartDate <= to && p.City == b.City && (b.EmployerId == null || p.EmployerId == b.EmployerId)), b.Version)).ToListAsync(ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/bases", (Handler h, CancellationToken ct) => h.List(ct)).WithName(nameof(ListLabourBases))
            .WithSummary("Labour cooperation bases with this year's placements in their city").RequireWorkReaders();
}
