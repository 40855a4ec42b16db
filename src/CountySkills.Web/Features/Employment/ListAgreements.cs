namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Labour cooperation agreements (劳务协作协议): parties, dates, a yearly quota, benefits, status, and progress (placements made under
/// it this year against the quota): GET /api/employment/agreements and …/{id}. Everyone who reads employment sees them.
/// </summary>
public static class ListAgreements
{
    public sealed record View(long Id, string Title, string PartnerName, string? PartnerProvince, string? PartnerCity, long? EmployerId, string? EmployerName,
        long? LabourBaseId, string? LabourBaseName, DateOnly StartDate, DateOnly EndDate, int QuotaPerYear, AgreementBenefits Benefits,
        IReadOnlyList<string> BenefitNames, AgreementStatus Status, string StatusName, bool InForce, int PlacedThisYear, decimal? Progress, string? Note, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            var (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
            var q = db.Agreements.AsNoTracking();
            if (id is { } one) q = q.Where(a => a.Id == one);
            var rows = await q.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id).Select(a => new
            {
                A = a, Employer = a.Employer!.Name, Base = a.LabourBase!.Name,
                Placed = db.Placements.Count(p => p.AgreementId == a.Id && p.StartDate >= from && p.StartDate <= to),
            }).ToListAsync(ct);
            return rows.Select(r => new View(r.A.Id, r.A.Title, r.A.PartnerName, r.A.PartnerProvince, r.A.PartnerCity, r.A.EmployerId, r.Employer, r.A.LabourBaseId, r.Base,
                r.A.StartDate, r.A.EndDate, r.A.QuotaPerYear, r.A.Benefits,
                Enum.GetValues<AgreementBenefits>().Where(b => b != AgreementBenefits.None && r.A.Benefits.HasFlag(b)).Select(b => Words.Of(b)).ToList(),
                r.A.Status, Words.Of(r.A.Status), r.A.InForce(today), r.Placed, r.A.QuotaPerYear > 0 ? Math.Round(100m * r.Placed / r.A.QuotaPerYear, 1) : null,
                r.A.Note, r.A.Version)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/agreements", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName(nameof(ListAgreements))
            .WithSummary("Labour cooperation agreements with this year's placements against the quota").RequireWorkReaders();
        api.MapGet("/employment/agreements/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.List(id, ct)).SingleOrDefault() is { } v ? Results.Ok(v) : Http.Problem(404, "没有找到该协议"))
            .WithName("GetAgreement").RequireWorkReaders();
    }
}
