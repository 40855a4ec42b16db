namespace CountySkills.Web.Features.Training;

/// <summary>Classes within the caller's scope (institution staff: their own), filtered and paged.</summary>
public static class ListClasses
{
    public sealed record Query
    {
        public string? Q { get; set; }
        public string? Status { get; set; }
        public long? InstitutionId { get; set; }
        public long? OccupationId { get; set; }
        public int? Year { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long Id, string Name, long InstitutionId, string InstitutionName, string OccupationName, SkillLevel Level, string LevelName,
        ClassKind Kind, string KindName, bool Subsidised, DateOnly StartDate, DateOnly EndDate, int Capacity, int Enrolled,
        ClassStatus Status, string StatusName);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var classes = db.Classes.AsNoTracking().OwnedBy(user);
            if (!string.IsNullOrWhiteSpace(q.Status))
            {
                if (!Zh.TryParse<ClassStatus>(q.Status, out var s)) return Result.Invalid("status", $"未知的培训班状态：{q.Status}");
                classes = classes.Where(c => c.Status == s);
            }
            if (q.InstitutionId is { } inst) classes = classes.Where(c => c.InstitutionId == inst);
            if (q.OccupationId is { } occ) classes = classes.Where(c => c.OccupationId == occ);
            if (q.Year is { } y)
            {
                var (from, to) = (new DateOnly(Math.Clamp(y, 1, 9998), 1, 1), new DateOnly(Math.Clamp(y, 1, 9998) + 1, 1, 1));
                classes = classes.Where(c => c.StartDate >= from && c.StartDate < to);
            }
            if (!string.IsNullOrWhiteSpace(q.Q)) classes = classes.Where(c => c.Name.Contains(q.Q.Trim()));
            var size = Math.Clamp(q.PageSize ?? 20, 1, 200);
            var page = Math.Clamp(q.Page ?? 1, 1, 100_000);
            var total = await classes.CountAsync(ct);
            var rows = await classes.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size)
                .Select(c => new
                {
                    c.Id, c.Name, c.InstitutionId, Institution = c.Institution!.Name, Occupation = c.Occupation!.Name, c.Level, c.Kind, c.Subsidised,
                    c.StartDate, c.EndDate, c.Capacity, c.Status,
                    Enrolled = db.Enrolments.Count(e => e.ClassId == c.Id && e.Status == EnrolmentStatus.Active),
                }).ToListAsync(ct);
            return new Page(rows.Select(r => new Item(r.Id, r.Name, r.InstitutionId, r.Institution, r.Occupation, r.Level, Words.Of(r.Level), r.Kind, Words.Of(r.Kind),
                r.Subsidised, r.StartDate, r.EndDate, r.Capacity, r.Enrolled, r.Status, Words.Of(r.Status))).ToList(), total);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/training/classes",
            async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
        .WithName(nameof(ListClasses)).WithSummary("Training classes within the caller's scope, newest first").RequireReaders();
}
