using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Certificates;

public abstract class CertificateTests(AppFactory app)
{
    const string Issuer = "河南省职业技能鉴定指导中心";

    static object Hand(string idNumber, string number, string level = "Junior", string kind = "SkillLevel", string issuedOn = "2026-09-01",
        string? occupationCode = Housekeeping, string? name = null, string? occupationName = null) =>
        new { idNumber, name, kind, occupationCode, occupationName, level, number, issuer = Issuer, issuedOn };

    async Task<(long PersonId, string IdNumber)> Person(HttpClient county, string name, int year = 1990, bool male = true)
    {
        var id = Ids.New(year, male);
        return ((await AddPerson(county, id, name)).GetProperty("id").GetInt64(), id);
    }

    async Task<JsonElement> Register(HttpClient c, object body) =>
        await HttpAssert.Json(await c.PostAsJsonAsync("/api/certificates", body), HttpStatusCode.Created);

    async Task<int> CertificatesOf(HttpClient c, long personId) =>
        (await HttpAssert.Json(await c.GetAsync($"/api/certificates?personId={personId}"))).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_certificate_registered_by_hand_is_listed_for_its_holder_with_the_id_masked()
    {
        var county = await app.ClientFor("county");
        var (pid, id) = await Person(county, "周玉兰", male: false);
        var number = SkillNumber(5);
        var c = await Register(county, Hand(id, number.ToLowerInvariant(), name: "周玉兰"));
        Assert.Equal(number, c.GetProperty("number").GetString());
        Assert.Equal("SkillLevel", c.GetProperty("kind").GetString());
        Assert.Equal("职业技能等级证书", c.GetProperty("kindName").GetString());
        Assert.Equal("家政服务员", c.GetProperty("occupationName").GetString());
        Assert.Equal("五级/初级工", c.GetProperty("levelName").GetString());
        Assert.Equal("Manual", c.GetProperty("source").GetString());
        Assert.Equal(id[..4] + "**********" + id[^4..], c.GetProperty("holderIdNumber").GetString());
        Assert.False(c.GetProperty("revoked").GetBoolean());

        var list = await HttpAssert.Json(await county.GetAsync($"/api/certificates?personId={pid}"));
        Assert.Equal(number, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());
        Assert.DoesNotContain(id, list.ToString());
        var one = await HttpAssert.Json(await county.GetAsync($"/api/certificates/{c.GetProperty("id").GetInt64()}"));
        Assert.Equal("周玉兰", one.GetProperty("holderName").GetString());
    }

