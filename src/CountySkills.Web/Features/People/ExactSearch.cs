using System.Text.Json;
using CountySkills.Web.Features.Admin.Settings;

namespace CountySkills.Web.Features.People;

/// <summary>
/// Finding one person by what identifies them: a full ID number, a phone, or an ID prefix longer than the 6-digit area code (the
/// digits after it are the birth date, so such a prefix would confirm one). The ledger search needs <see cref="Perm.PeopleSearchExact"/>;
/// every exact search (the ledger's, by-id-number, an eligibility check, a school's ID check at enrolment, a placement or business by
/// ID number…) is counted against the caller's per-minute limit (setting exact-search-per-minute; 429 search.throttled beyond it) and
/// written to the audit log, masked, with the number of matches and, for exactly one, the person's id, so that person's access log
/// lists it (ADR 0015). Names and area codes are not exact searches.
/// </summary>
public static class ExactSearch
{
    public enum Kind { IdNumber, Phone, IdPrefix }

    /// <summary>What a ledger query asks for: an exact kind, or null for a name or an area code (6 digits or fewer).</summary>
    public static Kind? KindOf(string? q)
    {
        var s = q?.Trim() ?? "";
        if (s.Length == 0) return null;
        if (IdNumber.TryParse(s, null, out _, out _)) return Kind.IdNumber;
        if (!s.All(char.IsAsciiDigit)) return null;
        return s.Length switch { 11 => Kind.Phone, > 6 and <= 14 => Kind.IdPrefix, _ => null };
    }

    /// <summary>The query as the audit log keeps it: 4101**********1234, 138****5678, an ID prefix as its first 4 digits and stars;
    /// anything that is not an exact search as it is.</summary>
    public static string? Masked(string? q)
    {
        var s = q?.Trim();
        return KindOf(s) switch
        {
            Kind.IdNumber => IdNumber.TryParse(s, null, out var id, out _) ? id.Masked : IdNumber.Mask(s!),
            Kind.Phone => Phone.Mask(s),
            Kind.IdPrefix => s![..4] + new string('*', s.Length - 4),
            _ => q,
        };
    }

    /// <summary>What the search was for (the audit log's "purpose"): the ledger list, its export, a lookup, a workflow's ID check.</summary>
    public static class Purpose
    {
        public const string Ledger = "ledger", Export = "export", Lookup = "by-id-number", Enrolment = "enrolment", RosterImport = "roster-import",
            Placement = "placement", Business = "business", BrandMember = "brand-member", Certificate = "certificate", PersonCreate = "person-save";
    }

    public static Failure Forbidden() =>
        Result.Forbidden("您的角色不能按完整身份证号、手机号或含出生日期的身份证号段查找人员，请按姓名查找") with { Code = "search.exact_forbidden" };

    public static Failure Throttled(int seconds) =>
        Result.Throttled($"精确查找过于频繁，请 {seconds} 秒后再试", "search.throttled", seconds);

    /// <summary>The gate every exact search goes through (scoped: one per request or circuit).</summary>
    public sealed class Gate(ExactSearchThrottle throttle, CurrentUser user, TimeProvider clock, CurrentSettings settings)
    {
        public bool Permitted => user.Has(Perm.PeopleSearchExact);

        /// <summary>Whether a workflow's lookup of one person by full ID number (a placement, a business, a school's enrolment) is counted
        /// and audited for this caller: for everyone but county staff, who see the whole ledger and whose writes are audited anyway.</summary>
        public bool Watches => !user.IsCounty();

        /// <summary>Counts one exact search of the caller: 429 beyond the limit of the minute (the search is then not made nor counted),
        /// and, when <paramref name="needsPermission"/>, 403 search.exact_forbidden for a role without it (before anything is counted).</summary>
        public async Task<Failure?> AdmitAsync(AppDbContext db, CancellationToken ct, bool needsPermission = false)
        {
            if (needsPermission && !Permitted) return Forbidden();
            var (limit, _, _) = await settings.ExactSearchLimitAsync(db, ct);
            return throttle.TryTake(user.UserId ?? user.UserName, limit.PerMinute) is { } wait ? Throttled(wait) : null;
        }

        /// <summary>Adds (does not save) the audit entry of one exact search: masked query, kind, purpose, matches; keyed by the person
        /// when exactly one was found, so their access log lists it.</summary>
        public void Audit(AppDbContext db, Kind kind, string query, int matches, long? personId, string? areaCode, string purpose) =>
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = user.UserId, UserName = user.UserName, Action = AuditEntry.Search, Entity = nameof(Person),
                EntityKey = matches == 1 && personId is { } id ? id.ToString() : "search", AreaCode = matches == 1 ? areaCode : null,
                Changes = JsonSerializer.Serialize(new { search = kind.ToString(), query = Masked(query), purpose, matches }, Json),
            });

        /// <summary>Audits one workflow lookup by full ID number now (in its own save, before the workflow adds anything).</summary>
        public async Task AuditNowAsync(AppDbContext db, string idNumber, long? personId, string? areaCode, string purpose, CancellationToken ct)
        {
            Audit(db, Kind.IdNumber, idNumber, personId is > 0 ? 1 : 0, personId, areaCode, purpose);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Audits a search whose matches are a query: counts them and names the one when there is one; saves.</summary>
        public async Task AuditAsync(AppDbContext db, Kind kind, string query, IQueryable<Person> matches, int count, string purpose, CancellationToken ct)
        {
            var one = count == 1 ? await matches.Select(p => new { p.Id, p.AreaCode }).FirstOrDefaultAsync(ct) : null;
            Audit(db, kind, query, count, one?.Id, one?.AreaCode, purpose);
            await db.SaveChangesAsync(ct);
        }
    }

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
