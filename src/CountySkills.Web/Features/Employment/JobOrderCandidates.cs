using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Employment;

/// <summary>The passed trainees of an order's class not yet placed, offered for placement: GET /api/employment/job-orders/{id}/candidates.</summary>
public static class JobOrderCandidates
{
    public sealed record Candidate(long PersonId, string Name, string IdNumber, bool? Passed, string? CertificateNumber);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<List<Candidate>>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.JobOrders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null) return Result.NotFound("没有找到该用工订单");
            if (!user.MayWriteOrdersOf(o.EmployerId) && !user.SeesEverything) return Result.Forbidden("只能查看本单位的订单");
            if (o.ClassId is not { } classId) return new List<Candidate>();
            var rows = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active && e.Passed == true
                    && !db.Placements.Any(p => p.PersonId == e.PersonId && p.EndedOn == null))
                .Select(e => new { e.PersonId, e.Person!.Name, e.Person.IdNumber, e.Passed,
                    Number = db.Certificates.Where(c => c.EnrolmentId == e.Id && c.RevokedUtc == null).Select(c => c.Number).FirstOrDefault() })
                .ToListAsync(ct);
            return rows.Select(r => new Candidate(r.PersonId, r.Name, IdNumber.Mask(r.IdNumber), r.Passed, r.Number)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/job-orders/{id:long}/candidates", async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
            .WithName(nameof(JobOrderCandidates)).RequireWorkReaders().WithSummary("Passed trainees of the order's class not yet placed");
}
