namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>
/// Failed sign-ins within a sliding minute, per address and per user name (settings SignIn:MaxFailuresPerAddress,
/// default 10, and SignIn:MaxFailuresPerUser, default 5). Beyond either, sign-in answers 429 with Retry-After until
/// the oldest failure leaves the minute, so no one can keep a real user out for longer than that (the account's own
/// lockout, 15 minutes after 5 failures, is Identity's). Per app node (ADR 0011): behind a balancer the limits
/// hold per node, which the stickiness of a client to one node makes close to the whole.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration config)
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    const int MaxKeys = 100_000;
    readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    int PerAddress => config.GetValue("SignIn:MaxFailuresPerAddress", 10);
    int PerUser => config.GetValue("SignIn:MaxFailuresPerUser", 5);

    static string AddressKey(string? address) => "a:" + (address ?? "-");
    static string UserKey(string userName) => "u:" + userName.Trim().ToUpperInvariant();

    /// <summary>Seconds to wait when another attempt would exceed a limit; null when the attempt may go ahead.</summary>
    public int? RetryAfter(string? address, string userName)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var wait = Wait(AddressKey(address), PerAddress, now);
            var userWait = Wait(UserKey(userName), PerUser, now);
            return wait is null ? userWait : userWait is null ? wait : Math.Max(wait.Value, userWait.Value);
        }
    }

    public void Failed(string? address, string userName)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_failures.Count >= MaxKeys) Prune(now);
            foreach (var key in new[] { AddressKey(address), UserKey(userName) })
            {
                if (!_failures.TryGetValue(key, out var q)) _failures[key] = q = new Queue<DateTimeOffset>();
                q.Enqueue(now);
                while (q.Count > 100) q.Dequeue();
            }
        }
    }

    int? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var q)) return null;
        while (q.Count > 0 && now - q.Peek() >= Window) q.Dequeue();
        if (q.Count == 0) { _failures.Remove(key); return null; }
        if (q.Count < limit) return null;
        // The attempt may go ahead once enough failures have left the window.
        var oldestThatMustLeave = q.ElementAt(q.Count - limit);
        return Math.Max(1, (int)Math.Ceiling((oldestThatMustLeave + Window - now).TotalSeconds));
    }

    void Prune(DateTimeOffset now)
    {
        foreach (var key in _failures.Keys.ToList())
            if (_failures[key].Count == 0 || now - _failures[key].Last() >= Window) _failures.Remove(key);
        if (_failures.Count >= MaxKeys) _failures.Clear();
    }
}
