using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>One trainee of a class the kit built.</summary>
public sealed record Trainee(string Name, string IdNumber, long PersonId, long EnrolmentId)
{
    public string Masked => IdNumber[..4] + "**********" + IdNumber[^4..];
}

public sealed record BuiltClass(long ClassId, long InstitutionId, IReadOnlyList<Trainee> Trainees)
{
    public Trainee this[int i] => Trainees[i];
}

/// <summary>What a completed, subsidised class should look like; every knob has a sensible default (all pass, all present, certified).</summary>
public sealed record ClassPlan
{
    public required string Name { get; init; }
    public long? InstitutionId { get; init; }
    public string Start { get; init; } = "2026-10-05";
    public string End { get; init; } = "2026-10-23";
    public int Count { get; init; } = 3;
    public string Level { get; init; } = "Junior";
    public string Occupation { get; init; } = Housekeeping;
    /// <summary>Trainees (by index) absent from every session (attendance 0%).</summary>
    public int[] Absent { get; init; } = [];
    /// <summary>Trainees (by index) absent from one of the three sessions (attendance 66.7%).</summary>
    public int[] MissedOne { get; init; } = [];
    public int[] Failed { get; init; } = [];
    /// <summary>Trainees (by index) who passed but get no certificate.</summary>
    public int[] NoCertificate { get; init; } = [];
    /// <summary>Default: five days after the class ends.</summary>
    public string? CertificateIssuedOn { get; init; }
    /// <summary>Existing people (by ID number) to enrol instead of new ones, by index; the rest are new.</summary>
    public string?[] People { get; init; } = [];
    /// <summary>Birth year of new trainees by index (default 1990); a trainee out of working age is enrolled before the class is made subsidised.</summary>
    public Dictionary<int, int> BirthYears { get; init; } = [];
    public bool Complete { get; init; } = true;
    public bool Subsidised { get; init; } = true;
    /// <summary>The labour brand the class trains for.</summary>
    public long? BrandId { get; init; }
}

/// <summary>Builds, through HTTP only, the completed classes a claim needs, and moves claims along.</summary>
public static class SubsidyKit
{
    public const string Issuer = "河南省职业技能鉴定指导中心";

    static int LevelDigit(string level) => level switch { "Junior" => 5, "Intermediate" => 4, "Advanced" => 3, "Technician" => 2, _ => 1 };

    static async Task<JsonElement> Created(Task<HttpResponseMessage> r) => await HttpAssert.Json(await r, HttpStatusCode.Created);

