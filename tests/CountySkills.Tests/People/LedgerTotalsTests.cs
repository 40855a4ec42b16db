using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.People;

/// <summary>The list's total is remembered between pages (LedgerCounts) but never stale: whatever changes a person — the API, a move
/// to another township, SQL written outside the app — the next list counts again.</summary>
public abstract class LedgerTotalsTests(AppFactory app)
{
    const string Qingshi = "419921101", QingshiVillage = "419921101001", ShiqiaoVillage = "419921205001";

    static object Person(string id, string name, string village, Guid? version = null) => new
    {
        idNumber = id, name, villageCode = village, employmentStatus = "Farming", tags = "PovertyAlleviated", version,
    };

    static async Task<int> Total(HttpClient c, string query = "") =>
        (await HttpAssert.Json(await c.GetAsync("/api/people?pageSize=5" + query))).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_person_added_or_moved_is_counted_on_the_next_page_of_the_same_list()
    {
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var all = await Total(county);
        var inQingshi = await Total(town);
        Assert.Equal(all, await Total(county)); // remembered
        Assert.Equal(inQingshi, await Total(county, "&townshipCode=" + Qingshi));

        var idNumber = Ids.New(1990);
        var created = await HttpAssert.Json(await town.PostAsJsonAsync("/api/people", Person(idNumber, "钱总数", QingshiVillage)), HttpStatusCode.Created);
        Assert.Equal(all + 1, await Total(county));
        Assert.Equal(inQingshi + 1, await Total(town));
        Assert.Equal(inQingshi + 1, await Total(county, "&townshipCode=" + Qingshi + "&page=2"));

        var id = created.GetProperty("id").GetInt64();
        var shiqiao = await Total(county, "&townshipCode=419921205");
        var moved = await county.PutAsJsonAsync($"/api/people/{id}",
            Person(idNumber, "钱总数", ShiqiaoVillage, created.GetProperty("version").GetGuid()));
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.Equal(inQingshi, await Total(town));
        Assert.Equal(shiqiao + 1, await Total(county, "&townshipCode=419921205"));
        Assert.Equal(all + 1, await Total(county));
    }

    [Fact]
    public async Task Rows_written_outside_the_app_are_counted_too()
    {
        var county = await app.ClientFor("county");
        var query = "&tag=" + Uri.EscapeDataString("脱贫户");
        var before = await Total(county, query);
        await using (var scope = app.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var one = await db.People.AsNoTracking().Where(p => p.TownshipCode == Qingshi && p.MergedIntoId == null && (p.Tags & CountySkills.Web.Domain.PersonTags.PovertyAlleviated) != 0)
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            // An operator's SQL takes the tag away: only the triggers know.
            await db.Database.ExecuteSqlRawAsync($"UPDATE \"People\" SET \"Tags\" = 0 WHERE \"Id\" = {one}");
        }
        Assert.Equal(before - 1, await Total(county, query));
    }

    [Fact]
    public async Task Every_township_with_people_has_a_stamp_and_a_change_raises_it()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var townships = await db.People.Select(p => p.TownshipCode).Distinct().CountAsync();
        Assert.Equal(townships, await db.LedgerStamps.CountAsync(s => db.People.Any(p => p.TownshipCode == s.TownshipCode)));
        var before = await db.LedgerStamps.Where(s => s.TownshipCode == Qingshi).Select(s => s.Stamp).SingleAsync();
        var town = await app.ClientFor("town01");
        await HttpAssert.Json(await town.PostAsJsonAsync("/api/people", Person(Ids.New(1991), "孙戳记", QingshiVillage)), HttpStatusCode.Created);
        Assert.True(await db.LedgerStamps.Where(s => s.TownshipCode == Qingshi).Select(s => s.Stamp).SingleAsync() > before);
    }
}

public sealed class LedgerTotalsTests_Sqlite(SqliteApp app) : LedgerTotalsTests(app), IClassFixture<SqliteApp>;
public sealed class LedgerTotalsTests_Postgres(PostgresApp app) : LedgerTotalsTests(app), IClassFixture<PostgresApp>;
