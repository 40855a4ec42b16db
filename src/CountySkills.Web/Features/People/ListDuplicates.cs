namespace CountySkills.Web.Features.People;

/// <summary>Possible duplicates for review: same name and birth date in one village, or the same phone number.</summary>
public static class ListDuplicates
{
    public sealed record Group(string Reason, string Key, IReadOnlyList<PersonView> People);

    public const string SameNameBirthVillage = "same_name_birth_village", SamePhone = "same_phone";

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Group>> Handle(int max, CancellationToken ct)
        {
            max = Math.Clamp(max, 1, 500);
            var today = clock.Today();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var people = db.People.AsNoTracking().VisibleTo(user).Where(p => p.MergedIntoId == null);
            var byName = await people.GroupBy(p => new { p.AreaCode, p.Name, p.BirthDate }).Where(g => g.Count() > 1)
                .Select(g => g.Key).Take(max).ToListAsync(ct);
            var byPhone = await people.Where(p => p.Phone != null).GroupBy(p => p.Phone!).Where(g => g.Count() > 1)
                .Select(g => g.Key).Take(max).ToListAsync(ct);
            var groups = new List<Group>();
            foreach (var k in byName)
            {
                var members = await PersonView.Project(people.Where(p => p.AreaCode == k.AreaCode && p.Name == k.Name && p.BirthDate == k.BirthDate).OrderBy(p => p.Id), db).ToListAsync(ct);
                groups.Add(new Group(SameNameBirthVillage, $"{k.Name} {PersonalData.BirthYear(k.BirthDate)}", members.Select(m => m.Masked(today)).ToList()));
            }
            foreach (var phone in byPhone)
            {
                var members = await PersonView.Project(people.Where(p => p.Phone == phone).OrderBy(p => p.Id), db).ToListAsync(ct);
                groups.Add(new Group(SamePhone, Phone.Mask(phone), members.Select(m => m.Masked(today)).ToList()));
            }
            return groups;
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/duplicates",
            async (int? max, Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(max ?? 100, ct)))
        .WithName(nameof(ListDuplicates)).WithSummary("Possible duplicates within the caller's scope");
}
