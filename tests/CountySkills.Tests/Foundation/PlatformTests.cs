using System.Net;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;

namespace CountySkills.Tests.Foundation;

public abstract class PlatformTests(AppFactory app)
{
    [Fact]
    public async Task Health_is_200_when_the_database_answers()
    {
        var r = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_routes_are_404_problem_details()
    {
        var client = await app.ClientFor("county");
        await HttpAssert.Problem(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await client.GetAsync("/api/people/999999999"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await client.GetAsync("/api/regions/000000"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_query_types_are_400_not_500()
    {
        var client = await app.ClientFor("county");
        await HttpAssert.Problem(await client.GetAsync("/api/people?ageMin=abc"), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await client.GetAsync("/api/people?status=Nonsense"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await HttpAssert.Json(await app.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/people", out _));
        foreach (var path in new[] { "/api/subsidies/claims", "/api/subsidies/claims/{id}/transitions", "/api/subsidies/eligibility", "/api/subsidies/history-imports",
                     "/api/subsidies/payment-batches", "/api/subsidies/payment-batches/{id}/export", "/api/subsidies/objections/{id}/resolution",
                     "/api/public/notices/{code}/objections", "/api/subsidies/rules", "/api/subsidies/budgets",
                     "/api/employment/placements", "/api/employment/follow-ups", "/api/employment/outcomes", "/api/employment/agreements", "/api/employment/job-orders",
                     "/api/employment/alerts", "/api/employment/events", "/api/employment/cases", "/api/brands", "/api/brands/{id}/members",
                     "/api/public/brand-workers/{code}", "/api/entrepreneurship/incubators", "/api/entrepreneurship/businesses" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        var scalar = await app.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_is_chinese_and_lists_the_demo_accounts()
    {
        var html = await (await app.CreateClient().GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("登录", html);
        foreach (var user in new[] { "admin", "county", "town01", "school01", "viewer", "auditor" }) Assert.Contains(user, html);
    }

    [Theory]
    [InlineData("/account/login")]       // a page
    [InlineData("/people")]              // a redirect to sign in
    [InlineData("/no-such-page")]        // the not-found page
    [InlineData("/api/no-such-thing")]   // an API 404
    [InlineData("/api/public/notices")]  // a public API answer
    [InlineData("/verify/NOSUCHNUMBER")] // a public page
    [InlineData("/healthz")]
    [InlineData("/app.css")]             // a static file
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var r = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
        Assert.True((int)r.StatusCode < 500, $"{path}: {(int)r.StatusCode}");
        string Header(string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : throw new Xunit.Sdk.XunitException($"{path} has no {name}");
        var csp = Header("Content-Security-Policy");
        foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
                     "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:" })
            Assert.Contains(directive, csp);
        var script = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src "));
        Assert.Matches(@"^script-src 'self' 'nonce-[0-9a-f]{32}'$", script);
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"));
        Assert.False(r.Headers.Contains("Strict-Transport-Security"), "HSTS is for Production over HTTPS");
    }

    [Fact]
    public async Task Personal_data_answers_of_the_api_are_never_cached()
    {
        var county = await app.ClientFor("county");
        foreach (var path in new[] { "/api/people?pageSize=1", "/api/people/export?masked=true&townshipCode=419921101", "/api/training/classes" })
        {
            var r = await county.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
            Assert.True(r.Headers.CacheControl?.NoStore, $"{path} may be cached");
        }
    }

    [Fact]
    public async Task A_page_runs_no_inline_script_but_the_one_carrying_the_nonce_of_its_own_response()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/account/login");
        var second = await client.GetAsync("/account/login");
        string Nonce(HttpResponseMessage r) => System.Text.RegularExpressions.Regex.Match(r.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEqual(Nonce(first), Nonce(second));
        var html = await second.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script\\b[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var tag in scripts)
            Assert.True(tag.Contains(" src=") || tag.Contains($"nonce=\"{Nonce(second)}\""), $"inline script without this response's nonce: {tag}");
        Assert.DoesNotMatch(" on[a-z]+=\"", html);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/people\\..\\admin")]
    [InlineData("people")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/people\r\nSet-Cookie: x=1")]
    [InlineData("/people\u0000")]
    [InlineData("/ people")]
    public async Task The_language_switch_refuses_a_return_address_that_is_not_a_path_of_this_site_with_400_never_500_or_a_redirect(string r)
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/culture?c=en-US&r={Uri.EscapeDataString(r)}");
        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal("culture.return_path", problem.GetProperty("code").GetString());
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_returns_to_the_page_and_refuses_an_unknown_language()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var ok = await client.GetAsync($"/culture?c=en-US&r={Uri.EscapeDataString("/people?q=%E5%BC%A0&page=2")}");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/people?q=%E5%BC%A0&page=2", ok.Headers.Location!.OriginalString);
        Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.Contains("en-US"));
        Assert.Equal("/", (await client.GetAsync("/culture?c=zh-CN")).Headers.Location!.OriginalString);
        foreach (var bad in new[] { "/culture?c=fr-FR&r=/", "/culture?c=&r=/", "/culture?r=/", "/culture?c=zh-CN%0d%0a&r=/" })
        {
            var problem = await HttpAssert.Problem(await client.GetAsync(bad), HttpStatusCode.BadRequest);
            Assert.Equal("culture.unknown", problem.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Pages_redirect_an_anonymous_visitor_to_sign_in()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var r = await client.GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("/account/login", r.Headers.Location!.ToString());
    }
}

public sealed class PlatformTests_Sqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformTests_Postgres(PostgresApp app) : PlatformTests(app), IClassFixture<PostgresApp>;

/// <summary>A database that cannot be reached makes /healthz answer 503.</summary>
public sealed class UnreachableDatabaseApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:MigrateOnStart"] = "false",
        ["ConnectionStrings:Default"] = "Data Source=/nonexistent-folder/sub/countyskills.db;Mode=ReadWrite",
    };
}

public sealed class HealthWhenDatabaseIsDown(UnreachableDatabaseApp app) : IClassFixture<UnreachableDatabaseApp>
{
    [Fact]
    public async Task Health_is_503() =>
        await HttpAssert.Problem(await app.CreateClient().GetAsync("/healthz"), HttpStatusCode.ServiceUnavailable);
}
