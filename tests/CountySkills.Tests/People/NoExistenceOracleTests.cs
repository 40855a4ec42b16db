using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;

namespace CountySkills.Tests.People;

/// <summary>
/// Outside a user's scope a person is "not found", word for word the answer for an id or ID number that was never in the ledger:
/// a township officer, a school clerk or an employer cannot learn from any answer whether someone is in it. A role without the
/// permission at all is still 403 permission.denied (that says nothing of the person).
/// </summary>
public abstract class NoExistenceOracleTests(AppFactory app)
{
    const string Village = "419921101001", OtherVillage = "419921205001";
    const long UnknownId = 987_654_321;

    async Task<(long Id, string IdNumber, Guid Version)> NewPerson(string name, string village)
    {
        var id = Ids.New(1984);
        var p = await HttpAssert.Json(await (await app.ClientFor("county")).PostAsJsonAsync("/api/people",
            new { idNumber = id, name, villageCode = village, phone = "13644440000", employmentStatus = "Farming" }), HttpStatusCode.Created);
        return (p.GetProperty("id").GetInt64(), id, p.GetProperty("version").GetGuid());
    }

    static object Edit(string idNumber, string name, Guid version) => new { idNumber, name, villageCode = Village, employmentStatus = "Farming", version };

    /// <summary>The answer for <paramref name="unknown"/> and for <paramref name="outside"/> are one: 404 person.not_found, same body
    /// but the traceId, nothing of the person in it.</summary>
    static async Task NotFoundAlike(HttpResponseMessage unknown, HttpResponseMessage outside, params string[] secrets)
    {
        var body = await HttpAssert.SameAnswer(unknown, outside);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal("person.not_found", body.GetProperty("code").GetString());
        foreach (var s in secrets) Assert.DoesNotContain(s, body.ToString());
    }

    [Theory]
    [InlineData("town01")]
    [InlineData("school01")]
    [InlineData("employer01")]
    public async Task Reading_a_person_outside_the_scope_by_id_is_the_404_of_an_unknown_id(string user)
    {
        var (other, otherIdNumber, _) = await NewPerson("域外之人", OtherVillage);
        var c = await app.ClientFor(user);
        await NotFoundAlike(await c.GetAsync($"/api/people/{UnknownId}"), await c.GetAsync($"/api/people/{other}"), "域外之人", otherIdNumber[^4..]);
        await NotFoundAlike(await c.GetAsync($"/api/people/{UnknownId}/timeline"), await c.GetAsync($"/api/people/{other}/timeline"), "域外之人");
    }

    [Theory]
    [InlineData("town01")]
    [InlineData("school01")]
    [InlineData("employer01")]
    public async Task Finding_a_person_outside_the_scope_by_id_number_is_the_404_of_an_unknown_id_number(string user)
    {
        var (_, otherIdNumber, _) = await NewPerson("域外证号人", OtherVillage);
        var c = await app.ClientFor(user);
        await NotFoundAlike(await c.GetAsync($"/api/people/by-id-number/{Ids.New()}"), await c.GetAsync($"/api/people/by-id-number/{otherIdNumber}"), "域外证号人");
    }

    [Fact]
    public async Task A_township_officer_revealing_editing_or_merging_another_townships_person_is_the_404_of_an_unknown_id()
    {
        var (other, otherIdNumber, otherVersion) = await NewPerson("外镇待改人", OtherVillage);
        var (mine, _, _) = await NewPerson("本镇保留人", Village);
        var town = await app.ClientFor("town01");
        await NotFoundAlike(await town.PostAsync($"/api/people/{UnknownId}/reveal", null), await town.PostAsync($"/api/people/{other}/reveal", null), otherIdNumber, "13644440000");
        await NotFoundAlike(await town.PutAsJsonAsync($"/api/people/{UnknownId}", Edit(Ids.New(), "外镇待改人", otherVersion)),
            await town.PutAsJsonAsync($"/api/people/{other}", Edit(otherIdNumber, "外镇待改人", otherVersion)), "外镇待改人");
        await NotFoundAlike(await town.PostAsJsonAsync($"/api/people/{mine}/merge", new { mergedId = UnknownId }),
            await town.PostAsJsonAsync($"/api/people/{mine}/merge", new { mergedId = other }), "外镇待改人");
        await NotFoundAlike(await town.PostAsJsonAsync($"/api/people/{UnknownId}/merge", new { mergedId = mine }),
            await town.PostAsJsonAsync($"/api/people/{other}/merge", new { mergedId = mine }), "外镇待改人");

        // Nothing changed, and the county still sees the person as they were.
        var county = await app.ClientFor("county");
        var after = await HttpAssert.Json(await county.GetAsync($"/api/people/{other}"));
        Assert.Equal(otherVersion, after.GetProperty("version").GetGuid());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("mergedIntoId").ValueKind);
    }

    [Fact]
    public async Task A_role_without_the_permission_is_still_403_permission_denied()
    {
        var (other, _, _) = await NewPerson("无权之人", OtherVillage);
        foreach (var user in new[] { "school01", "employer01", "viewer" })
        {
            var c = await app.ClientFor(user);
            foreach (var id in new[] { other, UnknownId })
            {
                var p = await HttpAssert.Problem(await c.PostAsync($"/api/people/{id}/reveal", null), HttpStatusCode.Forbidden);
                Assert.Equal("permission.denied", p.GetProperty("code").GetString());
            }
        }
        var town = await app.ClientFor("town01");
        var log = await HttpAssert.Problem(await town.GetAsync($"/api/people/{other}/access-log"), HttpStatusCode.Forbidden);
        Assert.Equal("permission.denied", log.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Registering_an_id_number_held_in_another_township_is_refused_and_audited_against_that_person()
    {
        var (other, otherIdNumber, _) = await NewPerson("外镇已登记人", OtherVillage);
        var town = await app.ClientFor("town01");
        var p = await HttpAssert.Problem(await town.PostAsJsonAsync("/api/people",
            new { idNumber = otherIdNumber, name = "重复登记", villageCode = Village, employmentStatus = "Farming" }), HttpStatusCode.Conflict);
        Assert.DoesNotContain("外镇已登记人", p.ToString());
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?entity=Person&entityKey={other}&action=Search"));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("town01", entry.GetProperty("userName").GetString());
        Assert.DoesNotContain(otherIdNumber, audit.ToString());
    }
}

public sealed class NoExistenceOracleTests_Sqlite(SqliteApp app) : NoExistenceOracleTests(app), IClassFixture<SqliteApp>;
public sealed class NoExistenceOracleTests_Postgres(PostgresApp app) : NoExistenceOracleTests(app), IClassFixture<PostgresApp>;
