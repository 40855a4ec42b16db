using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Domain;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>What the employment tests do over and over: add a person, place them, read the follow-up work list.</summary>
public static class EmploymentKit
{
    /// <summary>town01's township (青石镇); <see cref="Village"/> lies in it, <see cref="OtherVillage"/> does not.</summary>
    public const string Town01 = "419921101";
    public const string Jinghe = "北京京禾家政服务有限公司", Shanghai = "上海禾丰母婴护理有限公司";

    static int _code = 500;

    /// <summary>A fresh valid unified social credit code (an enterprise, 91…).</summary>
    public static string NewCreditCode()
    {
        var first17 = $"91419921MA{Interlocked.Increment(ref _code):0000000}";
        return first17 + CreditCode.ComputeCheck(first17);
    }

    public static long IdOf(JsonElement e) => e.GetProperty("id").GetInt64();
    public static Guid VersionOf(JsonElement e) => e.GetProperty("version").GetGuid();

    public static async Task<long> EmployerId(HttpClient county, string name)
    {
        var list = await HttpAssert.Json(await county.GetAsync("/api/employment/employers"));
        return IdOf(Assert.Single(list.EnumerateArray(), e => e.GetProperty("name").GetString() == name));
    }

    /// <summary>A new working-age person in the ledger (in town01's township unless told otherwise).</summary>
    public static async Task<(long Id, string IdNumber)> NewPerson(HttpClient county, string name, string village = Village)
    {
        var id = Ids.New(1988);
        return (IdOf(await AddPerson(county, id, name, village)), id);
    }

    public static object Body(long? personId, string start, long? employerId = null, string? employerName = null, object? band = null,
        long wageFen = 650_000, string city = "北京市", long? agreementId = null, long? jobOrderId = null, long? classId = null, string? idNumber = null,
        Guid? version = null) => new
    {
        personId, idNumber, employerId, employerName, province = city == "北京市" ? "北京市" : "河南省", city, band = band ?? "OutOfProvince",
        position = "育婴员", startDate = start, monthlyWageFen = wageFen, organised = true, classId, agreementId, jobOrderId, version,
    };

    public static Task<HttpResponseMessage> TryPlace(HttpClient c, object body) => c.PostAsJsonAsync("/api/employment/placements", body);

    public static async Task<JsonElement> Place(HttpClient c, long personId, string start, long? employerId = null, string? employerName = null,
        long? agreementId = null, long? jobOrderId = null, string city = "北京市") =>
        await HttpAssert.Json(await TryPlace(c, Body(personId, start, employerId, employerName ?? (employerId is null ? "自找单位（个体）" : null),
            city: city, agreementId: agreementId, jobOrderId: jobOrderId)), HttpStatusCode.Created);

    public static async Task<JsonElement> GetPlacement(HttpClient c, long id) => await HttpAssert.Json(await c.GetAsync($"/api/employment/placements/{id}"));

    /// <summary>The placement's follow-ups as (months, due on, state), in due order.</summary>
    public static List<(int Months, string DueOn, string State)> Checks(JsonElement placement) =>
        placement.GetProperty("followUps").EnumerateArray()
            .Select(f => (f.GetProperty("months").GetInt32(), f.GetProperty("dueOn").GetString()!, f.GetProperty("state").GetString()!)).ToList();

    public static JsonElement Check(JsonElement placement, int months) =>
        Assert.Single(placement.GetProperty("followUps").EnumerateArray(), f => f.GetProperty("months").GetInt32() == months);

    public static async Task<JsonElement> WorkList(HttpClient c, string state = "open", string extra = "") =>
        await HttpAssert.Json(await c.GetAsync($"/api/employment/follow-ups?state={state}{extra}"));

    public static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static (int Overdue, int Due) Counts(JsonElement page) => (page.GetProperty("overdue").GetInt32(), page.GetProperty("due").GetInt32());

    public static Task<HttpResponseMessage> Record(HttpClient c, long followUpId, object body) => c.PutAsJsonAsync($"/api/employment/follow-ups/{followUpId}", body);

    public static Task<HttpResponseMessage> End(HttpClient c, long placementId, string endedOn, string reason = "返乡照顾老人") =>
        c.PostAsJsonAsync($"/api/employment/placements/{placementId}/end", new { endedOn, reason });

    /// <summary>A 400 whose field errors include the (camelCase) field.</summary>
    public static async Task<JsonElement> FieldError(HttpResponseMessage r, string field)
    {
        var p = await HttpAssert.Problem(r, HttpStatusCode.BadRequest);
        Assert.True(p.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error for {field} in {p}");
        return p;
    }

    /// <summary>A refusal that gives away nothing about the record: none of these words appear in the body.</summary>
    public static async Task Forbidden(HttpResponseMessage r, params string[] secrets)
    {
        var body = await r.Content.ReadAsStringAsync();
        await HttpAssert.Problem(r, HttpStatusCode.Forbidden);
        foreach (var s in secrets) Assert.DoesNotContain(s, body);
    }
}