    /// <summary>A class planned by <paramref name="county"/> for the institution, run, assessed, completed and certified as the plan says.</summary>
    public static async Task<BuiltClass> CompletedClass(AppFactory app, HttpClient county, ClassPlan p)
    {
        var institutionId = p.InstitutionId ?? await SchoolId(app);
        var needsAgeTrick = p.Subsidised && p.BirthYears.Values.Any(y => y < 1967 || y > 2010);
        var cls = await Created(county.PostAsJsonAsync("/api/training/classes",
            ClassBody(p.Name, institutionId, p.Start, p.End, subsidised: p.Subsidised && !needsAgeTrick, occupationCode: p.Occupation, level: p.Level, brandId: p.BrandId)));
        var classId = cls.GetProperty("id").GetInt64();

        var trainees = new List<Trainee>();
        for (var i = 0; i < p.Count; i++)
        {
            var name = $"{p.Name}学员{"甲乙丙丁戊己庚辛壬癸"[i % 10]}";
            long personId;
            var id = i < p.People.Length ? p.People[i] : null;
            if (id is null)
            {
                id = Ids.New(p.BirthYears.GetValueOrDefault(i, 1990));
                personId = (await AddPerson(county, id, name)).GetProperty("id").GetInt64();
            }
            else
            {
                var found = await HttpAssert.Json(await county.GetAsync($"/api/people?q={id}"));
                var person = Assert.Single(found.GetProperty("items").EnumerateArray());
                personId = person.GetProperty("id").GetInt64();
                name = person.GetProperty("name").GetString()!;
            }
            var enrolment = (await Enrol(county, classId, id)).GetProperty("id").GetInt64();
            trainees.Add(new Trainee(name, id, personId, enrolment));
        }
        if (needsAgeTrick)
        {
            var version = (await GetClass(county, classId)).GetProperty("version").GetGuid();
            await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}",
                ClassBody(p.Name, institutionId, p.Start, p.End, subsidised: true, occupationCode: p.Occupation, level: p.Level, version: version, brandId: p.BrandId)));
        }

        var start = DateOnly.Parse(p.Start);
        var sessions = new List<long>();
        foreach (var d in new[] { 0, 2, 4 }) sessions.Add(await AddSession(county, classId, start.AddDays(d).ToString("yyyy-MM-dd")));
        await Advance(county, classId, "submit", "approve", "start");

        var e = trainees.Select(t => t.EnrolmentId).ToArray();
        for (var s = 0; s < sessions.Count; s++)
        {
            var absent = p.Absent.Select(i => e[i]).Concat(s == 0 ? p.MissedOne.Select(i => e[i]) : []).ToArray();
            await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{sessions[s]}/attendance", new { allPresent = true, absent }));
        }
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = e.Select((x, i) => new { enrolmentId = x, passed = !p.Failed.Contains(i), score = p.Failed.Contains(i) ? 40 : 85 }).ToArray() }));
        if (!p.Complete) return new BuiltClass(classId, institutionId, trainees);
        await Advance(county, classId, "complete");

        var certified = Enumerable.Range(0, p.Count).Where(i => !p.Failed.Contains(i) && !p.NoCertificate.Contains(i)).ToList();
        if (certified.Count > 0)
        {
            var issuedOn = p.CertificateIssuedOn ?? DateOnly.Parse(p.End).AddDays(5).ToString("yyyy-MM-dd");
            object body = p.Level == "None"
                ? new { kind = "TrainingCompletion", issuer = "禾丰县人力资源和社会保障局", issuedOn }
                : new { kind = "SkillLevel", issuer = Issuer, issuedOn, numbers = certified.Select(i => new { enrolmentId = e[i], number = SkillNumber(LevelDigit(p.Level)) }).ToArray() };
            if (p.Level == "None" && p.NoCertificate.Length > 0) throw new InvalidOperationException("completion certificates go to everyone who passed");
            var outcome = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates", body));
            Assert.Equal(certified.Count, outcome.GetProperty("issued").GetArrayLength());
        }
        return new BuiltClass(classId, institutionId, trainees);
    }

    public static Task<HttpResponseMessage> TryClaim(HttpClient c, long classId, string? fund = null) =>
        c.PostAsJsonAsync("/api/subsidies/claims", new { classId, fund });

    public static async Task<JsonElement> Claim(HttpClient c, long classId, string? fund = null) =>
        await HttpAssert.Json(await TryClaim(c, classId, fund), HttpStatusCode.Created);

    public static long IdOf(JsonElement e) => e.GetProperty("id").GetInt64();

    public static async Task<JsonElement> GetClaim(HttpClient c, long claimId) => await HttpAssert.Json(await c.GetAsync($"/api/subsidies/claims/{claimId}"));

    public static Task<HttpResponseMessage> MoveClaim(HttpClient c, long claimId, string action, object? decisions = null, string? reason = null,
        string? noticeStartsOn = null, Guid? version = null) =>
        c.PostAsJsonAsync($"/api/subsidies/claims/{claimId}/transitions", new { action, decisions, reason, noticeStartsOn, version });

    public static async Task<JsonElement> Step(HttpClient c, long claimId, string action, object? decisions = null, string? reason = null, string? noticeStartsOn = null) =>
        await HttpAssert.Json(await MoveClaim(c, claimId, action, decisions, reason, noticeStartsOn));

    /// <summary>The claim's line for a trainee.</summary>
    public static JsonElement Line(JsonElement claim, Trainee t) =>
        Assert.Single(claim.GetProperty("lines").EnumerateArray(), l => l.GetProperty("personId").GetInt64() == t.PersonId);

    public static string[] Reasons(JsonElement line) => line.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray();

    public static string Explained(JsonElement line) => string.Join("\n", line.GetProperty("explanations").EnumerateArray().Select(r => r.GetString()));

    /// <summary>The line is ineligible for exactly this reason (among possibly others, when <paramref name="only"/> is false), explained in Chinese.</summary>
    public static void IneligibleFor(JsonElement line, string code, bool only = true)
    {
        Assert.False(line.GetProperty("eligible").GetBoolean(), line.ToString());
        var reasons = Reasons(line);
        if (only) Assert.Equal([code], reasons);
        else Assert.Contains(code, reasons);
        Assert.Equal(0, line.GetProperty("amountFen").GetInt64());
        var explanations = line.GetProperty("explanations").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.Equal(reasons.Length, explanations.Count);
        Assert.All(explanations, x => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", x));
    }

    public static void EligibleFor(JsonElement line, long amountFen)
    {
        Assert.True(line.GetProperty("eligible").GetBoolean(), line.ToString());
        Assert.Empty(Reasons(line));
        Assert.Equal(amountFen, line.GetProperty("amountFen").GetInt64());
    }

    /// <summary>Submitted and reviewed on the system verdicts.</summary>
    public static async Task<JsonElement> Reviewed(HttpClient county, long claimId)
    {
        await Step(county, claimId, "submit");
        return await Step(county, claimId, "review");
    }

    /// <summary>Reviewed, published as a notice that ran two weeks ago (entered afterwards, with a reason), and approved.</summary>
    public static async Task<JsonElement> Approved(HttpClient county, long claimId, DateOnly today)
    {
        await Reviewed(county, claimId);
        await Step(county, claimId, "publish", reason: "线下公示已在乡镇公告栏张贴，补录", noticeStartsOn: today.AddDays(-21).ToString("yyyy-MM-dd"));
        return await Step(county, claimId, "approve");
    }

    public static Dictionary<string, object?> HistoryRow(string id, string name, string occupation, string? level, string paidOn, object? amount = null,
        string? institution = "禾丰县某培训学校", string? number = null) => new()
    {
        ["身份证号码"] = id, ["姓名"] = name, ["职业（工种）"] = occupation, ["等级"] = level, ["证书编号"] = number,
        ["补贴金额（元）"] = amount ?? 1200, ["发放日期"] = paidOn, ["培训机构"] = institution,
    };

    public static async Task<JsonElement> ImportHistory(HttpClient county, string mode, params Dictionary<string, object?>[] rows)
    {
        var (status, body) = await Upload(county, "/api/subsidies/history-imports", Xlsx(rows), "历史补贴.xlsx", mode);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> Check(HttpClient c, object facts) => c.PostAsJsonAsync("/api/subsidies/eligibility", facts);
}
