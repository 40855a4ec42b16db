using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Subsidies.SubsidyKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Subsidies;

/// <summary>The eligibility check (补贴资格查询) a clerk runs before enrolling, and the import of subsidies paid before the system.</summary>
public abstract class SubsidyEligibilityAndHistoryTests(ClockedApp app)
{
    static string[] Codes(JsonElement answer) => answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray();

    [Fact]
    public async Task The_eligibility_check_gives_the_same_verdict_and_amount_as_the_claim_line_for_the_same_facts()
    {
        var county = await app.ClientFor("county");
        var c = await CompletedClass(app, county, new ClassPlan { Name = "资格一致班", Count = 4, Absent = [1], Failed = [2], NoCertificate = [3] });
        var claim = await Claim(county, c.ClassId);
        foreach (var t in c.Trainees)
        {
            var line = Line(claim, t);
            var answer = await HttpAssert.Json(await Check(county, new
            {
                idNumber = t.IdNumber, occupationCode = Housekeeping, level = "Junior", certificateKind = "SkillLevel",
                certificateIssuedOn = line.GetProperty("certificateIssuedOn").ValueKind == JsonValueKind.Null ? null : line.GetProperty("certificateIssuedOn").GetString(),
                attendanceRate = line.GetProperty("attendanceRate").GetDecimal(), completed = line.GetProperty("completed").GetBoolean(),
                institutionId = c.InstitutionId, onDate = "2026-11-30",
            }));
            Assert.Equal(Reasons(line), Codes(answer));
            Assert.Equal(line.GetProperty("eligible").GetBoolean(), answer.GetProperty("eligible").GetBoolean());
            Assert.Equal(line.GetProperty("amountFen").GetInt64(), answer.GetProperty("amountFen").GetInt64());
            Assert.Equal(line.GetProperty("explanations").EnumerateArray().Select(x => x.GetString()), answer.GetProperty("explanations").EnumerateArray().Select(x => x.GetString()));
        }
        Assert.Equal(["attendance_below_minimum"], Reasons(Line(claim, c[1])));
    }

    [Theory]
    [InlineData("Junior", "SkillLevel", 120_000)]
    [InlineData("初级", "SkillLevel", 120_000)]
    [InlineData("Intermediate", "SkillLevel", 160_000)]
    [InlineData("高级", "SkillLevel", 200_000)]
    [InlineData("Technician", "SkillLevel", 400_000)]
    [InlineData(null, "TrainingCompletion", 70_000)]
    [InlineData(null, "培训合格证", 70_000)]
    public async Task The_eligibility_check_gives_the_default_amount_of_each_level(string? level, string kind, long fen)
    {
        var county = await app.ClientFor("county");
        var answer = await HttpAssert.Json(await Check(county, new { idNumber = Ids.New(1992), occupationCode = Housekeeping, level, certificateKind = kind }));
        Assert.True(answer.GetProperty("eligible").GetBoolean(), answer.ToString());
        Assert.Equal(fen, answer.GetProperty("amountFen").GetInt64());
        Assert.Empty(Codes(answer));
        Assert.False(answer.GetProperty("inLedger").GetBoolean());
    }

    [Fact]
    public async Task Facts_left_out_are_not_judged_and_facts_given_are()
    {
        var county = await app.ClientFor("county");
        var id = Ids.New(1990);
        var bare = await HttpAssert.Json(await Check(county, new { idNumber = id, occupationCode = "家政服务员", level = "Junior" }));
        Assert.True(bare.GetProperty("eligible").GetBoolean(), bare.ToString());
        var bad = await HttpAssert.Json(await Check(county, new { idNumber = id, occupationCode = Housekeeping, level = "Junior", attendanceRate = 0.75, completed = false,
            certificateIssuedOn = "2025-01-10", onDate = "2026-11-30" }));
        Assert.Equal(["attendance_below_minimum", "claim_window_expired", "not_completed"], Codes(bad));
        Assert.Contains("75%", string.Join("", bad.GetProperty("explanations").EnumerateArray().Select(x => x.GetString())));
        var old = await HttpAssert.Json(await Check(county, new { idNumber = Ids.New(1962), occupationCode = Housekeeping, level = "Junior", onDate = "2026-11-30" }));
        Assert.Equal(["age_out_of_range"], Codes(old));
    }

