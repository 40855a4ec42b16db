using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Tests.Subsidies;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>Labour brands: who may read and write, the default star scheme, versions and names, members from a class or by hand, and the figures.</summary>
public abstract class BrandTests(ClockedApp app)
{
    [Fact]
    public async Task A_new_brand_gets_the_domestic_work_star_scheme_its_partners_and_zero_figures()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (jinghe, shanghai) = (await EmployerId(county, Jinghe), await EmployerId(county, Shanghai));
        var baseId = IdOf((await HttpAssert.Json(await county.GetAsync("/api/employment/bases"))).EnumerateArray().First());
        var name = UniqueName("禾乡月嫂");
        var r = await county.PostAsJsonAsync("/api/brands", BrandBody("  " + name + " ", leading: [jinghe], agencies: [shanghai], bases: [baseId]));
        var b = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.EndsWith($"/api/brands/{IdOf(b)}", r.Headers.Location!.ToString());
        Assert.Equal(name, Str(b, "name"));
        Assert.Equal("419921", Str(b, "homeAreaCode"));

        var scheme = b.GetProperty("starScheme").EnumerateArray()
            .Select(s => (Str(s, "level"), Int(s, "months"), string.Join("+", s.GetProperty("certificates").EnumerateArray().Select(c => $"{Str(c, "occupationCode")}/{Int(c, "level")}"))))
            .ToList();
        Assert.Equal([("One", 0, "4-10-01-06/5"), ("Two", 6, "4-10-01-06/5"), ("Three", 12, "4-10-01-06/4"), ("Four", 24, "4-10-01-06/4+4-10-01-02/5"),
            ("Five", 36, "4-10-01-06/3+4-10-01-02/4"), ("Gold", 48, "4-10-01-06/3+4-10-01-02/3+4-03-02-05/4")], scheme);

        var partners = b.GetProperty("partners").EnumerateArray().Select(p => (p.GetProperty("employerId").GetInt64(), Str(p, "role"), Str(p, "roleName"))).OrderBy(p => p.Item2).ToList();
        Assert.Equal([(jinghe, "LeadingEnterprise", "龙头企业"), (shanghai, "PartnerAgency", "合作机构")], partners);
        Assert.Equal([baseId], b.GetProperty("labourBaseIds").EnumerateArray().Select(x => x.GetInt64()));

