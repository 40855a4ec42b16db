using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>Incubators and the businesses people of the ledger found: validation, support, township scope, and the jobs a brand drives.</summary>
public abstract class EntrepreneurshipTests(ClockedApp app)
{
    static object Biz(string name, long? founderId = null, string? founderIdNumber = null, long? incubatorId = null, long? brandId = null,
        string? registrationCode = null, string startDate = "2025-06-01", int jobsCreated = 5, string kind = "MoxibustionShop", Guid? version = null) =>
        new { name, kind, founderId, founderIdNumber, incubatorId, brandId, registrationCode, startDate, jobsCreated, version };

    static Task<HttpResponseMessage> Create(HttpClient c, object body) => c.PostAsJsonAsync("/api/entrepreneurship/businesses", body);

    static Task<HttpResponseMessage> Support(HttpClient c, long id, object body) => c.PostAsJsonAsync($"/api/entrepreneurship/businesses/{id}/support", body);

    static object IncubatorBody(string name, string areaCode = "419921001", int capacity = 20, Guid? version = null) =>
        new { name, kind = "ReturneePark", areaCode, address = "县城创业路 1 号", capacity, services = "房租减免", version };

    [Fact]
    public async Task An_incubator_counts_its_businesses_jobs_and_support_and_edits_need_the_current_version()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var list = await HttpAssert.Json(await county.GetAsync("/api/entrepreneurship/incubators"));
        Assert.Contains(list.EnumerateArray(), i => Str(i, "name") == "禾丰县返乡创业孵化园");

        var r = await county.PostAsJsonAsync("/api/entrepreneurship/incubators", IncubatorBody(UniqueName("孵化园")));
        var inc = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.EndsWith($"/api/entrepreneurship/incubators/{IdOf(inc)}", r.Headers.Location!.ToString());
        Assert.Equal(("返乡创业园", 0, 0, 0L), (Str(inc, "kindName"), Int(inc, "businesses"), Int(inc, "jobs"), inc.GetProperty("supportFen").GetInt64()));

        var (founder, _) = await Person(county, "孵化创业人");
        var biz = await HttpAssert.Json(await Create(county, Biz(UniqueName("艾灸馆"), founder, incubatorId: IdOf(inc), jobsCreated: 7)), HttpStatusCode.Created);
        await HttpAssert.Json(await Create(county, Biz(UniqueName("网店"), founder, incubatorId: IdOf(inc), jobsCreated: 3, kind: "Ecommerce")), HttpStatusCode.Created);
        await HttpAssert.Json(await Support(county, IdOf(biz), new { kind = "RentReduction", amountFen = 1_200_000, from = "2025-06-01", to = "2026-05-31", note = "首年免租" }),
            HttpStatusCode.Created);
        var withAid = await HttpAssert.Json(await Support(county, IdOf(biz), new { kind = "StartupLoan", amountFen = 20_000_000, from = "2025-07-01" }), HttpStatusCode.Created);
        Assert.Equal(["RentReduction", "StartupLoan"], withAid.GetProperty("support").EnumerateArray().Select(s => Str(s, "kind")));
        Assert.Equal("创业担保贷款", Str(withAid.GetProperty("support")[1], "kindName"));

        var now = Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/entrepreneurship/incubators"))).EnumerateArray(), i => IdOf(i) == IdOf(inc));
        Assert.Equal((2, 10, 21_200_000L), (Int(now, "businesses"), Int(now, "jobs"), now.GetProperty("supportFen").GetInt64()));
        var hosted = await HttpAssert.Json(await county.GetAsync($"/api/entrepreneurship/businesses?incubatorId={IdOf(inc)}"));
        Assert.Equal(2, hosted.GetArrayLength());

