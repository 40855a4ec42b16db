using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Tests.Subsidies;
using static CountySkills.Tests.Subsidies.SubsidyKit;

namespace CountySkills.Tests.Localisation;

/// <summary>The API's ProblemDetails follow Accept-Language: Chinese by default, English when asked; the code never changes.</summary>
public abstract partial class ApiLanguageTests(ClockedApp app)
{
    static object Person(string id, string name, string? phone = null) => new { idNumber = id, name, villageCode = "419921101001", phone, employmentStatus = "Farming" };

    async Task<HttpClient> Client(string user, string? language)
    {
        var c = await app.ClientFor(user);
        if (language is not null) c.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return c;
    }

    static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status} but got {(int)r.StatusCode}: {body}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Title, detail and every field error: what a user reads.</summary>
    static IEnumerable<string> Texts(JsonElement p)
    {
        yield return p.GetProperty("title").GetString()!;
        if (p.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) yield return d.GetString()!;
        if (p.TryGetProperty("errors", out var e))
            foreach (var f in e.EnumerateObject()) foreach (var m in f.Value.EnumerateArray()) yield return m.GetString()!;
    }

    static string? Code(JsonElement p) => p.TryGetProperty("code", out var c) ? c.GetString() : null;
    static string[] Fields(JsonElement p) => p.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(f => f.Name).Order().ToArray() : [];

    static void AllChinese(JsonElement p) => Assert.All(Texts(p), t => Assert.Matches(Cjk(), t));
    static void AllEnglish(JsonElement p) => Assert.All(Texts(p), t => Assert.True(!Cjk().IsMatch(t) && t.Length > 0, $"not English: {t}\n{p}"));

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [Fact]
    public async Task A_person_with_a_bad_id_number_gets_field_errors_in_the_language_asked_with_the_same_code()
    {
        var bad = Person(Ids.WithWrongCheck(Ids.New()), "", phone: "12345");
        var zh = await Problem(await (await Client("county", null)).PostAsJsonAsync("/api/people", bad), HttpStatusCode.BadRequest);
        var zhCn = await Problem(await (await Client("county", "zh-CN")).PostAsJsonAsync("/api/people", bad), HttpStatusCode.BadRequest);
        var en = await Problem(await (await Client("county", "en-US,en;q=0.9")).PostAsJsonAsync("/api/people", bad), HttpStatusCode.BadRequest);

        AllChinese(zh);
        Assert.Equal(Texts(zh), Texts(zhCn));
        Assert.Equal(Code(zh), Code(zhCn));
        Assert.Equal("提交的数据有误", zh.GetProperty("title").GetString());
        AllEnglish(en);
        Assert.Equal("The data submitted is invalid", en.GetProperty("title").GetString());
        Assert.Equal(Fields(zh), Fields(en));
        Assert.Contains("idNumber", Fields(en));
        Assert.Equal(Code(zh), Code(en));
        Assert.Contains("check", string.Join(" ", en.GetProperty("errors").GetProperty("idNumber").EnumerateArray().Select(m => m.GetString())), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_refused_claim_transition_says_why_in_English_with_the_same_code()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "语言测试班", Count = 2 });
        var id = IdOf(await Claim(school, c.ClassId));
        await Step(school, id, "submit");

        var zh = await Problem(await MoveClaim(county, id, "approve"), HttpStatusCode.Conflict);
        var en = await Problem(await MoveClaim(await Client("county", "en-US"), id, "approve"), HttpStatusCode.Conflict);
        Assert.Equal("claim.invalid_state", Code(zh));
        Assert.Equal(Code(zh), Code(en));
        AllChinese(zh);
        AllEnglish(en);
        Assert.Contains("submitted", en.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        var zhForbidden = await Problem(await MoveClaim(school, id, "review"), HttpStatusCode.Forbidden);
        var enForbidden = await Problem(await MoveClaim(await Client("school01", "en"), id, "review"), HttpStatusCode.Forbidden);
        Assert.Equal("transition.forbidden", Code(zhForbidden));
        Assert.Equal(Code(zhForbidden), Code(enForbidden));
        AllChinese(zhForbidden);
        AllEnglish(enForbidden);
        Assert.Equal("Forbidden", enForbidden.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Not_found_is_Chinese_by_default_and_English_when_asked()
    {
        var zh = await Problem(await (await Client("county", null)).GetAsync("/api/people/987654321"), HttpStatusCode.NotFound);
        var en = await Problem(await (await Client("county", "en-GB")).GetAsync("/api/people/987654321"), HttpStatusCode.NotFound);
        Assert.Equal("没有找到", zh.GetProperty("title").GetString());
        AllChinese(zh);
        Assert.Equal("Not found", en.GetProperty("title").GetString());
        AllEnglish(en);
        Assert.Equal(Code(zh), Code(en));
    }

    [Fact]
    public async Task A_problem_written_outside_the_endpoint_401_follows_the_language_too()
    {
        var anonymous = app.CreateClient();
        AllChinese(await Problem(await anonymous.GetAsync("/api/people/1"), HttpStatusCode.Unauthorized));
        var en = new HttpRequestMessage(HttpMethod.Get, "/api/people/1");
        en.Headers.AcceptLanguage.ParseAdd("en-US");
        AllEnglish(await Problem(await anonymous.SendAsync(en), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_bad_dashboard_year_is_refused_in_English_with_the_same_code()
    {
        var en = await Client("county", "en-US");
        var bad = await Problem(await en.GetAsync("/api/dashboard?year=1900"), HttpStatusCode.BadRequest);
        AllEnglish(bad);
        var zh = await Problem(await (await Client("county", null)).GetAsync("/api/dashboard?year=1900"), HttpStatusCode.BadRequest);
        Assert.Equal("dashboard.year_invalid", Code(bad));
        Assert.Equal(Code(zh), Code(bad));
        Assert.Equal(Fields(zh), Fields(bad));
    }
}

public sealed class ApiLanguageTests_Sqlite(ClockedSqliteApp app) : ApiLanguageTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class ApiLanguageTests_Postgres(ClockedPostgresApp app) : ApiLanguageTests(app), IClassFixture<ClockedPostgresApp>;
