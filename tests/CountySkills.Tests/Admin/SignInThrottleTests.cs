using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;

namespace CountySkills.Tests.Admin;

/// <summary>Sign-in gives nothing away and cannot be hammered: the same answer for an unknown user and a wrong
/// password, and 429 with Retry-After beyond 10 failures a minute from one address or 5 for one user name.</summary>
public abstract class SignInThrottleTests(ThrottledSignInApp app)
{
    async Task<HttpResponseMessage> Login(string userName, string password) =>
        await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password });

    static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    void NextMinute() => app.Clock.Set(app.Clock.GetUtcNow().AddSeconds(61));

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_answer_in_comparable_time()
    {
        NextMinute();
        var unknown = await HttpAssert.Problem(await Login(Name("nobody"), "Demo#2026"), HttpStatusCode.Unauthorized);
        var wrong = await HttpAssert.Problem(await Login("county", "Wrong#2026"), HttpStatusCode.Unauthorized);
        foreach (var field in new[] { "title", "detail", "code" })
            Assert.Equal(wrong.GetProperty(field).GetString(), unknown.GetProperty(field).GetString());
        Assert.Equal("auth.invalid", unknown.GetProperty("code").GetString());

        // Both pay for one password hash: a miss is not answered measurably faster than a wrong password.
        static async Task<double> Median(Func<Task> attempt)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++) { var sw = Stopwatch.StartNew(); await attempt(); times.Add(sw.Elapsed.TotalMilliseconds); }
            return times.Order().ElementAt(1);
        }
        NextMinute();
        var missMs = await Median(() => Login(Name("nobody"), "Demo#2026"));
        NextMinute();
        var wrongMs = await Median(() => Login("auditor", "Wrong#2026"));
        Assert.True(missMs > wrongMs * 0.3, $"unknown user {missMs:F1} ms vs wrong password {wrongMs:F1} ms");
        NextMinute();
    }

    [Fact]
    public async Task More_than_five_failures_for_one_user_name_are_429_until_the_minute_has_passed()
    {
        NextMinute();
        var name = Name("guess");
        for (var i = 0; i < 5; i++) await HttpAssert.Problem(await Login(name, "Wrong#" + i), HttpStatusCode.Unauthorized);
        var r = await Login(name, "Wrong#6");
        var p = await HttpAssert.Problem(r, HttpStatusCode.TooManyRequests);
        Assert.Equal("auth.throttled", p.GetProperty("code").GetString());
        Assert.InRange(int.Parse(r.Headers.GetValues("Retry-After").Single()), 1, 60);
        // Other users from the same address are not held up by it.
        await HttpAssert.Json(await Login("county", AppFactory.Password));
        NextMinute();
        await HttpAssert.Problem(await Login(name, "Wrong#7"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task More_than_ten_failures_from_one_address_are_429_for_every_name_until_the_minute_has_passed()
    {
        NextMinute();
        for (var i = 0; i < 10; i++) await HttpAssert.Problem(await Login(Name("spray"), "Wrong#2026"), HttpStatusCode.Unauthorized);
        var r = await Login("county", AppFactory.Password);
        await HttpAssert.Problem(r, HttpStatusCode.TooManyRequests);
        Assert.True(r.Headers.RetryAfter is not null);
        NextMinute();
        await HttpAssert.Json(await Login("county", AppFactory.Password));
    }

    [Fact]
    public async Task A_real_user_guessed_at_is_locked_for_the_lockout_window_only_and_attempts_stay_in_the_audit_log()
    {
        NextMinute();
        var admin = await app.ClientFor("admin");
        var name = Name("victim");
        var created = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "被猜测者", role = "CountyOfficer" }), HttpStatusCode.Created);
        var otp = created.GetProperty("oneTimePassword").GetString()!;
        for (var i = 0; i < 5; i++) await Login(name, "Wrong#" + i);
        await HttpAssert.Problem(await Login(name, otp), HttpStatusCode.TooManyRequests);
        NextMinute();
        // The throttle has let go; the account's own lockout (15 minutes, Identity) is what remains, told only to
        // whoever knows the password.
        var locked = await HttpAssert.Problem(await Login(name, otp), HttpStatusCode.Unauthorized);
        Assert.Equal("auth.locked_out", locked.GetProperty("code").GetString());
        NextMinute();
        Assert.Equal("auth.invalid", (await HttpAssert.Problem(await Login(name, "Wrong#9"), HttpStatusCode.Unauthorized)).GetProperty("code").GetString());

        var auditor = await app.ClientFor("auditor");
        var log = await HttpAssert.Json(await auditor.GetAsync($"/api/audit?entity=Account&pageSize=100"));
        var mine = log.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("userName").GetString() == name).ToList();
        Assert.True(mine.Count >= 7, $"{mine.Count} sign-in entries");
        NextMinute();
    }
}

/// <summary>The production limits of sign-in (10 failures a minute per address, 5 per user name) and a settable clock.</summary>
public abstract class ThrottledSignInApp : ClockedApp
{
    protected override int DemoPeople => 100;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["SignIn:MaxFailuresPerAddress"] = "10" };
}

public sealed class ThrottledSignInSqliteApp : ThrottledSignInApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ThrottledSignInPostgresApp : ThrottledSignInApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SignInThrottleTests_Sqlite(ThrottledSignInSqliteApp app) : SignInThrottleTests(app), IClassFixture<ThrottledSignInSqliteApp>;
public sealed class SignInThrottleTests_Postgres(ThrottledSignInPostgresApp app) : SignInThrottleTests(app), IClassFixture<ThrottledSignInPostgresApp>;