        await FieldError(await county.PostAsJsonAsync("/api/entrepreneurship/incubators", IncubatorBody(UniqueName(), areaCode: "419999")), "areaCode");
        await FieldError(await county.PostAsJsonAsync("/api/entrepreneurship/incubators", IncubatorBody(UniqueName(), capacity: -1)), "capacity");
        await FieldError(await county.PutAsJsonAsync($"/api/entrepreneurship/incubators/{IdOf(inc)}", IncubatorBody("改名")), "version");
        var renamed = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/entrepreneurship/incubators/{IdOf(inc)}", IncubatorBody("改名孵化园" + IdOf(inc), version: VersionOf(inc))));
        Assert.Equal(2, Int(renamed, "businesses"));
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/entrepreneurship/incubators/{IdOf(inc)}", IncubatorBody("再改", version: VersionOf(inc))), HttpStatusCode.Conflict);
        var viewer = await app.ClientFor("viewer");
        await HttpAssert.Json(await viewer.GetAsync("/api/entrepreneurship/incubators"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/entrepreneurship/incubators", IncubatorBody(UniqueName()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("town01")).PostAsJsonAsync("/api/entrepreneurship/incubators", IncubatorBody(UniqueName()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("employer01")).GetAsync("/api/entrepreneurship/businesses")).StatusCode);
    }

    [Fact]
    public async Task A_business_is_validated_the_founder_must_be_in_the_ledger_and_the_id_number_is_masked()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (founder, id) = await Person(county, "验证创业人");
        var code = NewCreditCode();
        var r = await Create(county, Biz(UniqueName("家政公司"), founderIdNumber: id, registrationCode: code.ToLowerInvariant(), kind: "HousekeepingCompany"));
        var b = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.Equal((founder, "家政公司", code), (b.GetProperty("founderId").GetInt64(), Str(b, "kindName"), Str(b, "registrationCode")));
        Assert.Equal(id[..4] + "**********" + id[^4..], Str(b, "founderIdNumber"));
        Assert.DoesNotContain(id, (await HttpAssert.Json(await county.GetAsync("/api/entrepreneurship/businesses"))).ToString());
        Assert.Equal(Village, Str(b, "areaCode"));

        await FieldError(await Create(county, Biz(UniqueName(), founder, registrationCode: code[..17] + (code[17] == '0' ? '1' : '0'))), "registrationCode");
        await FieldError(await Create(county, Biz(UniqueName(), founder, startDate: "2026-12-15")), "startDate");
        await FieldError(await Create(county, Biz(UniqueName(), founder, jobsCreated: -1)), "jobsCreated");
        await FieldError(await Create(county, Biz("", founder)), "name");
        await FieldError(await Create(county, Biz(UniqueName())), "founderIdNumber");
        await Refused(await Create(county, Biz(UniqueName(), founderIdNumber: Ids.New())), HttpStatusCode.BadRequest, "person.not_in_ledger");
        await FieldError(await Create(county, Biz(UniqueName(), founder, incubatorId: 999_999)), "incubatorId");
        await FieldError(await Create(county, Biz(UniqueName(), founder, brandId: 999_999)), "brandId");
        await FieldError(await Support(county, IdOf(b), new { kind = "Other", amountFen = 100, from = "2026-05-01", to = "2026-04-01" }), "to");
        await FieldError(await Support(county, IdOf(b), new { kind = "Other", amountFen = -1, from = "2026-05-01" }), "amountFen");
        await HttpAssert.Problem(await Support(county, 999_999, new { kind = "Other", amountFen = 1, from = "2026-05-01" }), HttpStatusCode.NotFound);

        await FieldError(await county.PutAsJsonAsync($"/api/entrepreneurship/businesses/{IdOf(b)}", Biz("改名", founder)), "version");
        var edited = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/entrepreneurship/businesses/{IdOf(b)}", Biz("禾红家政（青石店）", founder, jobsCreated: 12, version: VersionOf(b))));
        Assert.Equal(("禾红家政（青石店）", 12), (Str(edited, "name"), Int(edited, "jobsCreated")));
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/entrepreneurship/businesses/{IdOf(b)}", Biz("再改", founder, version: VersionOf(b))), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_township_officer_registers_and_sees_only_businesses_of_the_townships_people()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var (mine, _) = await Person(county, "本镇创业人");
        var (theirs, theirId) = await Person(county, "外镇创业人", village: OtherVillage);
        var own = await HttpAssert.Json(await Create(town, Biz(UniqueName("本镇艾灸"), mine)), HttpStatusCode.Created);
        // Another township's founder is not in the ledger for this officer: the answer of an unknown id or ID number.
        await HttpAssert.SameAnswer(await Create(town, Biz(UniqueName("外镇艾灸"), 987_654_321)), await Create(town, Biz(UniqueName("外镇艾灸"), theirs)));
        await HttpAssert.SameAnswer(await Create(town, Biz(UniqueName("外镇艾灸"), founderIdNumber: Ids.New())),
            await Create(town, Biz(UniqueName("外镇艾灸"), founderIdNumber: theirId)));
        var other = await HttpAssert.Json(await Create(county, Biz(UniqueName("外镇网店"), theirs, kind: "Ecommerce")), HttpStatusCode.Created);

        var seen = (await HttpAssert.Json(await town.GetAsync("/api/entrepreneurship/businesses"))).EnumerateArray().ToList();
        Assert.Contains(seen, b => IdOf(b) == IdOf(own));
        Assert.DoesNotContain(seen, b => IdOf(b) == IdOf(other));
        Assert.All(seen, b => Assert.StartsWith(Town01, Str(b, "areaCode")));
        Assert.Contains((await HttpAssert.Json(await county.GetAsync("/api/entrepreneurship/businesses"))).EnumerateArray(), b => IdOf(b) == IdOf(other));

        await Forbidden(await town.PutAsJsonAsync($"/api/entrepreneurship/businesses/{IdOf(other)}", Biz("改", theirs, version: VersionOf(other))), "外镇网店");
        await Forbidden(await Support(town, IdOf(other), new { kind = "RentReduction", amountFen = 1, from = "2026-01-01" }));
        await HttpAssert.Json(await Support(town, IdOf(own), new { kind = "UtilitySubsidy", amountFen = 300_000, from = "2026-01-01" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_brand_drives_the_jobs_of_businesses_under_it_and_of_those_its_active_members_founded()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var brand = IdOf(await NewBrand(county));
        var (member, _) = await Person(county, "品牌创业人");
        var (stranger, _) = await Person(county, "非成员创业人");
        var memberId = await Join(county, brand, member);
        await HttpAssert.Json(await Create(county, Biz(UniqueName("成员自办"), member, jobsCreated: 5)), HttpStatusCode.Created);
        await HttpAssert.Json(await Create(county, Biz(UniqueName("品牌加盟"), stranger, brandId: brand, jobsCreated: 7)), HttpStatusCode.Created);
        var both = await HttpAssert.Json(await Create(county, Biz(UniqueName("成员品牌店"), member, brandId: brand, jobsCreated: 3)), HttpStatusCode.Created);
        await HttpAssert.Json(await Create(county, Biz(UniqueName("无关"), stranger, jobsCreated: 100)), HttpStatusCode.Created);
        Assert.Equal(15, Int(await Figures(county, brand), "jobsDriven"));   // 5 + 7 + 3, the last counted once
        var underBrand = await HttpAssert.Json(await county.GetAsync($"/api/entrepreneurship/businesses?brandId={brand}"));
        Assert.Equal(2, underBrand.GetArrayLength());
        Assert.All(underBrand.EnumerateArray(), b => Assert.Equal(brand, b.GetProperty("brandId").GetInt64()));
        Assert.NotNull(Str(both, "brandName"));

        await Revoke(county, memberId);
        Assert.Equal(10, Int(await Figures(county, brand), "jobsDriven"));   // the member's own business no longer counts

        // The demo brands drive the demo businesses' jobs.
        var demo = (await HttpAssert.Json(await county.GetAsync("/api/brands"))).EnumerateArray().ToList();
        Assert.True(Int(Assert.Single(demo, b => Str(b, "name") == "禾丰艾灸师").GetProperty("figures"), "jobsDriven") >= 45);
    }
}

public sealed class EntrepreneurshipTests_Sqlite(ClockedSqliteApp app) : EntrepreneurshipTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EntrepreneurshipTests_Postgres(ClockedPostgresApp app) : EntrepreneurshipTests(app), IClassFixture<ClockedPostgresApp>;
