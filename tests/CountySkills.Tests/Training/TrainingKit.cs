using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using MiniExcelLibs;

namespace CountySkills.Tests.Training;

/// <summary>What the training and certificate tests do over and over: plan a class, move it on, add people, enrol, upload.</summary>
public static class TrainingKit
{
    public const string Village = "419921101001", OtherVillage = "419921205001";
    public const string Housekeeping = "4-10-01-06", Welder = "6-18-02-04", Moxibustion = "ZX-0001";

    public static object ClassBody(string name, long? institutionId, string start = "2026-10-01", string end = "2026-10-31", int capacity = 30,
        bool subsidised = true, string occupationCode = Housekeeping, string level = "Junior", string kind = "EmploymentSkills", long? employerId = null,
        Guid? version = null, long? brandId = null) => new
    {
        name, institutionId, occupationCode, level, kind, subsidised, employerId, brandId, startDate = start, endDate = end, hours = 120, capacity,
        teachers = "王老师", teachingPlan = "理论 40 课时，实操 80 课时", place = "县高级技工学校实训楼", version,
    };

    public static async Task<JsonElement> CreateClass(HttpClient c, string name, long? institutionId = null, string start = "2026-10-01", string end = "2026-10-31",
        int capacity = 30, bool subsidised = true, string level = "Junior") =>
        await HttpAssert.Json(await c.PostAsJsonAsync("/api/training/classes", ClassBody(name, institutionId, start, end, capacity, subsidised, level: level)), HttpStatusCode.Created);

    public static async Task<long> SchoolId(AppFactory app)
    {
        var list = await HttpAssert.Json(await (await app.ClientFor("school01")).GetAsync("/api/training/institutions"));
        return Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt64();
    }

    /// <summary>An institution other than school01's.</summary>
    public static async Task<long> OtherInstitutionId(AppFactory app)
    {
        var school = await SchoolId(app);
        var list = await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/training/institutions"));
        return list.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).First(i => i != school);
    }

    public static Task<HttpResponseMessage> Move(HttpClient c, long classId, string action, string? reason = null, Guid? version = null) =>
        c.PostAsJsonAsync($"/api/training/classes/{classId}/transitions", new { action, reason, version });

    public static async Task<JsonElement> Advance(HttpClient c, long classId, params string[] actions)
    {
        JsonElement view = default;
        foreach (var a in actions)
            view = await HttpAssert.Json(await Move(c, classId, a, a == "return" ? "请补充教学计划" : null));
        return view;
    }

    public static async Task<JsonElement> GetClass(HttpClient c, long classId) => await HttpAssert.Json(await c.GetAsync($"/api/training/classes/{classId}"));

    public static async Task<string> Status(HttpClient c, long classId) => (await GetClass(c, classId)).GetProperty("status").GetString()!;

    public static async Task<JsonElement> AddPerson(HttpClient county, string idNumber, string name, string village = Village) =>
        await HttpAssert.Json(await county.PostAsJsonAsync("/api/people", new { idNumber, name, villageCode = village, employmentStatus = "Farming" }), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> TryEnrol(HttpClient c, long classId, string idNumber, string? name = null, string? villageCode = null) =>
        c.PostAsJsonAsync($"/api/training/classes/{classId}/enrolments", new { idNumber, name, villageCode });

    public static async Task<JsonElement> Enrol(HttpClient c, long classId, string idNumber, string? name = null, string? villageCode = null) =>
        await HttpAssert.Json(await TryEnrol(c, classId, idNumber, name, villageCode), HttpStatusCode.Created);

    /// <summary>Adds a working-age person to the ledger and enrols them; returns the enrolment id.</summary>
    public static async Task<(long EnrolmentId, string IdNumber)> NewTrainee(HttpClient county, long classId, string name, int year = 1990)
    {
        var id = Ids.New(year);
        await AddPerson(county, id, name);
        return ((await Enrol(county, classId, id)).GetProperty("id").GetInt64(), id);
    }

    public static async Task<List<JsonElement>> Roster(HttpClient c, long classId) =>
        (await HttpAssert.Json(await c.GetAsync($"/api/training/classes/{classId}/enrolments"))).EnumerateArray().ToList();

    public static async Task<long> AddSession(HttpClient c, long classId, string date, string topic = "实操") =>
        (await HttpAssert.Json(await c.PostAsJsonAsync($"/api/training/classes/{classId}/sessions", new { date, hours = 4, topic }), HttpStatusCode.Created))
        .GetProperty("id").GetInt64();

    /// <summary>A refusal: the status, a problem body with the code, and a Chinese sentence saying why.</summary>
    public static async Task<JsonElement> Refused(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        var p = await HttpAssert.Problem(r, status);
        Assert.True(p.TryGetProperty("code", out var c), $"no code in {p}");
        Assert.Equal(code, c.GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.GetProperty("detail").GetString());
        return p;
    }

    public static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows.ToList());
        return ms.ToArray();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Upload(HttpClient c, string url, byte[] file, string fileName, string mode)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", fileName);
        form.Add(new StringContent(mode), "mode");
        var r = await c.PostAsync(url, form);
        var body = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement);
    }

    public static List<(int Row, string Column, string Code, string Message)> Errors(JsonElement report) =>
        report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!,
            e.GetProperty("code").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    static int _serial = 100;

    /// <summary>A fresh, well-formed 职业技能等级证书 number at the given level digit (5 = 五级/初级工).</summary>
    public static string SkillNumber(int level = 5) => $"S000141000001{26}{level}{Interlocked.Increment(ref _serial) % 1_000_000:D6}";
}
