using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Infrastructure;

/// <summary>A clock the test sets: it runs on from the instant last set (so timestamps still differ), in China Standard Time.</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    static readonly TimeZoneInfo Shanghai = CountyClock.Zone("Asia/Shanghai");
    readonly object _gate = new();
    DateTimeOffset _base = start;
    long _since = Stopwatch.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => Shanghai;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _base + Stopwatch.GetElapsedTime(_since);
    }

    public void Set(DateTimeOffset utc)
    {
        lock (_gate) (_base, _since) = (utc.ToUniversalTime(), Stopwatch.GetTimestamp());
    }

    /// <summary>Sets the clock to a county day at a local hour (10:00 by default).</summary>
    public void SetLocal(DateOnly day, int hour = 10) => Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)));

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(GetUtcNow(), Shanghai).DateTime);
}

/// <summary>
/// The app with a clock the tests move. It starts on Monday 2026-11-30 10:00 in the county (02:00 UTC); the demo data is seeded
/// relative to that day. Sign-in tokens live 8 hours of this clock: sign in again after moving it far.
/// </summary>
public abstract class ClockedApp : AppFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly StartDay = new(2026, 11, 30);
    public SettableClock Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Back to the starting instant (tests that move the clock put it back).</summary>
    public void ResetClock() => Clock.Set(Start);
}

public sealed class ClockedSqliteApp : ClockedApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ClockedPostgresApp : ClockedApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