    [Theory]
    [InlineData("S00014100000126500012", "certificate.number_format", "number")]   // 21 characters
    [InlineData("X000141000001265000123", "certificate.number_format", "number")]  // neither Y nor S
    [InlineData("S0001410000012650001A3", "certificate.number_format", "number")]  // a letter among the digits
    [InlineData("S000141000001266000123", "certificate.number_format", "number")]  // level digit 6 does not exist
    [InlineData("S000141000001264000123", "certificate.level_mismatch", "number")]  // level digit 4, level given 5
    public async Task A_malformed_skill_level_number_is_400_with_the_rule_spelled_out(string number, string code, string field)
    {
        var county = await app.ClientFor("county");
        var (pid, id) = await Person(county, "编号有误");
        var p = await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(id, number)), HttpStatusCode.BadRequest, code);
        Assert.True(p.GetProperty("errors").TryGetProperty(field, out _), p.ToString());
        if (code == "certificate.number_format") Assert.Contains("22 位", p.GetProperty("detail").GetString());
        Assert.Equal(0, await CertificatesOf(county, pid));
    }

    [Fact]
    public async Task Registration_refuses_a_duplicate_number_a_future_date_a_missing_level_and_an_unknown_holder()
    {
        var county = await app.ClientFor("county");
        var (pid, id) = await Person(county, "登记规则人");
        var (otherPid, other) = await Person(county, "另一持证人");
        var number = SkillNumber(5);
        await Register(county, Hand(id, number));

        var dup = await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(other, number)), HttpStatusCode.Conflict, "certificate.duplicate_number");
        Assert.Contains(number, dup.GetProperty("detail").GetString());
        var future = await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(id, SkillNumber(5), issuedOn: "2099-01-01")), HttpStatusCode.BadRequest, "certificate.issued_on");
        Assert.True(future.GetProperty("errors").TryGetProperty("issuedOn", out _), future.ToString());
        await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(id, SkillNumber(5), level: "None")), HttpStatusCode.BadRequest, "certificate.level");
        await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(Ids.New(), SkillNumber(5))), HttpStatusCode.BadRequest, "person.not_in_ledger");
        await Refused(await county.PostAsJsonAsync("/api/certificates", Hand(id, SkillNumber(5), name: "冒名顶替")), HttpStatusCode.BadRequest, "person.name_mismatch");
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/certificates", Hand(Ids.WithWrongCheck(id), SkillNumber(5))), HttpStatusCode.BadRequest);

        foreach (var user in new[] { "viewer", "auditor", "employer01" })
            await HttpAssert.Problem(await (await app.ClientFor(user)).PostAsJsonAsync("/api/certificates", Hand(id, SkillNumber(5))), HttpStatusCode.Forbidden);
        Assert.Equal(1, await CertificatesOf(county, pid));
        Assert.Equal(0, await CertificatesOf(county, otherPid));
    }

    /// <summary>A completed class whose first trainee passed, second failed and third has no result.</summary>
    async Task<(long ClassId, long[] Enrolments, string[] Ids)> AssessedClass(HttpClient county, string name, string start, string end, bool complete = true)
    {
        var classId = (await CreateClass(county, name, await SchoolId(app), start, end)).GetProperty("id").GetInt64();
        var trainees = new List<(long, string)>();
        foreach (var n in new[] { "甲", "乙", "丙" }) trainees.Add(await NewTrainee(county, classId, name + n));
        await Advance(county, classId, "submit", "approve", "start");
        var e = trainees.Select(t => t.Item1).ToArray();
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = new object[] { new { enrolmentId = e[0], passed = true, score = 86 }, new { enrolmentId = e[1], passed = false, score = 45 } } }));
        if (complete) await Advance(county, classId, "complete");
        return (classId, e, trainees.Select(t => t.Item2).ToArray());
    }

    [Fact]
    public async Task Completion_certificates_the_system_numbers_are_random_with_a_check_character_so_the_public_check_cannot_be_walked_through()
    {
        var county = await app.ClientFor("county");
        var (classId, e, _) = await AssessedClass(county, "随机编号班", "2026-09-01", "2026-09-25", complete: false);
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = e.Select(id => new { enrolmentId = id, passed = true, score = 90 }).ToArray() }));
        await Advance(county, classId, "complete");
        var outcome = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates",
            new { kind = "TrainingCompletion", issuer = "禾丰县人力资源和社会保障局", issuedOn = "2026-10-10" }));
        var numbers = outcome.GetProperty("issued").EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToList();
        Assert.Equal(3, numbers.Count);
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(CountySkills.Web.Domain.PublicCodes.IsCompletionNumber(n), n));
        Assert.All(numbers, n => Assert.StartsWith("PX2026", n));
        // Issued one after the other, yet no two share the start of their random part: there is no serial to count on.
        Assert.Equal(3, numbers.Select(n => n[6..12]).Distinct().Count());

        var anonymous = app.CreateClient();
        foreach (var n in numbers) await HttpAssert.Json(await anonymous.GetAsync($"/api/public/certificates/{n}"));
        // One character off (the check character no longer agrees): no certificate.
        var wrong = numbers[0][..10] + (numbers[0][10] == '0' ? '1' : '0') + numbers[0][11..];
        Assert.False(CountySkills.Web.Domain.PublicCodes.IsCompletionNumber(wrong));
        await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/certificates/{wrong}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Issuing_from_a_class_certifies_only_the_trainees_who_passed()
    {
        var county = await app.ClientFor("county");
        var (classId, e, _) = await AssessedClass(county, "结业发证班", "2026-09-01", "2026-09-25", complete: false);
        object Completion() => new { kind = "TrainingCompletion", issuer = "禾丰县人力资源和社会保障局", issuedOn = "2026-10-10" };
        var early = await Refused(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates", Completion()), HttpStatusCode.Conflict, "certificate.class_not_completed");
        Assert.Contains("结业", early.GetProperty("detail").GetString());
        await Advance(county, classId, "complete");

        var outcome = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates", Completion()));
        var issued = Assert.Single(outcome.GetProperty("issued").EnumerateArray());
        Assert.Equal("结业发证班甲", issued.GetProperty("holderName").GetString());
        Assert.Equal("TrainingCompletion", issued.GetProperty("kind").GetString());
        Assert.Equal("Class", issued.GetProperty("source").GetString());
        Assert.Equal(classId, issued.GetProperty("classId").GetInt64());
        var number = issued.GetProperty("number").GetString()!;
        Assert.StartsWith("PX2026", number);
        var skipped = outcome.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("enrolmentId").GetInt64());
        Assert.Equal(2, skipped.Count);
        Assert.Equal("certificate.not_passed", skipped[e[1]].GetProperty("code").GetString());
        Assert.Equal("考核未通过", skipped[e[1]].GetProperty("reason").GetString());
        Assert.Equal("certificate.not_passed", skipped[e[2]].GetProperty("code").GetString());
        Assert.Equal("未登记考核结果", skipped[e[2]].GetProperty("reason").GetString());

        var roster = (await Roster(county, classId)).ToDictionary(t => t.GetProperty("id").GetInt64());
        Assert.Equal(number, roster[e[0]].GetProperty("certificateNumber").GetString());
        Assert.Equal(JsonValueKind.Null, roster[e[1]].GetProperty("certificateNumber").ValueKind);
        Assert.Equal(JsonValueKind.Null, roster[e[2]].GetProperty("certificateNumber").ValueKind);

        var again = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates", Completion()));
        Assert.Empty(again.GetProperty("issued").EnumerateArray());
        Assert.Contains(again.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("enrolmentId").GetInt64() == e[0] && s.GetProperty("code").GetString() == "certificate.already_issued");

        var skill = SkillNumber(5);
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates",
            new { kind = "SkillLevel", issuer = Issuer, issuedOn = "2026-10-10" }), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates",
            new { kind = "SkillLevel", issuer = Issuer, issuedOn = "2026-10-10", numbers = new[] { new { enrolmentId = 999_999_999L, number = skill } } }), HttpStatusCode.BadRequest);
        var levelled = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates", new
        {
            kind = "SkillLevel", issuer = Issuer, issuedOn = "2026-10-10",
            numbers = new[] { new { enrolmentId = e[0], number = skill }, new { enrolmentId = e[1], number = SkillNumber(5) } },
        }));
        var cert = Assert.Single(levelled.GetProperty("issued").EnumerateArray());
        Assert.Equal(skill, cert.GetProperty("number").GetString());
        Assert.Equal("Junior", cert.GetProperty("level").GetString());
        Assert.Contains(levelled.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("enrolmentId").GetInt64() == e[1] && s.GetProperty("code").GetString() == "certificate.not_passed");
        Assert.Equal(2, (await HttpAssert.Json(await county.GetAsync($"/api/certificates?classId={classId}"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Institution_staff_register_certificates_only_for_their_own_trainees_and_see_only_those()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var classId = (await CreateClass(school, "机构自登证书班", null, "2026-03-02", "2026-03-20")).GetProperty("id").GetInt64();
        var (enrolment, trainee) = await NewTrainee(county, classId, "本校学员");
        var (_, failed) = await NewTrainee(county, classId, "未合格学员");
        var (outsiderPid, outsider) = await Person(county, "外校人员");
        var county_cert = await Register(county, Hand(outsider, SkillNumber(5)));

        // Not before the class has completed and the trainee passed.
        await Refused(await school.PostAsJsonAsync("/api/certificates", Hand(trainee, SkillNumber(5))), HttpStatusCode.Forbidden, "scope.forbidden");
        await Advance(school, classId, "submit");
        await Advance(county, classId, "approve");
        await Advance(school, classId, "start");
        await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = new[] { new { enrolmentId = enrolment, passed = true, score = 80m } } }));
        await Advance(school, classId, "complete");
        await Refused(await school.PostAsJsonAsync("/api/certificates", Hand(failed, SkillNumber(5))), HttpStatusCode.Forbidden, "scope.forbidden");

        var own = await Register(school, Hand(trainee, SkillNumber(5)));
        Assert.Equal(await SchoolId(app), own.GetProperty("institutionId").GetInt64());
        var p = await Refused(await school.PostAsJsonAsync("/api/certificates", Hand(outsider, SkillNumber(5))), HttpStatusCode.Forbidden, "scope.forbidden");
        Assert.DoesNotContain(outsider, p.ToString());
        Assert.Equal(1, await CertificatesOf(county, outsiderPid));

        var visible = await HttpAssert.Json(await school.GetAsync("/api/certificates?pageSize=200"));
        Assert.Contains(visible.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == own.GetProperty("id").GetInt64());
        Assert.DoesNotContain(visible.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == county_cert.GetProperty("id").GetInt64());
        await HttpAssert.Problem(await school.GetAsync($"/api/certificates/{county_cert.GetProperty("id").GetInt64()}"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await school.PostAsJsonAsync($"/api/certificates/{county_cert.GetProperty("id").GetInt64()}/revoke", new { reason = "越权撤销" }), HttpStatusCode.Forbidden);
        Assert.False((await HttpAssert.Json(await county.GetAsync($"/api/certificates/{county_cert.GetProperty("id").GetInt64()}"))).GetProperty("revoked").GetBoolean());
        Assert.Equal(0, (await HttpAssert.Json(await (await app.ClientFor("employer01")).GetAsync("/api/certificates"))).GetProperty("total").GetInt32());
    }

    static Dictionary<string, object?> CertRow(string name, string id, string kind, string? occupation, string? level, string number, string issuedOn) => new()
    {
        ["姓名"] = name, ["身份证号"] = id, ["证书类别"] = kind, ["职业(工种)"] = occupation, ["等级"] = level, ["证书编号"] = number,
        ["发证机构"] = Issuer, ["发证日期"] = issuedOn,
    };

    [Fact]
    public async Task A_certificate_import_reports_each_bad_row_and_a_second_commit_changes_nothing()
    {
        var county = await app.ClientFor("county");
        var (pidA, a) = await Person(county, "导入持证甲");
        var (pidB, b) = await Person(county, "导入持证乙", male: false);
        var (_, c) = await Person(county, "已有证书丙");
        var taken = SkillNumber(5);
        await Register(county, Hand(c, taken));
        var n1 = SkillNumber(5);
        var n2 = $"ZX{Random.Shared.Next(100_000_000, 999_999_999)}";
        var file = Xlsx([
            CertRow("导入持证甲", a, "职业技能等级证书", Housekeeping, "五级", n1, "2026-03-01"),           // row 2: ok
            CertRow("导入持证乙", b, "专项职业能力证书", "艾灸调理", null, n2, "2026/4/15"),                  // row 3: ok
            CertRow("导入持证甲", a, "职业技能等级证书", Housekeeping, "五级", "S0001-41-26-5", "2026-03-01"), // row 4: format
            CertRow("查无此人", Ids.New(), "职业技能等级证书", Housekeeping, "五级", SkillNumber(5), "2026-03-01"), // row 5: not in ledger
            CertRow("冒名者", b, "培训合格证", "家政服务员", null, $"PX{n2}", "2026-03-01"),                 // row 6: name mismatch
            CertRow("导入持证乙", b, "培训合格证", "家政服务员", null, $"PY{n2}", "2026-13-45"),             // row 7: bad date
            CertRow("导入持证乙", b, "职业技能等级证书", Housekeeping, "五级", taken, "2026-03-01"),          // row 8: number belongs to 丙
        ]);

        var (s1, dry) = await Upload(county, "/api/certificates/imports", file, "鉴定结果.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(7, dry.GetProperty("totalRows").GetInt32());
        Assert.Equal(2, dry.GetProperty("created").GetInt32());
        Assert.Equal(5, dry.GetProperty("rejected").GetInt32());
        var errors = Errors(dry);
        void Has(int row, string column, string code) =>
            Assert.True(errors.Any(e => e.Row == row && e.Column == column && e.Code == code && e.Message.Any(ch => ch > 127)),
                $"row {row} {column} {code} not in {string.Join("; ", errors)}");
        Has(4, "证书编号", "certificate.number_format");
        Has(5, "身份证号", "person.not_in_ledger");
        Has(6, "姓名", "person.name_mismatch");
        Has(7, "发证日期", "value.invalid");
        Has(8, "证书编号", "certificate.duplicate_number");
        Assert.DoesNotContain(errors, e => e.Row is 2 or 3);
        Assert.Equal(0, await CertificatesOf(county, pidA));
        Assert.Equal(0, await CertificatesOf(county, pidB));

        var (s2, commit) = await Upload(county, "/api/certificates/imports", file, "鉴定结果.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(2, commit.GetProperty("created").GetInt32());
        Assert.Equal(5, commit.GetProperty("rejected").GetInt32());
        var mine = await HttpAssert.Json(await county.GetAsync($"/api/certificates?personId={pidA}"));
        var imported = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(n1, imported.GetProperty("number").GetString());
        Assert.Equal("Import", imported.GetProperty("source").GetString());
        var special = Assert.Single((await HttpAssert.Json(await county.GetAsync($"/api/certificates?personId={pidB}"))).GetProperty("items").EnumerateArray());
        Assert.Equal("艾灸调理", special.GetProperty("occupationName").GetString());
        Assert.Equal("2026-04-15", special.GetProperty("issuedOn").GetString());

        var (s3, again) = await Upload(county, "/api/certificates/imports", file, "鉴定结果.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, await CertificatesOf(county, pidA));
        Assert.Equal(1, await CertificatesOf(county, pidB));
    }

    [Fact]
    public async Task Revoking_keeps_the_certificate_and_public_verification_says_it_is_revoked()
    {
        var county = await app.ClientFor("county");
        var (pid, id) = await Person(county, "撤销持证人");
        var number = SkillNumber(5);
        var c = await Register(county, Hand(id, number));
        var cid = c.GetProperty("id").GetInt64();

        await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/certificates/{cid}/revoke", new { reason = "" }), HttpStatusCode.BadRequest);
        await HttpAssert.Problem(await (await app.ClientFor("viewer")).PostAsJsonAsync($"/api/certificates/{cid}/revoke", new { reason = "只读者撤销" }), HttpStatusCode.Forbidden);
        Assert.False((await HttpAssert.Json(await county.GetAsync($"/api/certificates/{cid}"))).GetProperty("revoked").GetBoolean());

        var revoked = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/certificates/{cid}/revoke", new { reason = "编号录入错误" }));
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal("编号录入错误", revoked.GetProperty("revokeReason").GetString());
        await Refused(await county.PostAsJsonAsync($"/api/certificates/{cid}/revoke", new { reason = "再撤一次" }), HttpStatusCode.Conflict, "certificate.revoked");
        Assert.Equal(1, await CertificatesOf(county, pid));

        var pub = await HttpAssert.Json(await app.CreateClient().GetAsync($"/api/public/certificates/{number}"));
        Assert.False(pub.GetProperty("valid").GetBoolean());
        Assert.Equal("已撤销", pub.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Public_verification_needs_no_sign_in_masks_the_holder_and_the_api_is_404_for_unknown_numbers()
    {
        var county = await app.ClientFor("county");
        var (_, id) = await Person(county, "张秀英", 1984, male: false);
        var number = SkillNumber(5);
        await Register(county, Hand(id, number));
        var anonymous = app.CreateClient();

        var body = await (await anonymous.GetAsync($"/api/public/certificates/{number.ToLowerInvariant()}")).Content.ReadAsStringAsync();
        var v = JsonDocument.Parse(body).RootElement;
        Assert.Equal(number, v.GetProperty("number").GetString());
        Assert.Equal("张*英", v.GetProperty("holderName").GetString());
        Assert.Equal(id[..4] + "**********" + id[^4..], v.GetProperty("holderIdNumber").GetString());
        Assert.Equal("家政服务员", v.GetProperty("occupation").GetString());
        Assert.Equal("五级/初级工", v.GetProperty("level").GetString());
        Assert.Equal(Issuer, v.GetProperty("issuer").GetString());
        Assert.Equal("2026-09-01", v.GetProperty("issuedOn").GetString());
        Assert.True(v.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain("张秀英", body);
        Assert.DoesNotContain(id, body);

        await Refused(await anonymous.GetAsync("/api/public/certificates/S999999999999999999999"), HttpStatusCode.NotFound, "certificate.unknown");

        var page = await anonymous.GetAsync($"/verify/{number}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("证书有效", html);
        Assert.Contains("张*英", html);
        Assert.Contains(number, html);
        Assert.DoesNotContain("张秀英", html);
        Assert.DoesNotContain(id, html);
    }

    [Fact]
    public async Task The_verify_page_for_an_unknown_number_is_404_and_tells_the_visitor_no_such_certificate_exists()
    {
        var missing = await app.CreateClient().GetAsync("/verify/S999999999999999999998");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("未找到该证书", html);
        Assert.Contains("S999999999999999999998", html);
    }

    [Fact]
    public async Task The_timeline_shows_the_class_with_attendance_and_result_and_the_certificate()
    {
        var county = await app.ClientFor("county");
        var classId = (await CreateClass(county, "时间轴家政班", await SchoolId(app), "2026-08-03", "2026-08-28")).GetProperty("id").GetInt64();
        var id = Ids.New(1986, male: false);
        var personId = (await AddPerson(county, id, "时间轴学员")).GetProperty("id").GetInt64();
        var eid = (await Enrol(county, classId, id)).GetProperty("id").GetInt64();
        var session = await AddSession(county, classId, "2026-08-10");
        await Advance(county, classId, "submit", "approve", "start");
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{session}/attendance", new { allPresent = true }));
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", new { results = new[] { new { enrolmentId = eid, passed = true, score = 92 } } }));
        await Advance(county, classId, "complete");
        var outcome = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{classId}/certificates",
            new { kind = "TrainingCompletion", issuer = "禾丰县人力资源和社会保障局", issuedOn = "2026-09-02" }));
        var number = Assert.Single(outcome.GetProperty("issued").EnumerateArray()).GetProperty("number").GetString()!;

        var events = (await HttpAssert.Json(await county.GetAsync($"/api/people/{personId}/timeline"))).EnumerateArray()
            .Select(e => (Title: e.GetProperty("title").GetString()!, Detail: e.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "")).ToList();
        Assert.Contains(events, e => e.Title == "登记入台账");
        var enrolled = Assert.Single(events, e => e.Title == "报名参加培训：时间轴家政班");
        Assert.Contains("家政服务员", enrolled.Detail);
        Assert.Contains("2026-08-03 至 2026-08-28", enrolled.Detail);
        var completed = Assert.Single(events, e => e.Title == "培训结业：时间轴家政班");
        Assert.Contains("出勤率 100", completed.Detail);
        Assert.Contains("考核合格", completed.Detail);
        Assert.Contains("92", completed.Detail);
        var cert = Assert.Single(events, e => e.Title.StartsWith("取得培训合格证"));
        Assert.Contains("家政服务员", cert.Title);
        Assert.Contains(number, cert.Detail);
    }

    [Fact]
    public async Task The_people_list_filters_by_trained_and_certified()
    {
        var county = await app.ClientFor("county");
        var classId = (await CreateClass(county, "筛选用班", await SchoolId(app), "2026-04-01", "2026-04-20")).GetProperty("id").GetInt64();
        var (_, trained) = await NewTrainee(county, classId, "只培训");
        var (_, both) = await NewTrainee(county, classId, "培训且持证");
        await Register(county, Hand(both, SkillNumber(5)));
        var (_, certified) = await Person(county, "只持证");
        await Register(county, Hand(certified, SkillNumber(5)));
        var (_, neither) = await Person(county, "都没有");
        var (withdrawnEnrolment, withdrawn) = await NewTrainee(county, classId, "已退出");
        await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{withdrawnEnrolment}"));
        var (_, revoked) = await Person(county, "证书已撤销");
        var rc = await Register(county, Hand(revoked, SkillNumber(5)));
        await HttpAssert.Json(await county.PostAsJsonAsync($"/api/certificates/{rc.GetProperty("id").GetInt64()}/revoke", new { reason = "录入错误" }));

        async Task<bool> Listed(string filter, string idNumber) =>
            (await HttpAssert.Json(await county.GetAsync($"/api/people?{filter}&q={idNumber}"))).GetProperty("total").GetInt32() == 1;

        var expectations = new (string Filter, string Id, bool Listed)[]
        {
            ("trained=true", trained, true), ("trained=true", both, true), ("trained=true", certified, false), ("trained=true", neither, false), ("trained=true", withdrawn, false),
            ("trained=false", certified, true), ("trained=false", withdrawn, true), ("trained=false", trained, false),
            ("certified=true", certified, true), ("certified=true", both, true), ("certified=true", trained, false), ("certified=true", revoked, false),
            ("certified=false", revoked, true), ("certified=false", neither, true), ("certified=false", certified, false),
            ("trained=true&certified=true", both, true), ("trained=true&certified=true", trained, false), ("trained=true&certified=true", certified, false),
        };
        var wrong = new List<string>();
        foreach (var (filter, idNumber, listed) in expectations)
            if (await Listed(filter, idNumber) != listed) wrong.Add($"{filter} {idNumber} expected {(listed ? "listed" : "not listed")}");
        Assert.Empty(wrong);

        var page = await HttpAssert.Json(await county.GetAsync("/api/people?trained=true&certified=true&pageSize=200"));
        Assert.InRange(page.GetProperty("total").GetInt32(), 1, 200);
    }
}

public sealed class CertificateTests_Sqlite(SqliteApp app) : CertificateTests(app), IClassFixture<SqliteApp>;
public sealed class CertificateTests_Postgres(PostgresApp app) : CertificateTests(app), IClassFixture<PostgresApp>;

/// <summary>The app with a public quota of 5 look-ups a minute, in its own database, so no other test is throttled.</summary>
public sealed class ThrottledApp : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimits:PublicPerMinute"] = "5" };
}

public sealed class PublicVerificationRateLimitTests_Sqlite(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    [Fact]
    public async Task Public_look_ups_beyond_the_quota_are_429_for_the_api_and_the_page_but_signed_in_work_goes_on()
    {
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/certificates/S00014100000126500000{i}"), HttpStatusCode.NotFound);

        var r = await anonymous.GetAsync("/api/public/certificates/S000141000001265000009");
        var p = await HttpAssert.Problem(r, (HttpStatusCode)429);
        Assert.Contains("频繁", p.GetProperty("detail").GetString());
        Assert.Equal("60", r.Headers.RetryAfter?.ToString());

        var page = await anonymous.GetAsync("/verify/S000141000001265000009");
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        Assert.Contains("查询过于频繁", await page.Content.ReadAsStringAsync());

        var county = await app.ClientFor("county");
        await HttpAssert.Json(await county.GetAsync("/api/certificates"));
        await HttpAssert.Json(await county.GetAsync("/api/training/classes"));
    }
}
