namespace CountySkills.Web.Features.People;

/// <summary>The ledger list: server-side paging, sort and filters, always within the caller's scope, personal data masked. A search
/// by full ID number, phone or ID prefix into the birth date is an exact search (<see cref="ExactSearch"/>): permitted roles only,
/// counted per minute, audited.</summary>
public static class ListPeople
{
    public sealed record Query
    {
        public string? Q { get; set; }
        public string? TownshipCode { get; set; }
        public string? VillageCode { get; set; }
        public string? Tag { get; set; }
        public string? Status { get; set; }
        public int? AgeMin { get; set; }
        public int? AgeMax { get; set; }
        /// <summary>true: has been on a class's roster; false: never.</summary>
        public bool? Trained { get; set; }
        /// <summary>true: holds a certificate; false: holds none.</summary>
        public bool? Certified { get; set; }
        /// <summary>Only records the township must complete (Person.LedgerIncomplete).</summary>
        public bool? Incomplete { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
        /// <summary>name | age | township | id (default); Desc reverses.</summary>
        public string? Sort { get; set; }
        public bool? Desc { get; set; }

        public PeopleFilter Filter => new(Q, TownshipCode, VillageCode, Tag, Status, AgeMin, AgeMax, Trained, Certified, Incomplete);
    }

    public sealed record Page(IReadOnlyList<PersonView> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, ExactSearch.Gate search, LedgerCounts counts)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            var today = clock.Today();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var filtered = await q.Filter.ApplyAsync(db, user, today, search, ct);
            if (!filtered.IsOk) return filtered.AsFailure();
            var people = filtered.Value!;
            var size = Math.Clamp(q.PageSize ?? 20, 1, 200);
            var page = Math.Clamp(q.Page ?? 1, 1, 1_000_000);
            var total = await counts.CountAsync(db, people, q.Filter, user, today, ct);
            if (q.Filter.Exact is { } kind) await search.AuditAsync(db, kind, q.Q!, people, total, ExactSearch.Purpose.Ledger, ct);
            var sorted = (q.Sort?.ToLowerInvariant(), q.Desc == true) switch
            {
                ("name", false) => people.OrderBy(p => p.Name).ThenBy(p => p.Id),
                ("name", true) => people.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
                ("age", false) => people.OrderByDescending(p => p.BirthDate).ThenBy(p => p.Id),
                ("age", true) => people.OrderBy(p => p.BirthDate).ThenBy(p => p.Id),
                ("township", false) => people.OrderBy(p => p.AreaCode).ThenBy(p => p.Id),
                ("township", true) => people.OrderByDescending(p => p.AreaCode).ThenBy(p => p.Id),
                (_, true) => people.OrderByDescending(p => p.Id),
                _ => people.OrderBy(p => p.Id),
            };
            var items = await PersonView.Project(sorted.Skip((page - 1) * size).Take(size), db).ToListAsync(ct);
            return new Page(items.Select(i => i.Masked(today)).ToList(), total);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people",
            async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
        .WithName(nameof(ListPeople)).ProducesProblem(StatusCodes.Status429TooManyRequests).WithSummary("The labour-force ledger, paged, sorted and filtered within the caller's scope");
}