        var f = b.GetProperty("figures");
        foreach (var k in new[] { "members", "trained", "placedThisYear", "activeInPartnerCities", "complaints", "jobsDriven" }) Assert.Equal(0, Int(f, k));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("averageWageFen").ValueKind);

        var all = await HttpAssert.Json(await county.GetAsync("/api/brands"));
        Assert.Contains(all.EnumerateArray(), x => Str(x, "name") == "禾红家政");
        Assert.Contains(all.EnumerateArray(), x => IdOf(x) == IdOf(b));
    }

    [Fact]
    public async Task Viewer_and_auditor_read_brands_township_employer_and_school_staff_are_refused_and_only_county_writes()
    {
        var county = await app.ClientFor("county");
        var b = await NewBrand(county);
        var member = await Join(county, IdOf(b), (await Person(county, "权限成员")).Id);
        foreach (var reader in new[] { "viewer", "auditor", "admin" })
        {
            var c = await app.ClientFor(reader);
            await HttpAssert.Json(await c.GetAsync("/api/brands"));
            await HttpAssert.Json(await c.GetAsync($"/api/brands/{IdOf(b)}/members"));
            await HttpAssert.Json(await c.GetAsync($"/api/brands/members/{member}"));
        }
        foreach (var outsider in new[] { "town01", "employer01", "school01" })
        {
            var c = await app.ClientFor(outsider);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync("/api/brands")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/api/brands/{IdOf(b)}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/api/brands/members/{member}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync("/api/brands", BrandBody(UniqueName()))).StatusCode);
        }
        var viewer = await app.ClientFor("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/brands", BrandBody(UniqueName()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/brands/{IdOf(b)}", BrandBody(UniqueName(), VersionOf(b)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Rate(viewer, member, "One", "越权")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/brands")).StatusCode);
        await HttpAssert.Problem(await county.GetAsync("/api/brands/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Editing_needs_the_version_a_stale_one_is_409_a_duplicate_name_is_409_and_partners_can_be_kept()
    {
        var county = await app.ClientFor("county");
        var jinghe = await EmployerId(county, Jinghe);
        var name = UniqueName();
        var b = await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", BrandBody(name, leading: [jinghe])), HttpStatusCode.Created);
        var id = IdOf(b);

        await FieldError(await county.PutAsJsonAsync($"/api/brands/{id}", BrandBody(name)), "version");
        // The same partners again, with a new owner: the partner rows are replaced without tripping their unique index.
        var body = JsonSerializer.SerializeToNode(BrandBody(name, VersionOf(b), leading: [jinghe]))!;
        body["owner"] = "禾丰县家政服务协会";
        var edited = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/brands/{id}", body));
        Assert.Equal("禾丰县家政服务协会", Str(edited, "owner"));
        Assert.NotEqual(VersionOf(b), VersionOf(edited));
        Assert.Single(edited.GetProperty("partners").EnumerateArray());
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/brands/{id}", BrandBody(name + "改", VersionOf(b))), HttpStatusCode.Conflict);
        Assert.Equal(name, Str(await GetBrand(county, id), "name"));

        var dup = await HttpAssert.Problem(await county.PostAsJsonAsync("/api/brands", BrandBody("禾红家政")), HttpStatusCode.Conflict);
        Assert.Contains("禾红家政", dup.GetProperty("detail").GetString());
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/brands", BrandBody(" 禾红家政 ")), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/brands/{id}", BrandBody("禾丰足护", VersionOf(edited))), HttpStatusCode.Conflict);
        Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/brands"))).EnumerateArray(), x => Str(x, "name") == "禾红家政");

        await FieldError(await county.PostAsJsonAsync("/api/brands", BrandBody(UniqueName(), leading: [999_999])), "leadingEnterpriseIds");
        await FieldError(await county.PostAsJsonAsync("/api/brands", BrandBody(UniqueName(), bases: [999_999])), "labourBaseIds");
        await FieldError(await county.PostAsJsonAsync("/api/brands", BrandBody("")), "name");
        await FieldError(await county.PostAsJsonAsync("/api/brands", BrandBody(UniqueName(),
            starScheme: new[] { new { level = "One", months = 0, certificates = Array.Empty<object>() }, new { level = "One", months = 6, certificates = Array.Empty<object>() } })), "starScheme");
        await FieldError(await county.PostAsJsonAsync("/api/brands", BrandBody(UniqueName(),
            starScheme: new[] { new { level = "Two", months = -1, certificates = Array.Empty<object>() } })), "starScheme");

        // An edit that changes only the partners is still an edit: the version moves on, and a second officer's stale copy is refused.
        var before = await GetBrand(county, id);
        var body2 = JsonSerializer.SerializeToNode(BrandBody(Str(before, "name"), VersionOf(before), leading: [jinghe], agencies: [await EmployerId(county, Shanghai)]))!;
        body2["owner"] = Str(before, "owner");
        var partnersOnly = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/brands/{id}", body2));
        Assert.Equal(2, partnersOnly.GetProperty("partners").GetArrayLength());
        Assert.NotEqual(VersionOf(before), VersionOf(partnersOnly));
        body2["partnerAgencyIds"] = null;
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/brands/{id}", body2), HttpStatusCode.Conflict);
        Assert.Equal(2, (await GetBrand(county, id)).GetProperty("partners").GetArrayLength());
    }

    [Fact]
    public async Task The_home_area_must_be_a_known_region_as_for_an_incubator()
    {
        var county = await app.ClientFor("county");
        var body = JsonSerializer.SerializeToNode(BrandBody(UniqueName()))!;
        body["homeAreaCode"] = "419999";   // six digits, but no such county
        await FieldError(await county.PostAsJsonAsync("/api/brands", body), "homeAreaCode");
        body["homeAreaCode"] = "4199";
        await FieldError(await county.PostAsJsonAsync("/api/brands", body), "homeAreaCode");
    }

    [Fact]
    public async Task The_passed_trainees_of_the_brands_class_join_together_a_class_of_another_brand_is_400_and_a_member_twice_is_409()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (mine, other) = (IdOf(await NewBrand(county)), IdOf(await NewBrand(county)));
        var cls = await SubsidyKit.CompletedClass(app, county, new ClassPlan { Name = UniqueName("品牌班"), Count = 4, Failed = [1], BrandId = mine });
        var foreign = await SubsidyKit.CompletedClass(app, county, new ClassPlan { Name = UniqueName("他牌班"), Count = 1, BrandId = other });
        var plain = await SubsidyKit.CompletedClass(app, county, new ClassPlan { Name = UniqueName("普通班"), Count = 1 });

        // One trainee joined by hand before the class does; the class adds the other passed ones and skips the failed one.
        var early = await Join(county, mine, cls[0].PersonId);
        var list = await HttpAssert.Json(await TryJoin(county, mine, new { classId = cls.ClassId }), HttpStatusCode.Created);
        Assert.Equal(new[] { cls[0].PersonId, cls[2].PersonId, cls[3].PersonId }.Order(), list.EnumerateArray().Select(m => m.GetProperty("personId").GetInt64()).Order());
        Assert.Equal(early, IdOf(Assert.Single(list.EnumerateArray(), m => m.GetProperty("personId").GetInt64() == cls[0].PersonId)));
        Assert.DoesNotContain(cls[2].IdNumber, list.ToString());
        Assert.Equal(cls[2].Masked, Str(Assert.Single(list.EnumerateArray(), m => m.GetProperty("personId").GetInt64() == cls[2].PersonId), "idNumber"));
        Assert.All(list.EnumerateArray(), m => Assert.Matches("^[0-9A-F]{12}$", Str(m, "code")));
        Assert.Equal(3, list.EnumerateArray().Select(m => Str(m, "code")).Distinct().Count());

        await Refused(await TryJoin(county, mine, new { classId = foreign.ClassId }), HttpStatusCode.BadRequest, "member.class_not_of_brand");
        await Refused(await TryJoin(county, mine, new { classId = plain.ClassId }), HttpStatusCode.BadRequest, "member.class_not_of_brand");
        await Refused(await TryJoin(county, mine, new { personId = cls[2].PersonId }), HttpStatusCode.Conflict, "member.duplicate");
        await Refused(await TryJoin(county, mine, new { idNumber = cls[3].IdNumber }), HttpStatusCode.Conflict, "member.duplicate");
        await HttpAssert.Problem(await TryJoin(county, 999_999, new { personId = cls[2].PersonId }), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await TryJoin(county, mine, new { idNumber = Ids.New() }), HttpStatusCode.BadRequest);

        // By ID number; the same person may belong to another brand too.
        var byId = await HttpAssert.Json(await TryJoin(county, other, new { idNumber = cls[1].IdNumber }), HttpStatusCode.Created);
        Assert.Equal(cls[1].PersonId, Assert.Single(byId.EnumerateArray()).GetProperty("personId").GetInt64());
        Assert.Equal(3, (await HttpAssert.Json(await county.GetAsync($"/api/brands/{mine}/members"))).GetArrayLength());
        var f = await Figures(county, mine);
        Assert.Equal(3, Int(f, "members"));
        Assert.Equal(4, Int(f, "trained"));
    }

    [Fact]
    public async Task Figures_count_active_members_placements_this_year_wages_valid_complaints_and_jobs()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var brand = IdOf(await NewBrand(county));
        var (a, _) = await Person(county, "数字甲");
        var (b, _) = await Person(county, "数字乙");
        var (c, _) = await Person(county, "数字丙");
        var (outsider, _) = await Person(county, "数字丁");
        var (ma, mb, mc) = (await Join(county, brand, a), await Join(county, brand, b), await Join(county, brand, c));
        await Placed(county, a, "2026-03-01", 600_000);                      // this year, out of province, active
        await Placed(county, b, "2025-06-01", 400_000, band: "InCounty");    // last year, in the county, active
        var ended = await Placed(county, c, "2026-02-01", 900_000);           // this year, ended
        await HttpAssert.Json(await End(county, ended, "2026-08-01"));
        await Placed(county, outsider, "2026-05-01", 300_000, brandId: brand); // not a member, but placed under the brand
        await Say(county, ma, "Complaint", "2026-10-01");
        await Say(county, mb, "Complaint", "2026-10-02", valid: false);
        await Say(county, mb, "Commendation", "2026-10-03");

        var f = await Figures(county, brand);
        Assert.Equal(3, Int(f, "members"));
        Assert.Equal(3, Int(f, "placedThisYear"));
        Assert.Equal(1, Int(f, "activeInPartnerCities"));
        Assert.Equal(500_000, f.GetProperty("averageWageFen").GetInt64());
        Assert.Equal(1, Int(f, "complaints"));

        // A member who leaves no longer counts.
        await Revoke(county, ma);
        f = await Figures(county, brand);
        Assert.Equal(2, Int(f, "members"));
        Assert.Equal(2, Int(f, "placedThisYear"));
        Assert.Equal(0, Int(f, "activeInPartnerCities"));
        Assert.Equal(400_000, f.GetProperty("averageWageFen").GetInt64());
        var list = await HttpAssert.Json(await county.GetAsync($"/api/brands/{brand}/members"));
        Assert.False(Assert.Single(list.EnumerateArray(), m => IdOf(m) == ma).GetProperty("active").GetBoolean());
        Assert.True(Assert.Single(list.EnumerateArray(), m => IdOf(m) == mc).GetProperty("active").GetBoolean());
    }
}

public sealed class BrandTests_Sqlite(ClockedSqliteApp app) : BrandTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class BrandTests_Postgres(ClockedPostgresApp app) : BrandTests(app), IClassFixture<ClockedPostgresApp>;