    [Fact]
    public async Task Bad_eligibility_input_is_400_with_the_field_named()
    {
        var county = await app.ClientFor("county");
        var wrong = new List<string>();
        async Task Field(object body, string field)
        {
            var p = await HttpAssert.Problem(await Check(county, body), HttpStatusCode.BadRequest);
            if (!p.GetProperty("errors").TryGetProperty(field, out var e)) wrong.Add($"{field} not in {p.GetProperty("errors")}");
            else Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e[0].GetString());
        }
        await Field(new { idNumber = Ids.WithWrongCheck(Ids.New()), occupationCode = Housekeeping, level = "Junior" }, "idNumber");
        await Field(new { idNumber = "12345", occupationCode = Housekeeping, level = "Junior" }, "idNumber");
        await Field(new { idNumber = Ids.New(), occupationCode = "9-99-99-99", level = "Junior" }, "occupationCode");
        await Field(new { idNumber = Ids.New(), occupationCode = Housekeeping, level = "Junior", attendanceRate = 150 }, "attendanceRate");
        await Field(new { idNumber = Ids.New(), occupationCode = Housekeeping, certificateKind = "SkillLevel" }, "level");
        await Field(new { idNumber = Ids.New(), occupationCode = Housekeeping, level = "SeniorTechnician" }, "level");
        Assert.Equal(HttpStatusCode.Forbidden, (await Check(await app.ClientFor("viewer"), new { idNumber = Ids.New(), occupationCode = Housekeeping, level = "Junior" })).StatusCode);
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_history_import_reports_bad_rows_by_number_dry_run_changes_nothing_and_a_second_commit_creates_nothing()
    {
        var county = await app.ClientFor("county");
        var (a, b) = (Ids.New(1980), Ids.New(1983, male: false));
        await AddPerson(county, a, "历史补贴甲");
        var rows = new[]
        {
            HistoryRow(a, "历史补贴甲", Housekeeping, "初级", "2024-06-30", 1200),                           // row 2: ok (person in the ledger)
            HistoryRow(b, "历史补贴乙", "焊工", "五级", "2025/3/15", "1,200元"),                              // row 3: ok (not in the ledger yet)
            HistoryRow(Ids.WithWrongCheck(Ids.New()), "身份证错", Housekeeping, "初级", "2024-06-30"),       // row 4: bad ID
            HistoryRow(Ids.New(), "职业不明", "太空旅行向导", "初级", "2024-06-30"),                           // row 5: unknown occupation
            HistoryRow(Ids.New(), "金额有误", Housekeeping, "初级", "2024-06-30", "一千二"),                   // row 6: bad amount
            HistoryRow(Ids.New(), "日期有误", Housekeeping, "初级", "2024-13-45"),                            // row 7: bad date
            HistoryRow(a, "冒名顶替", Welder, "初级", "2024-07-30"),                                         // row 8: name differs from the ledger
        };
        var dry = await ImportHistory(county, "dryRun", rows);
        Assert.Equal(7, dry.GetProperty("totalRows").GetInt32());
        Assert.Equal(2, dry.GetProperty("valid").GetInt32());
        Assert.Equal(5, dry.GetProperty("rejected").GetInt32());
        var errors = Errors(dry);
        void Has(int row, string column, string code) =>
            Assert.True(errors.Any(e => e.Row == row && e.Column.Contains(column) && e.Code == code && e.Message.Any(ch => ch > 127)),
                $"row {row} {column} {code} not in {string.Join("; ", errors)}");
        Has(5, "职业", "occupation.unknown");
        Has(6, "金额", "amount.invalid");
        Has(7, "发放日期", "value.invalid");
        Has(8, "姓名", "person.name_mismatch");
        Assert.Contains(errors, e => e.Row == 4 && e.Column.Contains("身份证"));
        Assert.DoesNotContain(errors, e => e.Row is 2 or 3);

        object Facts(string id) => new { idNumber = id, occupationCode = Housekeeping, level = "Junior", onDate = "2026-11-30" };
        Assert.True((await HttpAssert.Json(await Check(county, Facts(a)))).GetProperty("eligible").GetBoolean());

        var commit = await ImportHistory(county, "commit", rows);
        Assert.Equal(2, commit.GetProperty("created").GetInt32());
        Assert.Equal(5, commit.GetProperty("rejected").GetInt32());
        var after = await HttpAssert.Json(await Check(county, Facts(a)));
        Assert.Equal(["same_level_already_subsidised"], Codes(after));
        Assert.Contains("2024-06-30", after.GetProperty("explanations")[0].GetString());
        Assert.Equal(1, after.GetProperty("subsidiesSoFar").GetInt32());
        var welder = await HttpAssert.Json(await Check(county, new { idNumber = b, occupationCode = Welder, level = "Junior", onDate = "2026-11-30" }));
        Assert.Equal(["same_level_already_subsidised"], Codes(welder));

        var again = await ImportHistory(county, "commit", rows);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, (await HttpAssert.Json(await Check(county, Facts(a)))).GetProperty("subsidiesSoFar").GetInt32());

        // The imported record stands against a claim line too.
        var c = await CompletedClass(app, county, new ClassPlan { Name = "历史补贴后再培训班", Count = 1, People = [a] });
        IneligibleFor(Line(await Claim(county, c.ClassId), c[0]), "same_level_already_subsidised");
    }

    [Fact]
    public async Task Only_county_staff_import_history()
    {
        foreach (var user in new[] { "school01", "auditor", "viewer" })
        {
            var (status, _) = await Upload(await app.ClientFor(user), "/api/subsidies/history-imports",
                Xlsx([HistoryRow(Ids.New(), "无权导入", Housekeeping, "初级", "2024-06-30")]), "历史补贴.xlsx", "commit");
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }
}

public sealed class SubsidyEligibilityAndHistoryTests_Sqlite(ClockedSqliteApp app) : SubsidyEligibilityAndHistoryTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class SubsidyEligibilityAndHistoryTests_Postgres(ClockedPostgresApp app) : SubsidyEligibilityAndHistoryTests(app), IClassFixture<ClockedPostgresApp>;

/// <summary>The public notice pages share the public quota (5 a minute here, in a database of their own).</summary>
public sealed class SubsidyNoticeRateLimitTests_Sqlite(CountySkills.Tests.Certificates.ThrottledApp app) : IClassFixture<CountySkills.Tests.Certificates.ThrottledApp>
{
    [Fact]
    public async Task Public_notice_requests_beyond_the_quota_are_429()
    {
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++) await HttpAssert.Problem(await anonymous.GetAsync($"/api/public/notices/{999_000 + i}"), HttpStatusCode.NotFound);
        var r = await anonymous.PostAsJsonAsync("/api/public/notices/999000/objections", new { contact = "刷接口的人", text = "频繁提交的异议内容" });
        Assert.Contains("频繁", (await HttpAssert.Problem(r, (HttpStatusCode)429)).GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode)429, (await anonymous.GetAsync("/notices/999000")).StatusCode);
        await HttpAssert.Json(await (await app.ClientFor("county")).GetAsync("/api/subsidies/claims"));
    }
}
