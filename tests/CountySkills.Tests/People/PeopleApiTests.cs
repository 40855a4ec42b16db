using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;

namespace CountySkills.Tests.People;

public abstract class PeopleApiTests(AppFactory app)
{
    const string QingshiVillage = "419921101001", QingshiVillage2 = "419921101002", ShiqiaoVillage = "419921205001";

    static object Person(string id, string name, string village = QingshiVillage, string? phone = null, Guid? version = null) => new
    {
        idNumber = id, name, villageCode = village, phone, employmentStatus = "Farming", tags = "PovertyAlleviated", version,
    };

    async Task<JsonElement> Create(HttpClient c, string id, string name, string village = QingshiVillage, string? phone = null) =>
        await HttpAssert.Json(await c.PostAsJsonAsync("/api/people", Person(id, name, village, phone)), HttpStatusCode.Created);

    [Fact]
    public async Task Creating_a_person_derives_sex_and_birth_date_and_masks_the_id()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1985, male: false);
        var p = await Create(county, id, "李秀英", phone: "13912345678");
        Assert.Equal("Female", p.GetProperty("sex").GetString());
        Assert.Equal(1985, p.GetProperty("birthYear").GetInt32());
        Assert.False(p.TryGetProperty("birthDate", out _)); // the date and the masked ID would give the ID back
        Assert.Equal(id[..4] + "**********" + id[^4..], p.GetProperty("idNumber").GetString());
        Assert.Equal("139****5678", p.GetProperty("phone").GetString());
        Assert.Equal("419921101", p.GetProperty("townshipCode").GetString());
        Assert.Contains("PovertyAlleviated", p.GetProperty("tags").GetString());
    }

    [Theory]
    [InlineData("41992119900101123", "idNumber")]
    [InlineData("419921199002301234", "idNumber")]
    public async Task Invalid_id_numbers_are_400_with_the_field_named(string id, string field)
    {
        var r = await (await app.ClientFor("county")).PostAsJsonAsync("/api/people", Person(id, "王五"));
        var p = await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), p.ToString());
    }

    [Fact]
    public async Task A_bad_checksum_a_bad_phone_and_a_missing_name_are_each_named()
    {
        var r = await (await app.ClientFor("county")).PostAsJsonAsync("/api/people", Person(Ids.WithWrongCheck(Ids.New()), "", phone: "12345"));
        var errors = (await HttpAssert.Problem(r, HttpStatusCode.BadRequest)).GetProperty("errors").ToString();
        Assert.Contains("校验位", errors);
        Assert.Contains("手机号", errors);
        Assert.Contains("姓名", errors);
    }

    [Fact]
    public async Task One_person_per_id_number_ever()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        await Create(county, id, "赵六");
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/people", Person(id, "赵六")), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/people", Person(id.ToLowerInvariant(), "别人")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_township_officer_cannot_create_or_move_people_outside_the_township()
    {
        var town = await app.ClientFor("town01");
        await HttpAssert.Problem(await town.PostAsJsonAsync("/api/people", Person(Ids.New(), "孙七", ShiqiaoVillage)), HttpStatusCode.Forbidden);
        var created = await Create(town, Ids.New(), "孙八");
        var id = created.GetProperty("id").GetInt64();
        var moved = await town.PutAsJsonAsync($"/api/people/{id}", Person(Ids.New(), "孙八", ShiqiaoVillage, version: created.GetProperty("version").GetGuid()));
        await HttpAssert.Problem(moved, HttpStatusCode.Forbidden);
        var after = await HttpAssert.Json(await town.GetAsync($"/api/people/{id}"));
        Assert.Equal(QingshiVillage, after.GetProperty("villageCode").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_409_and_changes_nothing()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        var p = await Create(county, id, "周九");
        var pid = p.GetProperty("id").GetInt64();
        var v1 = p.GetProperty("version").GetGuid();
        var first = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/people/{pid}", Person(id, "周九", QingshiVillage2, version: v1)));
        Assert.NotEqual(v1, first.GetProperty("version").GetGuid());
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/people/{pid}", Person(id, "周久", version: v1)), HttpStatusCode.Conflict);
        var now = await HttpAssert.Json(await county.GetAsync($"/api/people/{pid}"));
        Assert.Equal("周九", now.GetProperty("name").GetString());
        Assert.Equal(QingshiVillage2, now.GetProperty("villageCode").GetString());
    }

    [Fact]
    public async Task Finding_by_id_number_accepts_lower_case_x_and_15_digit_numbers()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        await Create(county, id, "吴十");
        var found = await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{id.ToLowerInvariant()}"));
        Assert.Equal("吴十", found.GetProperty("name").GetString());
        await HttpAssert.Problem(await county.GetAsync($"/api/people/by-id-number/{Ids.New()}"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await county.GetAsync("/api/people/by-id-number/12345"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Revealing_is_a_permission_and_each_reveal_is_audited()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        var p = await Create(county, id, "郑一", phone: "13700001111");
        var pid = p.GetProperty("id").GetInt64();
        var revealed = await HttpAssert.Json(await county.PostAsync($"/api/people/{pid}/reveal", null));
        Assert.Equal(id, revealed.GetProperty("idNumber").GetString());
        Assert.Equal("13700001111", revealed.GetProperty("phone").GetString());
        foreach (var user in new[] { "viewer", "school01" })
            await HttpAssert.Problem(await (await app.ClientFor(user)).PostAsync($"/api/people/{pid}/reveal", null), HttpStatusCode.Forbidden);
        var audit = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?entity=Person&entityKey={pid}&action=Reveal"));
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
        Assert.Equal("county", audit.GetProperty("items")[0].GetProperty("userName").GetString());
    }

    [Fact]
    public async Task The_audit_log_keeps_id_numbers_and_phones_masked()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New();
        var p = await Create(county, id, "审计遮蔽", phone: "13711112222");
        var log = await HttpAssert.Json(await (await app.ClientFor("auditor")).GetAsync($"/api/audit?entity=Person&entityKey={p.GetProperty("id").GetInt64()}"));
        var text = log.ToString();
        Assert.Contains("审计遮蔽", text);
        Assert.DoesNotContain(id, text);
        Assert.DoesNotContain("13711112222", text);
    }

    [Theory]
    [InlineData("ageMin=20000")]
    [InlineData("ageMax=-2147483648")]
    [InlineData("ageMin=50&ageMax=20")]
    public async Task Absurd_query_values_are_400_not_500(string query) =>
        await HttpAssert.Problem(await (await app.ClientFor("county")).GetAsync($"/api/people?{query}"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_huge_page_number_is_an_empty_page_not_an_error()
    {
        var r = await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/people?page=2147483647"));
        Assert.Equal(0, r.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_list_filters_by_tag_status_age_and_search()
    {
        var county = await app.ClientFor("county");
        var all = (await HttpAssert.Json(await county.GetAsync("/api/people?pageSize=1"))).GetProperty("total").GetInt32();
        var poor = await HttpAssert.Json(await county.GetAsync("/api/people?tag=脱贫户&pageSize=200"));
        Assert.InRange(poor.GetProperty("total").GetInt32(), 1, all - 1);
        Assert.All(poor.GetProperty("items").EnumerateArray(), p => Assert.Contains("PovertyAlleviated", p.GetProperty("tags").GetString()));
        var outside = await HttpAssert.Json(await county.GetAsync("/api/people?status=OutOfProvince&ageMin=30&ageMax=40&pageSize=200"));
        Assert.All(outside.GetProperty("items").EnumerateArray(), p =>
        {
            Assert.Equal("OutOfProvince", p.GetProperty("employmentStatus").GetString());
            Assert.InRange(p.GetProperty("age").GetInt32(), 30, 40);
        });
        var id = Ids.New();
        await Create(county, id, "欧阳锋", phone: "13600002222");
        foreach (var q in new[] { "欧阳", id, "13600002222" })
        {
            var hit = await HttpAssert.Json(await county.GetAsync($"/api/people?q={q}"));
            Assert.Contains(hit.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "欧阳锋");
        }
        await HttpAssert.Problem(await county.GetAsync("/api/people?tag=nonsense"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Duplicates_are_listed_and_merging_keeps_both_and_the_old_id_finds_the_survivor()
    {
        var county = await app.ClientFor("county");
        var idA = Ids.New(1977);
        var idB = idA[..14] + "999";
        idB += CountySkills.Web.Domain.IdNumber.ComputeCheck(idB);
        var a = await Create(county, idA, "钱多多", phone: "13500003333");
        var b = await Create(county, idB, "钱多多");
        var dups = await HttpAssert.Json(await county.GetAsync("/api/people/duplicates"));
        Assert.Contains(dups.EnumerateArray(), g => g.GetProperty("reason").GetString() == "same_name_birth_village"
            && g.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToHashSet().SetEquals([a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64()]));

        var survivor = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{a.GetProperty("id").GetInt64()}/merge", new { mergedId = b.GetProperty("id").GetInt64() }));
        Assert.Contains(b.GetProperty("id").GetInt64(), survivor.GetProperty("mergedFrom").EnumerateArray().Select(x => x.GetInt64()));
        var byOld = await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{idB}"));
        Assert.Equal(a.GetProperty("id").GetInt64(), byOld.GetProperty("id").GetInt64());
        var search = await HttpAssert.Json(await county.GetAsync($"/api/people?q={idB}"));
        Assert.Equal(a.GetProperty("id").GetInt64(), Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        var merged = await HttpAssert.Json(await county.GetAsync($"/api/people/{b.GetProperty("id").GetInt64()}"));
        Assert.Equal(a.GetProperty("id").GetInt64(), merged.GetProperty("mergedIntoId").GetInt64());
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/people/{a.GetProperty("id").GetInt64()}/merge", new { mergedId = b.GetProperty("id").GetInt64() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merging_the_survivor_again_points_every_earlier_record_to_the_new_survivor_at_once()
    {
        var county = await app.ClientFor("county");
        var idA = Ids.New(1979);
        var idB = idA[..14] + "998";
        idB += CountySkills.Web.Domain.IdNumber.ComputeCheck(idB);
        var idC = idA[..14] + "997";
        idC += CountySkills.Web.Domain.IdNumber.ComputeCheck(idC);
        var a = (await Create(county, idA, "孙链甲")).GetProperty("id").GetInt64();
        var b = (await Create(county, idB, "孙链甲")).GetProperty("id").GetInt64();
        var c = (await Create(county, idC, "孙链甲")).GetProperty("id").GetInt64();

        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{b}/merge", new { mergedId = a }));   // A -> B
        var survivor = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/people/{c}/merge", new { mergedId = b })); // B -> C

        Assert.Equal([a, b], survivor.GetProperty("mergedFrom").EnumerateArray().Select(x => x.GetInt64()).Order());
        foreach (var old in new[] { a, b })
            Assert.Equal(c, (await HttpAssert.Json(await county.GetAsync($"/api/people/{old}"))).GetProperty("mergedIntoId").GetInt64());
        Assert.Equal(c, (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{idA}"))).GetProperty("id").GetInt64());
        var search = await HttpAssert.Json(await county.GetAsync($"/api/people?q={idA}"));
        Assert.Equal(c, Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }
}

public sealed class PeopleApiTests_Sqlite(SqliteApp app) : PeopleApiTests(app), IClassFixture<SqliteApp>;
public sealed class PeopleApiTests_Postgres(PostgresApp app) : PeopleApiTests(app), IClassFixture<PostgresApp>;
