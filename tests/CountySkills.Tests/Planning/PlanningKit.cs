using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Planning;

/// <summary>What the planning tests do over and over: write plan items, post plans, read refusals, and put records of a past year straight
/// into the database (a year the demo never reaches, so every figure of it is the test's own).</summary>
public static class PlanningKit
{
    public const string Qingshi = "419921101", Liuhe = "419921102", Baima = "419921103", Jinqiao = "419921104", Shuangmiao = "419921105", Gaotai = "419921106";

    public static readonly object[] StandardBands = [new { upToPercent = 5, deduct = 2 }, new { upToPercent = 10, deduct = 4 }, new { upToPercent = (decimal?)null, deduct = 6 }];

    public static object Split(string kind, string code, decimal target) => new { kind, code, target };

    public static object Item(string key, decimal target, object[]? splits = null, decimal points = 5, object[]? bands = null, bool bonus = false,
        decimal maxBonus = 0, bool veto = false) =>
        new { indicatorKey = key, target, points, bands = bands ?? StandardBands, bonusForExceeding = bonus, maxBonus, veto, splits = splits ?? [] };

    public static object Plan(int year, params object[] items) => new { year, title = $"{year}年度目标任务（测试）", items };

    public static Task<HttpResponseMessage> TryCreate(HttpClient c, object body) => c.PostAsJsonAsync("/api/planning/plans", body);

    public static async Task<JsonElement> Create(HttpClient c, object body) => await HttpAssert.Json(await TryCreate(c, body), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> TryIssue(HttpClient c, long id) => c.PostAsync($"/api/planning/plans/{id}/issue", null);

    public static Task<HttpResponseMessage> Put(HttpClient c, long id, string title, object[] items, Guid? version, string? reason = null) =>
        c.PutAsJsonAsync($"/api/planning/plans/{id}", new { title, items, version, reason });

    public static long IdOf(JsonElement e) => e.GetProperty("id").GetInt64();
    public static Guid VersionOf(JsonElement e) => e.GetProperty("version").GetGuid();
    public static string? Str(JsonElement e, string name) => e.GetProperty(name).GetString();
    public static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    /// <summary>A refusal with its status and stable code; the field it names, when given, carries an error.</summary>
    public static async Task<JsonElement> Refused(HttpResponseMessage r, HttpStatusCode status, string code, string? field = null)
    {
        var p = await HttpAssert.Problem(r, status);
        Assert.True(p.TryGetProperty("code", out var c) && c.GetString() == code, $"expected code {code} in {p}");
        if (field is not null)
            Assert.True(p.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error for {field} in {p}");
        return p;
    }

    public static async Task<long> DepartmentId(HttpClient c, string code)
    {
        var list = await HttpAssert.Json(await c.GetAsync("/api/planning/departments"));
        return IdOf(Assert.Single(list.EnumerateArray(), d => Str(d, "code") == code));
    }

    static AppDbContext Db(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Actor = new AuditActor("test-county", "county");
        return db;
    }

    /// <summary>Businesses started on <paramref name="day"/> in a township (each founded by one new person of the township's first village).</summary>
    public static async Task Businesses(AppFactory app, string township, DateOnly day, int count)
    {
        await using var scope = app.Scope();
        await using var db = Db(scope);
        var founder = Person.Create(IdNumber.Parse(Ids.New(1980)), "创业测试人", township + "001", DateTime.UtcNow);
        db.People.Add(founder);
        await db.SaveChangesAsync();
        db.Businesses.AddRange(Enumerable.Range(0, count).Select(i => new Business
        {
            Name = $"测试经营主体{township}-{day:yyyyMMdd}-{i}", Kind = BusinessKind.Ecommerce, FounderId = founder.Id, AreaCode = founder.AreaCode, StartDate = day, JobsCreated = 1,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>A row of a progress report.</summary>
    public static JsonElement Row(JsonElement report, string key, string dimension, string? code = null) =>
        Assert.Single(report.GetProperty("rows").EnumerateArray(), r => Str(r, "indicatorKey") == key && Str(r, "dimension") == dimension && (code is null || Str(r, "code") == code));
}
