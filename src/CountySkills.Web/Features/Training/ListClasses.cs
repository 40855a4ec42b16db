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
        /// <summary>"today": classes with a session today whose attendance is not taken yet.</summary>
        public string? Attendance { get; set; }
        /// <summary>"open": classes with an inspection awaiting rectification; "overdue": one past its rectification date.</summary>
        public string? Inspection { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed record Item(long Id, string Name, long InstitutionId, string InstitutionName, string OccupationName, SkillLevel Level, string LevelName,
        ClassKind Kind, string KindName, bool Subsidised, DateOnly StartDate, DateOnly EndDate, int Capacity, int Enrolled,
        ClassStatus Status, string StatusName);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
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
            var today = clock.Today();
            switch (q.Attendance?.Trim().ToLowerInvariant())
            {
                case null or "": break;
                case "today": classes = classes.Where(c => db.Sessions.Any(x => x.ClassId == c.Id && x.Date == today && x.AttendanceTakenUtc == null)); break;
                default: return Result.Invalid("attendance", "attendance 应为 today（今天有课次未考勤）");
            }
            switch (q.Inspection?.Trim().ToLowerInvariant())
            {
                case null or "": break;
                case "open": classes = classes.Where(c => db.Inspections.Any(i => i.ClassId == c.Id && i.Status == InspectionStatus.Open)); break;
                case "overdue": classes = classes.Where(c => db.Inspections.Any(i => i.ClassId == c.Id && i.Status == InspectionStatus.Open && i.RectifyBy < today)); break;
                default: return Result.Invalid("inspection", "inspection 应为 open（待整改）或 overdue（整改逾期）");
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
