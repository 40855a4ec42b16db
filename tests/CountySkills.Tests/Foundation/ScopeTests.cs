using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

/// <summary>Scope is enforced where data is queried: a township officer sees and reaches only their own township.</summary>
public abstract class ScopeTests(AppFactory app)
{
    const string OwnTownship = "419921101", OtherTownship = "419921205";

    async Task<(long Id, string Name)> APersonIn(string township)
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var p = await db.People.Where(x => x.TownshipCode == township).OrderBy(x => x.Id).FirstAsync();
        return (p.Id, p.Name);
    }

    [Fact]
    public async Task A_township_officer_lists_only_their_township()
    {
        var town = await app.ClientFor("town01");
        var county = await app.ClientFor("county");
        var mine = await HttpAssert.Json(await town.GetAsync("/api/people?pageSize=200"));
        var all = await HttpAssert.Json(await county.GetAsync("/api/people?pageSize=1"));
        var ownByCounty = await HttpAssert.Json(await county.GetAsync($"/api/people?townshipCode={OwnTownship}&pageSize=1"));

        Assert.True(mine.GetProperty("total").GetInt32() > 0);
        Assert.Equal(ownByCounty.GetProperty("total").GetInt32(), mine.GetProperty("total").GetInt32());
        Assert.True(all.GetProperty("total").GetInt32() > mine.GetProperty("total").GetInt32());
        Assert.All(mine.GetProperty("items").EnumerateArray(), p => Assert.Equal(OwnTownship, p.GetProperty("townshipCode").GetString()));
    }

    [Fact]
    public async Task Another_townships_person_is_not_found_without_leaking_anything()
    {
        var (id, name) = await APersonIn(OtherTownship);
        var r = await (await app.ClientFor("town01")).GetAsync($"/api/people/{id}");
        var body = await HttpAssert.Problem(r, HttpStatusCode.NotFound);
        Assert.Equal("person.not_found", body.GetProperty("code").GetString());
        Assert.DoesNotContain(name, await r.Content.ReadAsStringAsync());

        var own = await APersonIn(OwnTownship);
        var mine = await HttpAssert.Json(await (await app.ClientFor("town01")).GetAsync($"/api/people/{own.Id}"));
        Assert.Equal(own.Name, mine.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Filtering_on_another_township_or_opening_it_is_403()
    {
        var town = await app.ClientFor("town01");
        await HttpAssert.Problem(await town.GetAsync($"/api/people?townshipCode={OtherTownship}"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await town.GetAsync($"/api/regions/{OtherTownship}"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await town.GetAsync($"/api/regions/{OtherTownship}001"), HttpStatusCode.Forbidden);
        var own = await HttpAssert.Json(await town.GetAsync($"/api/regions/{OwnTownship}"));
        Assert.Equal("青石镇", own.GetProperty("name").GetString());
        Assert.True(own.GetProperty("children").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Personal_data_is_masked_by_default()
    {
        var list = await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/people?pageSize=50"));
        foreach (var p in list.GetProperty("items").EnumerateArray())
        {
            Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", p.GetProperty("idNumber").GetString());
            if (p.GetProperty("phone").GetString() is { Length: > 0 } phone) Assert.Matches(@"^1\d{2}\*{4}\d{4}$", phone);
        }
    }

    [Fact]
    public async Task Institution_and_employer_staff_see_no_ledger_people()
    {
        foreach (var user in new[] { "school01", "employer01" })
        {
            var list = await HttpAssert.Json(await (await app.ClientFor(user)).GetAsync("/api/people"));
            Assert.Equal(0, list.GetProperty("total").GetInt32());
            var (id, _) = await APersonIn(OwnTownship);
            await HttpAssert.Problem(await (await app.ClientFor(user)).GetAsync($"/api/people/{id}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_home_summary_counts_within_scope()
    {
        var county = await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/dashboard/summary"));
        var town = await HttpAssert.Json(await (await app.ClientFor("town01")).GetAsync("/api/dashboard/summary"));
        Assert.Equal(18, county.GetProperty("townships").GetInt32());
        Assert.Equal(353, county.GetProperty("villages").GetInt32());
        Assert.Equal(600, county.GetProperty("people").GetInt32());
        Assert.Equal(5, county.GetProperty("institutions").GetInt32());
        Assert.Equal(1, town.GetProperty("townships").GetInt32());
        Assert.Equal("青石镇", town.GetProperty("scopeName").GetString());
        Assert.InRange(town.GetProperty("people").GetInt32(), 1, 599);
        var list = await HttpAssert.Json(await (await app.ClientFor("town01")).GetAsync("/api/people?pageSize=1"));
        Assert.Equal(list.GetProperty("total").GetInt32(), town.GetProperty("people").GetInt32());
    }

    [Fact]
    public async Task Only_admins_and_auditors_read_the_audit_log()
    {
        foreach (var user in new[] { "county", "town01", "school01", "viewer" })
            await HttpAssert.Problem(await (await app.ClientFor(user)).GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        foreach (var user in new[] { "admin", "auditor" })
            Assert.Equal(JsonValueKind.Array, (await HttpAssert.Json(await (await app.ClientFor(user)).GetAsync("/api/audit"))).GetProperty("items").ValueKind);
    }
}

public sealed class ScopeTests_Sqlite(SqliteApp app) : ScopeTests(app), IClassFixture<SqliteApp>;
public sealed class ScopeTests_Postgres(PostgresApp app) : ScopeTests(app), IClassFixture<PostgresApp>;
