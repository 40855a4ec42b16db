using Microsoft.Extensions.Caching.Memory;

namespace CountySkills.Web.Features.People;

/// <summary>
/// The totals of ledger lists, counted once and then remembered while the part of the ledger they count is unchanged. Counting a
/// county's 700,000 rows costs tens of milliseconds on either database and every page of a list needs its total: paging through a
/// filter, or many officers opening the same list, would count the same rows again and again (bench load).
/// A total is valid only as long as the ledger stamps of its townships (table LedgerStamps, raised by database triggers on every
/// insert, update and delete of a person, whatever writes it: the app, an import, a COPY, an operator's SQL) are what they were when
/// it was counted. Each list reads the sum of its townships' stamps (one index range of at most a few thousand rows) and counts again
/// when it moved, so a total is never stale, on any node: nothing is remembered that two nodes could disagree on (ADR 0024).
/// Filters that read other tables (trained, certified) and exact searches are always counted.
/// </summary>
public sealed class LedgerCounts : IDisposable
{
    readonly MemoryCache _totals = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    public async Task<int> CountAsync(AppDbContext db, IQueryable<Person> people, PeopleFilter filter, CurrentUser user, DateOnly today, CancellationToken ct)
    {
        if (filter.Trained is not null || filter.Certified is not null || filter.Exact is not null) return await people.CountAsync(ct);
        var prefix = filter.TownshipCode is { Length: > 0 } t ? t
            : filter.VillageCode is { Length: >= 9 } v ? v[..9]
            : user.AreaCoversAll || user.AreaScope is null ? "" : user.AreaScope.Length > 9 ? user.AreaScope[..9] : user.AreaScope;
        var stamp = await StampAsync(db, prefix, ct);
        var key = $"{user.Role}|{user.AreaScope}|{user.AreaCoversAll}|{today:yyyyMMdd}|{filter}";
        if (_totals.TryGetValue(key, out (long Stamp, int Total) hit) && hit.Stamp == stamp) return hit.Total;
        var total = await people.CountAsync(ct);
        _totals.Set(key, (stamp, total), Entry);
        return total;
    }

    /// <summary>The sum of the stamps of the townships under <paramref name="prefix"/> (all of them for ""): it grows with every
    /// committed change to a person there.</summary>
    static Task<long> StampAsync(AppDbContext db, string prefix, CancellationToken ct)
    {
        var stamps = db.LedgerStamps.AsNoTracking();
        if (prefix.Length > 0)
        {
            var hi = Scope.UpperBound(prefix);
            stamps = hi is null ? stamps.Where(s => string.Compare(s.TownshipCode, prefix) >= 0)
                : stamps.Where(s => string.Compare(s.TownshipCode, prefix) >= 0 && string.Compare(s.TownshipCode, hi) < 0);
        }
        return stamps.SumAsync(s => s.Stamp, ct);
    }

    public void Dispose() => _totals.Dispose();
}
