using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>What the brand tests do over and over: a brand of one's own, people, members, certificates by hand, a member's detail.</summary>
public static class BrandKit
{
    static int _n;

    /// <summary>A brand name no other test uses.</summary>
    public static string UniqueName(string stem = "测试品牌") => $"{stem}{Interlocked.Increment(ref _n)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static object BrandBody(string name, Guid? version = null, object? starScheme = null, long[]? leading = null, long[]? agencies = null,
        long[]? bases = null, string category = "家政") => new
    {
        name, trademarkNumber = "第 12345678 号", owner = "禾丰县人力资源和社会保障局", category, homeAreaCode = "419921", standards = "统一服装、统一标识",
        skillLeaders = "李春梅", description = "测试用劳务品牌", starScheme, leadingEnterpriseIds = leading, partnerAgencyIds = agencies, labourBaseIds = bases, version,
    };

    public static async Task<JsonElement> NewBrand(HttpClient county, string? name = null, object? starScheme = null) =>
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/brands", BrandBody(name ?? UniqueName(), starScheme: starScheme)), HttpStatusCode.Created);

    public static async Task<JsonElement> GetBrand(HttpClient c, long id) => await HttpAssert.Json(await c.GetAsync($"/api/brands/{id}"));

    public static async Task<JsonElement> Figures(HttpClient c, long id) => (await GetBrand(c, id)).GetProperty("figures");

    /// <summary>A working-age person (born <paramref name="year"/>) in town01's village, optionally with an education and phone.</summary>
    public static async Task<(long Id, string IdNumber)> Person(HttpClient county, string name, int year = 1988, string? education = null, string? phone = null,
        string village = Village)
    {
        var id = Ids.New(year, male: false);
        var r = await county.PostAsJsonAsync("/api/people", new { idNumber = id, name, villageCode = village, employmentStatus = "Farming", education = education ?? "JuniorHigh", phone });
        return ((await HttpAssert.Json(r, HttpStatusCode.Created)).GetProperty("id").GetInt64(), id);
    }

    public static Task<HttpResponseMessage> TryJoin(HttpClient c, long brandId, object body) => c.PostAsJsonAsync($"/api/brands/{brandId}/members", body);

    /// <summary>The person joins the brand; returns the member id.</summary>
    public static async Task<long> Join(HttpClient county, long brandId, long personId)
    {
        var list = await HttpAssert.Json(await TryJoin(county, brandId, new { personId }), HttpStatusCode.Created);
        return Assert.Single(list.EnumerateArray(), m => m.GetProperty("personId").GetInt64() == personId).GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> Member(HttpClient c, long memberId) => await HttpAssert.Json(await c.GetAsync($"/api/brands/members/{memberId}"));

    public static async Task<JsonElement> Proposal(HttpClient c, long memberId) => (await Member(c, memberId)).GetProperty("proposal");

    public static Task<HttpResponseMessage> Rate(HttpClient c, long memberId, string stars, string? reason = null) =>
        c.PostAsJsonAsync($"/api/brands/members/{memberId}/stars", new { stars, reason });

    public static async Task<JsonElement> Say(HttpClient c, long memberId, string kind, string onDate, bool valid = true, string text = "客户反馈") =>
        await HttpAssert.Json(await c.PostAsJsonAsync($"/api/brands/members/{memberId}/feedback", new { kind, source = "北京客户 王女士", text, onDate, valid }),
            HttpStatusCode.Created);

    public static async Task<JsonElement> Revoke(HttpClient c, long memberId, string reason = "本人申请退出") =>
        await HttpAssert.Json(await c.PostAsJsonAsync($"/api/brands/members/{memberId}/revoke", new { reason }));

    static int LevelDigit(string level) => level switch { "Junior" => 5, "Intermediate" => 4, "Advanced" => 3, "Technician" => 2, _ => 1 };

    /// <summary>A 职业技能等级证书 registered by hand for the holder.</summary>
    public static async Task<JsonElement> Certify(HttpClient county, string idNumber, string occupationCode, string level, string issuedOn = "2026-03-01") =>
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/certificates", new
        {
            idNumber, kind = "SkillLevel", occupationCode, level, number = SkillNumber(LevelDigit(level)), issuer = Issuer, issuedOn,
        }), HttpStatusCode.Created);

    /// <summary>Places the person (out of province, 6,500 yuan a month unless told) from the start date.</summary>
    public static async Task<long> Placed(HttpClient county, long personId, string start, long wageFen = 650_000, string band = "OutOfProvince", long? brandId = null) =>
        (await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/placements", new
        {
            personId, employerName = "自找单位（个体）", province = band == "InCounty" ? "河南省" : "北京市", city = band == "InCounty" ? "禾丰县" : "北京市", band,
            position = "家政服务员", startDate = start, monthlyWageFen = wageFen, organised = true, brandId,
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    public static string Str(JsonElement e, string p) => e.GetProperty(p).GetString()!;
    public static int Int(JsonElement e, string p) => e.GetProperty(p).GetInt32();
}
