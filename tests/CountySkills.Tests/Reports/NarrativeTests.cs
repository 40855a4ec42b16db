using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;

namespace CountySkills.Tests.Reports;

/// <summary>The work report's narratives: kept per period, saved with a version (a stale one is a 409), placeholders filled from the figures.</summary>
public abstract class NarrativeTests(AppFactory app)
{
    [Fact]
    public async Task Staff_write_a_section_per_period_and_the_preview_fills_its_figures()
    {
        var county = await app.ClientFor("county");
        var before = await HttpAssert.Json(await county.GetAsync("/api/reports/narratives?period=2024"));
        var overview = before.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "overview");
        Assert.False(overview.GetProperty("saved").GetBoolean());
        Assert.Contains("{培训人次}", overview.GetProperty("text").GetString());

        var saved = await HttpAssert.Json(await county.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "{县名}{期间}培训{培训人次}人次，持证率{持证率}，{没有这项}。" }));
        var version = saved.GetProperty("version").GetGuid();
        var stale = await county.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "另一稿", version = Guid.NewGuid() });
        await HttpAssert.Problem(stale, HttpStatusCode.Conflict);
        // Read before it was first saved (no version) and saved after: the first save would be lost, so it is refused too.
        await HttpAssert.Problem(await county.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "未读到版本的稿子" }), HttpStatusCode.Conflict);
        await HttpAssert.Json(await county.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "{县名}{期间}培训{培训人次}人次，持证率{持证率}，{没有这项}。", version }));
        // Another period keeps its own text.
        var other = await HttpAssert.Json(await county.GetAsync("/api/reports/narratives?period=2025"));
        Assert.False(other.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "overview").GetProperty("saved").GetBoolean());

        var preview = await HttpAssert.Json(await county.GetAsync("/api/reports/work-report?year=2024"));
        var figure = await HttpAssert.Json(await county.GetAsync("/api/indicators/training.person_times/values?from=2024-01-01&to=2024-12-31"));
        var text = preview.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "overview");
        Assert.Equal($"禾丰县2024年培训{figure.GetProperty("total").GetProperty("value").GetDecimal():0.##}人次，持证率{preview.GetProperty("figures").GetProperty("持证率").GetString()}，{{没有这项}}。",
            text.GetProperty("text").GetString());
        Assert.Equal(["没有这项"], text.GetProperty("unknown").EnumerateArray().Select(u => u.GetString()));
        Assert.EndsWith("%", preview.GetProperty("figures").GetProperty("持证率").GetString());

        var span = await HttpAssert.Json(await county.GetAsync("/api/reports/work-report?period=2021-2025"));
        Assert.Equal("2021—2025年（“十四五”时期）", span.GetProperty("words").GetString());
        var bad = await HttpAssert.Problem(await county.GetAsync("/api/reports/narratives?period=20x6"), HttpStatusCode.BadRequest);
        Assert.Equal("period.invalid", bad.GetProperty("code").GetString());
        await HttpAssert.Problem(await county.PutAsJsonAsync("/api/reports/narratives/2024/nope", new { text = "x" }), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await county.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "" }), HttpStatusCode.BadRequest);
        var viewer = await app.ClientFor("viewer");
        await HttpAssert.Problem(await viewer.PutAsJsonAsync("/api/reports/narratives/2024/overview", new { text = "x" }), HttpStatusCode.Forbidden);
        await HttpAssert.Json(await viewer.GetAsync("/api/reports/work-report?year=2024"));
    }
}

public sealed class NarrativeTests_Sqlite(SqliteApp app) : NarrativeTests(app), IClassFixture<SqliteApp>;
public sealed class NarrativeTests_Postgres(PostgresApp app) : NarrativeTests(app), IClassFixture<PostgresApp>;
