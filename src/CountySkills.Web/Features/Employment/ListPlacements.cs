namespace CountySkills.Web.Features.Employment;

/// <summary>Placements within the caller's scope (township: its people; employer: its workers), filtered and paged; and one with its follow-ups.</summary>
public static class ListPlacements
{
    public sealed record Query
    {
        public string? Q { get; set; }
        public long? PersonId { get; set; }
        public long? EmployerId { get; set; }
        public long? AgreementId { get; set; }
        public long? ClassId { get; set; }
        public int? Year { get; set; }
        public bool? Active { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long Id, long PersonId, string Name, string IdNumber, string EmployerName, string? Province, string? City, DestinationBand Band,
        string BandName, string? Position, DateOnly StartDate, long MonthlyWageFen, bool Organised, DateOnly? EndedOn, int FollowUpsOverdue);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Page> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            var list = db.Placements.AsNoTracking().Visible(user);
            if (q.PersonId is { } pid) list = list.Where(p => p.PersonId == pid);
            if (q.EmployerId is { } eid) list = list.Where(p => p.EmployerId == eid);
            if (q.AgreementId is { } aid) list = list.Where(p => p.AgreementId == aid);
            if (q.ClassId is { } cid) list = list.Where(p => p.ClassId == cid);
            if (q.Active is { } active) list = active ? list.Where(p => p.EndedOn == null) : list.Where(p => p.EndedOn != null);
            if (q.Year is { } y)
            {
                var (from, to) = (new DateOnly(Math.Clamp(y, 1, 9998), 1, 1), new DateOnly(Math.Clamp(y, 1, 9998) + 1, 1, 1));
                list = list.Where(p => p.StartDate >= from && p.StartDate < to);
            }
            if (!string.IsNullOrWhiteSpace(q.Q)) list = list.Where(p => p.Person!.Name.StartsWith(q.Q.Trim()) || p.EmployerName.Contains(q.Q.Trim()));
            var size = Math.Clamp(q.PageSize ?? 20, 1, 200);
            var page = Math.Clamp(q.Page ?? 1, 1, 100_000);
            var total = await list.CountAsync(ct);
            var rows = await list.OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id).Skip((page - 1) * size).Take(size).Select(p => new
            {
                p.Id, p.PersonId, p.Person!.Name, p.Person.IdNumber, p.EmployerName, p.Province, p.City, p.Band, p.Position, p.StartDate, p.MonthlyWageFen, p.Organised, p.EndedOn,
                Overdue = p.FollowUps.Count(f => !f.Cancelled && f.DoneOn == null && f.DueOn < today),
            }).ToListAsync(ct);
            return new Page(rows.Select(r => new Item(r.Id, r.PersonId, r.Name, IdNumber.Mask(r.IdNumber), r.EmployerName, r.Province, r.City, r.Band, Words.Of(r.Band),
                r.Position, r.StartDate, r.MonthlyWageFen, r.Organised, r.EndedOn, r.Overdue)).ToList(), total);
        }

        public async Task<Result<PlacementView>> One(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var p = await db.Placements.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.AreaCode, x.EmployerId }).SingleOrDefaultAsync(ct);
            if (p is null) return Result.NotFound("没有找到该就业记录");
            if (!user.CanSeeWork(p.AreaCode, p.EmployerId)) return Result.Forbidden("该就业记录不在您的权限范围内");
            return (await PlacementView.LoadAsync(db, id, clock.Today(), ct))!;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/placements", async ([AsParameters] Query q, Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(q, ct)))
            .WithName(nameof(ListPlacements)).WithSummary("Placements within the caller's scope, newest first").RequireWorkReaders();
        api.MapGet("/employment/placements/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.One(id, ct)).ToHttp())
            .WithName("GetPlacement").WithSummary("A placement with its follow-ups").RequireWorkReaders();
    }
}
