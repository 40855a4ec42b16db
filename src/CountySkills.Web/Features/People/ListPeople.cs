namespace CountySkills.Web.Features.People;

/// <summary>The ledger list: server-side paging and filters, always within the caller's scope, personal data masked.</summary>
public static class ListPeople
{
    public sealed record Query(string? Q = null, string? TownshipCode = null, string? VillageCode = null, string? Tag = null,
        string? Status = null, int? AgeMin = null, int? AgeMax = null, int Page = 1, int PageSize = 20);

    public sealed record Page(IReadOnlyList<PersonView> Items, int Total);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<Page>> Handle(Query q, CancellationToken ct)
        {
            if (q.TownshipCode is { } t && !user.CanSeeArea(t)) return Result.Forbidden("您的权限范围不包括该乡镇");
            if (q.VillageCode is { } v && !user.CanSeeArea(v)) return Result.Forbidden("您的权限范围不包括该村");
            var today = clock.Today();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var people = db.People.AsNoTracking().VisibleTo(user);
            if (!string.IsNullOrWhiteSpace(q.TownshipCode)) people = people.Where(p => p.TownshipCode == q.TownshipCode);
            if (!string.IsNullOrWhiteSpace(q.VillageCode)) people = people.Where(p => p.AreaCode == q.VillageCode);
            if (!string.IsNullOrWhiteSpace(q.Tag))
            {
                if (!Enum.TryParse<PersonTags>(q.Tag, true, out var tag)) return Result.Invalid("tag", $"未知的人员标签：{q.Tag}");
                people = people.Where(p => (p.Tags & tag) == tag);
            }
            if (!string.IsNullOrWhiteSpace(q.Status))
            {
                if (!Enum.TryParse<EmploymentStatus>(q.Status, true, out var status)) return Result.Invalid("status", $"未知的就业状态：{q.Status}");
                people = people.Where(p => p.EmploymentStatus == status);
            }
            if (q.AgeMin is { } min) { var latest = today.AddYears(-min); people = people.Where(p => p.BirthDate <= latest); }
            if (q.AgeMax is { } max) { var earliest = today.AddYears(-max - 1).AddDays(1); people = people.Where(p => p.BirthDate >= earliest); }
            if (!string.IsNullOrWhiteSpace(q.Q))
            {
                var s = q.Q.Trim();
                var id = Domain.IdNumber.Normalise(s);
                people = s.Length >= 15 && id.Length is 15 or 18 ? people.Where(p => p.IdNumber == id)
                    : s.Length == 11 && s.All(char.IsAsciiDigit) ? people.Where(p => p.Phone == s)
                    : people.Where(p => p.Name.StartsWith(s));
            }
            var size = Math.Clamp(q.PageSize, 1, 200);
            var page = Math.Max(1, q.Page);
            var total = await people.CountAsync(ct);
            var items = await PersonView.Project(people.OrderBy(p => p.Id).Skip((page - 1) * size).Take(size), db, today).ToListAsync(ct);
            return new Page(items.Select(i => i.Masked(today)).ToList(), total);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people",
            async ([AsParameters] Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
        .WithName(nameof(ListPeople)).WithSummary("The labour-force ledger, paged and filtered within the caller's scope");
}
