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
