using System.Linq.Expressions;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// The one place where data scope is enforced: every query of scoped data goes through VisibleTo.
/// An area scope is a prefix of the 12-digit area code (county 6, township 9, village 12, city 4, province 2).
/// </summary>
public static class Scope
{
    /// <summary>Records that belong to a place: limited by the user's area prefix; institution and employer staff
    /// see none of them here (they reach people through their own classes and placements).</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, CurrentUser user) where T : class, IAreaScoped
    {
        if (SeesNoPlaces(user)) return query.Where(_ => false);
        return user.AreaScope is { } prefix ? query.Where(AreaPrefix<T>(prefix)) : query;
    }

    /// <summary>
    /// People: the same rule, but a scope of a township or wider is matched on TownshipCode, so the ledger's covering
    /// index (TownshipCode, status, birth date, tags) answers counts without reading the table.
    /// </summary>
    public static IQueryable<Person> VisibleTo(this IQueryable<Person> query, CurrentUser user)
    {
        if (SeesNoPlaces(user)) return query.Where(_ => false);
        if (user.AreaScope is not { } prefix || user.AreaCoversAll) return query;
        if (prefix.Length > 9) return query.Where(AreaPrefix<Person>(prefix));
        if (prefix.Length == 9) return query.Where(p => p.TownshipCode == prefix);
        var lo = prefix;
        var hi = UpperBound(prefix);
        return hi is null ? query.Where(p => string.Compare(p.TownshipCode, lo) >= 0)
            : query.Where(p => string.Compare(p.TownshipCode, lo) >= 0 && string.Compare(p.TownshipCode, hi) < 0);
    }

    /// <summary>
    /// The area prefix the records of a role that reads everything (county staff, viewers, auditors) are limited to: their area scope
    /// (a province, city, county or township), or null when they have none or it holds the whole installation.
    /// </summary>
    public static string? AreaLimit(this CurrentUser user) =>
        user.SeesEverything && !user.AreaCoversAll && user.AreaScope is { Length: > 0 } prefix ? prefix : null;

    /// <summary>Institution-owned records: institution staff see only their own; an area-scoped reader those of institutions in the area.</summary>
    public static IQueryable<T> OwnedBy<T>(this IQueryable<T> query, CurrentUser user) where T : class, IInstitutionScoped
    {
        if (!user.IsAuthenticated) return query.Where(_ => false);
        if (user.IsInRole(Roles.InstitutionStaff))
        {
            var id = user.InstitutionId ?? -1;
            return query.Where(x => x.InstitutionId == id);
        }
        if (user.IsInRole(Roles.EmployerStaff) || user.IsInRole(Roles.TownshipOfficer)) return query.Where(_ => false);
        return user.AreaLimit() is { } limit ? query.Where(AreaPrefix<T>(limit, "Institution", nameof(IAreaScoped.AreaCode))) : query;
    }

    /// <summary>Whether an institution lies in the caller's area limit (<see cref="AreaLimit"/>; true without one): a class or claim of an
    /// institution outside it is not found.</summary>
    public static async Task<bool> InstitutionInAreaAsync(this AppDbContext db, CurrentUser user, long institutionId, CancellationToken ct) =>
        user.AreaLimit() is not { } limit
        || await db.Institutions.Where(AreaPrefix<Institution>(limit)).AnyAsync(i => i.Id == institutionId, ct);

    /// <summary>Whether the user may see this institution's training records (the in-memory twin of <see cref="OwnedBy"/>).</summary>
    public static bool Owns(this CurrentUser user, long institutionId) =>
        user.IsInRole(Roles.InstitutionStaff) ? user.InstitutionId == institutionId
        : user.IsInRole(Roles.Admin) || user.IsInRole(Roles.CountyOfficer) || user.IsInRole(Roles.Viewer) || user.IsInRole(Roles.Auditor);

    /// <summary>Certificates: county staff, viewers and auditors see all; a township officer those of the township's
    /// people; institution staff those of their own trainees; employers none.</summary>
    public static IQueryable<Certificate> VisibleTo(this IQueryable<Certificate> q, CurrentUser user)
    {
        if (user.SeesEverything) return user.AreaLimit() is { } limit ? q.Where(AreaPrefix<Certificate>(limit, "Person", nameof(Person.TownshipCode))) : q;
        if (user.IsInRole(Roles.InstitutionStaff)) { var own = user.InstitutionId ?? -1; return q.Where(c => c.InstitutionId == own); }
        if (user.IsInRole(Roles.TownshipOfficer) && !user.ScopeBroken) { var t = user.AreaScope!; return q.Where(c => c.Person!.TownshipCode == t); }
        return q.Where(_ => false);
    }

