using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Employment;

/// <summary>Employers' job orders (用工订单) with the placements made under them: GET /api/employment/job-orders and …/{id} (employer staff: their own).</summary>
public static class ListJobOrders
{
    public sealed record View(long Id, string Title, long EmployerId, string EmployerName, long? OccupationId, string? OccupationName, int Headcount,
        long WageMinFen, long WageMaxFen, string? Province, string? City, DateOnly Deadline, JobOrderStatus Status, string StatusName, long? ClassId,
        int Placed, string? Note, Guid Version);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.JobOrders.AsNoTracking();
            if (user.IsInRole(Roles.EmployerStaff)) q = q.Where(o => o.EmployerId == (user.EmployerId ?? -1));
            if (id is { } one) q = q.Where(o => o.Id == one);
            var rows = await q.OrderByDescending(o => o.Id).Take(500).Select(o => new View(o.Id, o.Title, o.EmployerId, o.Employer!.Name, o.OccupationId, o.Occupation!.Name,
                o.Headcount, o.WageMinFen, o.WageMaxFen, o.Province, o.City, o.Deadline, o.Status, "", o.ClassId, db.Placements.Count(p => p.JobOrderId == o.Id),
                o.Note, o.Version)).ToListAsync(ct);
            return rows.Select(r => r with { StatusName = Words.Of(r.Status) }).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/job-orders", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName(nameof(ListJobOrders))
            .WithSummary("Job orders (employer staff: their own) with placements made").RequireWorkReaders();
        api.MapGet("/employment/job-orders/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.List(id, ct)).SingleOrDefault() is { } v ? Results.Ok(v) : Http.Problem(404, "没有找到该用工订单"))
            .WithName("GetJobOrder").RequireWorkReaders();
    }
}
