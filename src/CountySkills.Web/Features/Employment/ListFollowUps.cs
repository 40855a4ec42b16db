namespace CountySkills.Web.Features.Employment;

/// <summary>
/// The follow-up work list: GET /api/employment/follow-ups?state=due|overdue|open|done|upcoming. A township officer gets their township's,
/// an employer its own workers', county staff all (optionally one township). "open" = due and overdue, oldest first.
/// </summary>
public static class ListFollowUps
{
    public sealed record Query
    {
        public string? State { get; set; }
        public string? Township { get; set; }
        public long? PlacementId { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long Id, long PlacementId, long PersonId, string Name, string IdNumber, string? Phone, string? TownshipName, string EmployerName,
        string? City, int Months, DateOnly DueOn, FollowUpState State, string StateName, int DaysOverdue, DateOnly? DoneOn, bool? StillEmployed, long? WageFen,
        IReadOnlyList<string> Problems, Guid Version);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int Overdue, int Due);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            var soon = today.AddDays(7);
            var all = db.FollowUps.AsNoTracking().Visible(user).Where(f => !f.Cancelled);
            if (!string.IsNullOrWhiteSpace(q.Township))
            {
                if (q.Township.Length != 9 || !q.Township.All(char.IsAsciiDigit)) return Result.Invalid("township", "乡镇代码应为 9 位数字");
                var t = q.Township;
                all = all.Where(f => f.AreaCode.StartsWith(t));
            }
            if (q.PlacementId is { } pid) all = all.Where(f => f.PlacementId == pid);
            var overdue = await all.CountAsync(f => f.DoneOn == null && f.DueOn < today, ct);
            var due = await all.CountAsync(f => f.DoneOn == null && f.DueOn >= today && f.DueOn <= soon, ct);
            var list = (q.State ?? "open").ToLowerInvariant() switch
            {
                "overdue" => all.Where(f => f.DoneOn == null && f.DueOn < today),
                "due" => all.Where(f => f.DoneOn == null && f.DueOn >= today && f.DueOn <= soon),
                "open" => all.Where(f => f.DoneOn == null && f.DueOn <= soon),
                "upcoming" => all.Where(f => f.DoneOn == null && f.DueOn > soon),
                "done" => all.Where(f => f.DoneOn != null),
                "all" => all,
                _ => null,
            };
            if (list is null) return Result.Invalid("state", "state 应为 open、due、overdue、upcoming、done 或 all");
            var size = Math.Clamp(q.PageSize ?? 50, 1, 500);
            var page = Math.Clamp(q.Page ?? 1, 1, 100_000);
            var total = await list.CountAsync(ct);
            var rows = await (q.State == "done" ? list.OrderByDescending(f => f.DoneOn) : list.OrderBy(f => f.DueOn)).ThenBy(f => f.Id)
                .Skip((page - 1) * size).Take(size)
                .Join(db.Placements, f => f.PlacementId, p => p.Id, (f, p) => new { F = f, p.EmployerName, p.City, p.Person!.Name, p.Person.IdNumber, p.Person.Phone })
                .ToListAsync(ct);
            var townships = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
            return new Page(rows.Select(r => new Item(r.F.Id, r.F.PlacementId, r.F.PersonId, r.Name, IdNumber.Mask(r.IdNumber), Phone.Mask(r.Phone),
                townships.GetValueOrDefault(r.F.AreaCode[..Math.Min(9, r.F.AreaCode.Length)]), r.EmployerName, r.City, r.F.Months, r.F.DueOn, r.F.StateOn(today),
                Words.Of(r.F.StateOn(today)), r.F.DoneOn is null && r.F.DueOn < today ? today.DayNumber - r.F.DueOn.DayNumber : 0, r.F.DoneOn, r.F.StillEmployed, r.F.WageFen,
                PlacementView.ProblemsOf(r.F.Problems), r.F.Version)).ToList(), total, overdue, due);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/employment/follow-ups", async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(ListFollowUps)).WithSummary("Follow-ups due, overdue or done within the caller's scope (a township officer's work list)").RequireWorkReaders();
}