    /// <summary>The in-memory twin of the certificate rule above.</summary>
    public static bool CanSee(this CurrentUser user, Certificate c, Person holder) =>
        (user.SeesEverything && user.InArea(holder.AreaCode)) || (user.IsInRole(Roles.InstitutionStaff) && c.InstitutionId == user.InstitutionId && user.InstitutionId is not null)
        || (user.IsInRole(Roles.TownshipOfficer) && user.CanSeeArea(holder.AreaCode));

    /// <summary>Whether a place lies inside the user's <see cref="AreaLimit"/> (true without one).</summary>
    public static bool InArea(this CurrentUser user, string areaCode) =>
        user.AreaLimit() is not { } limit || areaCode.StartsWith(limit, StringComparison.Ordinal);

    /// <summary>Whether a place (any level) lies inside the user's area scope.</summary>
    public static bool CanSeeArea(this CurrentUser user, string areaCode) =>
        !SeesNoPlaces(user) && (user.AreaScope is not { } p || areaCode.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Whether the ledger holds no one for this user at all (institution and employer staff, a township officer without a
    /// township): an exact search of theirs could only ever find nobody.</summary>
    public static bool SeesNoLedger(this CurrentUser user) => SeesNoPlaces(user);

    /// <summary>Institution and employer staff reach people only through their own records; a township officer
    /// without a township scope sees nothing rather than everything.</summary>
    static bool SeesNoPlaces(CurrentUser user) =>
        !user.IsAuthenticated || user.ScopeBroken || user.IsInRole(Roles.InstitutionStaff) || user.IsInRole(Roles.EmployerStaff);

    /// <summary>Whether the user may write records of this place (creating or moving a record there).</summary>
    public static bool CanWriteArea(this CurrentUser user, string areaCode) => user.CanWrite && user.CanSeeArea(areaCode);

    /// <summary>Employment records (placements, follow-ups, alerts): county staff, viewers and auditors see all; a township officer
    /// those of the township's people (by area code); employer staff those with their own employer; institutions none.</summary>
    public static IQueryable<T> WorkVisibleTo<T>(this IQueryable<T> q, CurrentUser user, Expression<Func<T, long?>> employerOf) where T : class, IAreaScoped
    {
        if (user.SeesEverything) return user.AreaLimit() is { } limit ? q.Where(AreaPrefix<T>(limit)) : q;
        if (user.IsInRole(Roles.EmployerStaff))
        {
            var own = (long?)(user.EmployerId ?? -1);
            var p = employerOf.Parameters[0];
            return q.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(employerOf.Body, Expression.Constant(own, typeof(long?))), p));
        }
        if (user.IsInRole(Roles.TownshipOfficer) && !user.ScopeBroken) return q.Where(AreaPrefix<T>(user.AreaScope!));
        return q.Where(_ => false);
    }

    /// <summary>The in-memory twin of <see cref="WorkVisibleTo"/>.</summary>
    public static bool CanSeeWork(this CurrentUser user, string areaCode, long? employerId) =>
        (user.SeesEverything && user.InArea(areaCode))
        || (user.IsInRole(Roles.EmployerStaff) && employerId is not null && employerId == user.EmployerId)
        || (user.IsInRole(Roles.TownshipOfficer) && !user.ScopeBroken && areaCode.StartsWith(user.AreaScope!, StringComparison.Ordinal));

    /// <summary>x.AreaCode &gt;= prefix AND x.AreaCode &lt; prefix+1: an index range on both providers.</summary>
    public static Expression<Func<T, bool>> AreaPrefix<T>(string prefix) => AreaPrefix<T>(prefix, nameof(IAreaScoped.AreaCode));

    /// <summary>The same range on a code reached through navigations (x.Person.TownshipCode, x.Institution.AreaCode).</summary>
    public static Expression<Func<T, bool>> AreaPrefix<T>(string prefix, params string[] path)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var code = path.Aggregate((Expression)x, Expression.Property);
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        Expression Cmp(string bound) => Expression.Call(compare, code, Expression.Constant(bound));
        Expression body = Expression.GreaterThanOrEqual(Cmp(prefix), Expression.Constant(0));
        if (UpperBound(prefix) is { } hi)
            body = Expression.AndAlso(body, Expression.LessThan(Cmp(hi), Expression.Constant(0)));
        return Expression.Lambda<Func<T, bool>>(body, x);
    }

    public static string? UpperBound(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] < '9') { chars[i]++; return new string(chars, 0, i + 1); }
        }
        return null;
    }
}
