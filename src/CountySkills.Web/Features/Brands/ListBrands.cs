namespace CountySkills.Web.Features.Brands;

/// <summary>
/// Labour brands (劳务品牌): GET /api/brands, with figures: members, trained in the brand's classes, placed this year, active in partner cities,
/// average monthly wage, valid complaints, and jobs driven by members' businesses.
/// </summary>
public static class ListBrands
{
    public sealed record Figures(int Members, int Trained, int PlacedThisYear, int ActiveInPartnerCities, long? AverageWageFen, int Complaints, int JobsDriven);

    public sealed record Partner(long EmployerId, string EmployerName, BrandPartnerRole Role, string RoleName);

    /// <summary>A brand as every reader gets it; <c>schemeTemplate</c> says which template its star scheme is (null for its own).</summary>
    public sealed record View(long Id, string Name, string? TrademarkNumber, string Owner, string Category, string HomeAreaCode, string? Standards,
        string? SkillLeaders, string? Description, IReadOnlyList<StarStep> StarScheme, IReadOnlyList<Partner> Partners, IReadOnlyList<long> LabourBaseIds,
        Figures Figures, Guid Version, StarSchemeTemplate? SchemeTemplate);

    public static async Task<Figures> FiguresAsync(AppDbContext db, long brandId, DateOnly today, CancellationToken ct)
    {
        var from = new DateOnly(today.Year, 1, 1);
        var members = db.BrandMembers.Where(m => m.BrandId == brandId && m.RevokedUtc == null);
        var active = db.Placements.Where(p => p.EndedOn == null && members.Any(m => m.PersonId == p.PersonId));
        return new Figures(
            await members.CountAsync(ct),
            await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Active && e.Class!.BrandId == brandId, ct),
            await db.Placements.CountAsync(p => p.StartDate >= from && (p.BrandId == brandId || members.Any(m => m.PersonId == p.PersonId)), ct),
            await active.CountAsync(p => p.Band != DestinationBand.InCounty, ct),
            (long?)await active.Select(p => (double?)p.MonthlyWageFen).AverageAsync(ct),
            await db.Feedback.CountAsync(f => f.Kind == FeedbackKind.Complaint && f.Valid && db.BrandMembers.Any(m => m.Id == f.MemberId && m.BrandId == brandId), ct),
            await db.Businesses.Where(b => b.BrandId == brandId || members.Any(m => m.PersonId == b.FounderId)).SumAsync(b => (int?)b.JobsCreated, ct) ?? 0);
    }

    /// <summary>The brands (or the one brand) with partners, bases and figures.</summary>
    public static async Task<List<View>> Load(AppDbContext db, long? id, DateOnly today, CancellationToken ct)
    {
        var q = db.Brands.AsNoTracking().Include(b => b.Partners).ThenInclude(p => p.Employer).AsQueryable();
        if (id is { } one) q = q.Where(b => b.Id == one);
        var list = new List<View>();
        foreach (var b in await q.OrderBy(b => b.Id).ToListAsync(ct))
        {
            var bases = await db.BrandBases.Where(x => x.BrandId == b.Id).OrderBy(x => x.Id).Select(x => x.LabourBaseId).ToListAsync(ct);
            var scheme = b.StarScheme;
            list.Add(new View(b.Id, b.Name, b.TrademarkNumber, b.Owner, b.Category, b.HomeAreaCode, b.Standards, b.SkillLeaders, b.Description, scheme,
                b.Partners.OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new Partner(p.EmployerId, p.Employer!.Name, p.Role, Words.Of(p.Role))).ToList(), bases,
                await FiguresAsync(db, b.Id, today, ct), b.Version, Brand.TemplateOf(scheme)));
        }
        return list;
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await Load(db, null, clock.Today(), ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/brands", (Handler h, CancellationToken ct) => h.List(ct)).WithName("ListBrands").WithSummary("Labour brands with their figures").RequireBrandReaders();
}
