using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>
/// The service card a customer checks with no sign-in: the page /brands/workers/{code} and GET /api/public/brand-workers/{code}. Masked
/// name, brand, stars, certificates, whether at work; 404 for an unknown code, 410 once the worker has left the brand; never the ID number or phone.
/// </summary>
public abstract class PublicCardTests(ClockedApp app)
{
    const string Phone = "13912345678";

    async Task<(HttpClient County, long Member, string Code, string IdNumber, long PersonId)> Worker(string name, bool working = true)
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var brand = await NewBrand(county, UniqueName("禾红月嫂"));
        var (person, id) = await Person(county, name, phone: Phone);
        var member = await Join(county, IdOf(brand), person);
        await Certify(county, id, "4-10-01-06", "Junior", "2026-02-10");
        if (working) await Placed(county, person, "2026-04-15");
        var rated = await HttpAssert.Json(await Rate(county, member, working ? "Two" : "One"));
        return (county, member, Str(rated, "code"), id, person);
    }

    static void NothingPrivate(string body, string idNumber, string fullName)
    {
        Assert.DoesNotContain(idNumber, body);
        Assert.DoesNotContain(idNumber[6..14], body);   // not even the birth date part
        Assert.DoesNotContain(Phone, body);
        Assert.DoesNotContain(fullName, body);
    }

    [Fact]
    public async Task The_card_shows_the_masked_name_brand_stars_certificates_and_that_the_worker_is_at_work()
    {
        var (_, _, code, id, _) = await Worker("张秀英");
        var anonymous = app.CreateClient();
        var r = await anonymous.GetAsync($"/api/public/brand-workers/{code}");
        var body = await r.Content.ReadAsStringAsync();
        var card = await HttpAssert.Json(r);
        Assert.Equal("张*英", Str(card, "name"));
        Assert.StartsWith("禾红月嫂", Str(card, "brand"));
        Assert.Equal(("Two", "二星"), (Str(card, "stars"), Str(card, "starsName")));
        Assert.True(card.GetProperty("active").GetBoolean());
        Assert.False(card.GetProperty("revoked").GetBoolean());
        var cert = Assert.Single(card.GetProperty("certificates").EnumerateArray());
        Assert.Equal("家政服务员", Str(cert, "occupation"));
        Assert.Equal("2026-02-10", Str(cert, "issuedOn"));
        NothingPrivate(body, id, "张秀英");

        // The code as printed, in lower case or with spaces, finds the same card.
        Assert.Equal("张*英", Str(await HttpAssert.Json(await anonymous.GetAsync($"/api/public/brand-workers/{code.ToLowerInvariant()}")), "name"));

        var page = await anonymous.GetAsync($"/brands/workers/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("张*英", html);
        Assert.Contains("二星", html);
        Assert.Contains("在岗服务中", html);
        Assert.Contains("data:image/png;base64,", html);
        NothingPrivate(html, id, "张秀英");
    }

    [Fact]
    public async Task A_member_not_at_work_is_shown_as_such_and_an_ended_or_future_job_does_not_count()
    {
        var (county, _, code, _, person) = await Worker("刘美", working: false);
        var anonymous = app.CreateClient();
        var card = await HttpAssert.Json(await anonymous.GetAsync($"/api/public/brand-workers/{code}"));
        Assert.Equal(("刘*", false, "One"), (Str(card, "name"), card.GetProperty("active").GetBoolean(), Str(card, "stars")));
        Assert.Contains("未在岗", Str(card, "status"));

        var job = await Placed(county, person, "2026-06-01");
        Assert.True((await HttpAssert.Json(await anonymous.GetAsync($"/api/public/brand-workers/{code}"))).GetProperty("active").GetBoolean());
        await HttpAssert.Json(await End(county, job, "2026-11-01", "合同期满"));
        Assert.False((await HttpAssert.Json(await anonymous.GetAsync($"/api/public/brand-workers/{code}"))).GetProperty("active").GetBoolean());
        await Placed(county, person, "2026-12-20");   // starts in three weeks
        Assert.False((await HttpAssert.Json(await anonymous.GetAsync($"/api/public/brand-workers/{code}"))).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_code_is_404_and_a_worker_who_left_the_brand_is_410_on_the_page_and_the_api()
    {
        var anonymous = app.CreateClient();
        var unknown = await Refused(await anonymous.GetAsync("/api/public/brand-workers/ABCDEF012345"), HttpStatusCode.NotFound, "brand_worker.unknown");
        Assert.Contains("服务卡", unknown.GetProperty("detail").GetString());
        var page = await anonymous.GetAsync("/brands/workers/ABCDEF012345");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("未找到该服务卡", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/brand-workers/{new string('A', 40)}")).StatusCode);

        var (county, member, code, id, _) = await Worker("陈桂花");
        await Revoke(county, member, "违反服务规范，品牌除名");
        var r = await anonymous.GetAsync($"/api/public/brand-workers/{code}");
        var body = await r.Content.ReadAsStringAsync();
        var gone = await Refused(r, HttpStatusCode.Gone, "brand_worker.revoked");
        Assert.Contains("退出品牌", gone.GetProperty("detail").GetString());
        NothingPrivate(body, id, "陈桂花");
        Assert.DoesNotContain("违反服务规范", body);
        Assert.DoesNotContain("二星", body);

        page = await anonymous.GetAsync($"/brands/workers/{code}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("已退出品牌", html);
        Assert.DoesNotContain("二星", html);
        NothingPrivate(html, id, "陈桂花");

        // The signed-in QR code of the card is a PNG; no one else gets it.
        var qr = await county.GetAsync($"/api/brands/members/{member}/card-qr");
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/brands/members/{member}/card-qr")).StatusCode);
    }
}

public sealed class PublicCardTests_Sqlite(ClockedSqliteApp app) : PublicCardTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class PublicCardTests_Postgres(ClockedPostgresApp app) : PublicCardTests(app), IClassFixture<ClockedPostgresApp>;

/// <summary>The app with a public quota of 5 look-ups a minute, in its own database.</summary>
public sealed class ThrottledBrandApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override int DemoPeople => 100;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimits:PublicPerMinute"] = "5" };
}

public sealed class PublicCardRateLimitTests_Sqlite(ThrottledBrandApp app) : IClassFixture<ThrottledBrandApp>
{
    [Fact]
    public async Task Service_card_look_ups_beyond_the_quota_are_429_on_the_api_and_the_page()
    {
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++) await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/brand-workers/ABCDEF00000{i}"), HttpStatusCode.NotFound);
        var r = await anonymous.GetAsync("/api/public/brand-workers/ABCDEF000009");
        Assert.Contains("频繁", (await HttpAssert.Problem(r, (HttpStatusCode)429)).GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode)429, (await anonymous.GetAsync("/brands/workers/ABCDEF000009")).StatusCode);
        await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/brands"));
    }
}
