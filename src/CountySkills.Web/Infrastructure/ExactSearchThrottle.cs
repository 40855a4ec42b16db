namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Exact searches per user within a sliding minute (the limit is the setting exact-search-per-minute, read at each search). Beyond
/// it the next search waits until the oldest that must leave the minute has left (Retry-After, at most 60 s); a refused search is
/// not counted. In memory, per app node (ADR 0015): behind a balancer a user's limit holds per node, which the stickiness of a
/// client to one node makes close to the whole; a store the nodes share is a later step.
/// </summary>
public sealed class ExactSearchThrottle(TimeProvider clock)
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    const int MaxUsers = 100_000;
    readonly Dictionary<string, Queue<DateTimeOffset>> _searches = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    /// <summary>Counts one search of <paramref name="user"/> when fewer than <paramref name="limit"/> were made in the last minute
    /// (null); otherwise the seconds to wait, and nothing is counted.</summary>
    public int? TryTake(string user, int limit)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_searches.TryGetValue(user, out var q))
            {
                if (_searches.Count >= MaxUsers) Prune(now);
                _searches[user] = q = new Queue<DateTimeOffset>();
            }
            if (q.Count > 0 && q.Last() > now) q.Clear(); // the clock was set back: the old minute no longer means anything
            while (q.Count > 0 && now - q.Peek() >= Window) q.Dequeue();
            if (q.Count >= limit)
            {
                var mustLeave = q.ElementAt(q.Count - limit);
                return Math.Clamp((int)Math.Ceiling((mustLeave + Window - now).TotalSeconds), 1, (int)Window.TotalSeconds);
            }
            q.Enqueue(now);
            return null;
        }
    }

    void Prune(DateTimeOffset now)
    {
        foreach (var key in _searches.Keys.ToList())
            if (_searches[key].Count == 0 || now - _searches[key].Last() >= Window) _searches.Remove(key);
        if (_searches.Count >= MaxUsers) _searches.Clear();
    }
}
