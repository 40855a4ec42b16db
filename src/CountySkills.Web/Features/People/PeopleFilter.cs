namespace CountySkills.Web.Features.People;

/// <summary>The ledger's filters, shared by the list, the export and the page (one meaning of "these people").</summary>
public sealed record PeopleFilter(string? Q = null, string? TownshipCode = null, string? VillageCode = null, string? Tag = null,
    string? Status = null, int? AgeMin = null, int? AgeMax = null, bool? Trained = null, bool? Certified = null,
    bool? Incomplete = null)
{
    /// <summary>The exact search <see cref="Q"/> makes (a full ID number, a phone, an ID prefix into the birth date), if any.</summary>
    public ExactSearch.Kind? Exact => ExactSearch.KindOf(Q);

    /// <summary>The filter as the audit log keeps it: an exact query masked as its kind is, any other run of digits in it too.</summary>
    public PeopleFilter Masked() => this with { Q = Exact is not null ? ExactSearch.Masked(Q) : Q is { } q ? PersonalData.MaskFreeText(q) : null };

    /// <summary>Applies scope and filters; merged records never appear (searching one's ID finds its survivor). An exact query needs
    /// <see cref="Perm.PeopleSearchExact"/> (else 403 search.exact_forbidden) and counts against the caller's limit (429 search.throttled);
    /// the caller audits it with the number of matches. Only people inside the caller's scope ever match.</summary>
    public async Task<Result<IQueryable<Person>>> ApplyAsync(AppDbContext db, CurrentUser user, DateOnly today, ExactSearch.Gate search, CancellationToken ct)
    {
        // Naming a place outside the scope stays 403: it names a place, not a person.
        if (TownshipCode is { Length: > 0 } t && !user.CanSeeArea(t)) return Result.Forbidden("您的权限范围不包括该乡镇");
        if (VillageCode is { Length: > 0 } v && !user.CanSeeArea(v)) return Result.Forbidden("您的权限范围不包括该村");
        if (AgeMin is < 0 or > 150 || AgeMax is < 0 or > 150 || AgeMin > AgeMax) return Result.Invalid("ageMin", "年龄范围应在 0 到 150 之间，且下限不大于上限");
        if (Exact is not null && await search.AdmitAsync(db, ct, needsPermission: true) is { } refused) return refused;
        var people = db.People.AsNoTracking().VisibleTo(user).Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(TownshipCode)) people = people.Where(p => p.TownshipCode == TownshipCode);
        if (!string.IsNullOrWhiteSpace(VillageCode)) people = people.Where(p => p.AreaCode == VillageCode);
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            if (!PersonVocabulary.TryParse(PersonVocabulary.Tags, Tag, out PersonTags tag)) return Result.Invalid("tag", $"未知的人员类别：{Tag}");
            people = people.Where(p => (p.Tags & tag) == tag);
        }
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (!PersonVocabulary.TryParse(PersonVocabulary.Statuses, Status, out EmploymentStatus status)) return Result.Invalid("status", $"未知的就业状态：{Status}");
            people = people.Where(p => p.EmploymentStatus == status);
        }
        if (AgeMin is { } min) { var latest = today.AddYears(-min); people = people.Where(p => p.BirthDate <= latest); }
        if (AgeMax is { } max) { var earliest = today.AddYears(-max - 1).AddDays(1); people = people.Where(p => p.BirthDate >= earliest); }
        // Trained: on the roster of any class (not withdrawn); certified: holds a certificate that was not revoked.
        if (Trained is { } trained)
            people = trained ? people.Where(p => db.Enrolments.Any(e => e.PersonId == p.Id && e.Status == EnrolmentStatus.Active))
                : people.Where(p => !db.Enrolments.Any(e => e.PersonId == p.Id && e.Status == EnrolmentStatus.Active));
        if (Certified is { } certified)
            people = certified ? people.Where(p => db.Certificates.Any(c => c.PersonId == p.Id && c.RevokedUtc == null))
                : people.Where(p => !db.Certificates.Any(c => c.PersonId == p.Id && c.RevokedUtc == null));
        // Records the township must complete (Person.LedgerIncomplete, the home page's count).
        if (Incomplete == true) people = people.Where(Person.LedgerIncomplete);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var s = Q.Trim();
            if (IdNumber.TryParse(s, null, out var id, out _))
            {
                var survivor = await SurvivorOf(db, id.Value, ct);
                people = people.Where(p => p.IdNumber == id.Value || p.Id == survivor);
            }
            else if (s.Length == 11 && s.All(char.IsAsciiDigit)) people = people.Where(p => p.Phone == s);
            else if (s.Length is >= 6 and <= 14 && s.All(char.IsAsciiDigit)) people = people.Where(p => p.IdNumber.StartsWith(s.ToUpperInvariant()));
            else if (db.Database.IsSqlite())
            {
                // A range on the name index (SQLite compares byte-wise); LIKE with a parameter could not use it. The bound is the last
                // code point, so names with characters beyond the BMP (CJK extension B, found in real names) stay inside the range.
                var hi = s + char.ConvertFromUtf32(0x10FFFF);
                people = people.Where(p => string.Compare(p.Name, s) >= 0 && string.Compare(p.Name, hi) < 0);
            }
            // PostgreSQL: the name column compares in "C" order, so LIKE 'prefix%' is a range of the name index.
            else people = people.Where(p => p.Name.StartsWith(s));
        }
        return Result<IQueryable<Person>>.Of(people);
    }

    /// <summary>The record the ID number was merged into, if it was (one hop: Person.MergeInto never leaves a chain); else -1.</summary>
    static async Task<long> SurvivorOf(AppDbContext db, string idNumber, CancellationToken ct) =>
        await db.People.Where(p => p.IdNumber == idNumber).Select(p => p.MergedIntoId).FirstOrDefaultAsync(ct) ?? -1;
}
