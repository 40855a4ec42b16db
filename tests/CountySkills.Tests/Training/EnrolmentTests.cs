using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Training;

public abstract class EnrolmentTests(AppFactory app)
{
    async Task<long> NewClass(HttpClient c, string name, string start = "2026-10-01", string end = "2026-10-31", int capacity = 30, bool subsidised = true) =>
        (await CreateClass(c, name, await SchoolId(app), start, end, capacity, subsidised)).GetProperty("id").GetInt64();

    async Task<int> Enrolled(HttpClient c, long classId) => (await GetClass(c, classId)).GetProperty("enrolled").GetInt32();

    [Fact]
    public async Task Two_clerks_taking_the_last_seats_at_once_never_overfill_the_class()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var classId = await NewClass(county, "抢报名额班", "2026-06-01", "2026-06-20", capacity: 2);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) { var id = Ids.New(1991); await AddPerson(county, id, $"抢报{i}"); ids.Add(id); }
        var results = await Task.WhenAll(ids.Select((id, i) => i % 2 == 0 ? TryEnrol(county, classId, id) : TryEnrol(school, classId, id, $"抢报{i}", Village)));
        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, await Enrolled(county, classId));
        Assert.Equal(2, (await Roster(county, classId)).Count(t => t.GetProperty("status").GetString() == "Active"));
    }

    [Fact]
    public async Task Enrolling_a_ledger_person_shows_them_masked_on_the_roster()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "报名基本班");
        var id = Ids.New(1988, male: false);
        await AddPerson(county, id, "刘桂英");
        var r = await TryEnrol(county, classId, id);
        var t = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.Equal("刘桂英", t.GetProperty("name").GetString());
        Assert.Equal(id[..4] + "**********" + id[^4..], t.GetProperty("idNumber").GetString());
        Assert.Equal("Female", t.GetProperty("sex").GetString());
        Assert.Equal("Active", t.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("attendanceRate").ValueKind);
        Assert.Equal(1, await Enrolled(county, classId));
        Assert.DoesNotContain(id, (await HttpAssert.Json(await county.GetAsync($"/api/training/classes/{classId}/enrolments"))).ToString());
    }

    [Fact]
    public async Task Refuses_a_person_already_on_the_roster()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "重复报名班");
        var (_, id) = await NewTrainee(county, classId, "重复报名人");
        var p = await Refused(await TryEnrol(county, classId, id), HttpStatusCode.Conflict, "enrolment.duplicate");
        Assert.Contains("重复报名人", p.GetProperty("detail").GetString());
        Assert.Single(await Roster(county, classId));
    }

    [Fact]
    public async Task Refuses_a_person_already_in_an_overlapping_class()
    {
        var county = await app.ClientFor("county");
        var october = await NewClass(county, "十月家政班", "2026-10-01", "2026-10-31");
        var lateOctober = await NewClass(county, "跨月焊工班", "2026-10-20", "2026-11-10");
        var november = await NewClass(county, "十一月艾灸班", "2026-11-01", "2026-11-20");
        var (eid, id) = await NewTrainee(county, october, "时间冲突人");

        var p = await Refused(await TryEnrol(county, lateOctober, id), HttpStatusCode.Conflict, "enrolment.overlap");
        Assert.Contains("十月家政班", p.GetProperty("detail").GetString());
        Assert.Contains("2026-10-01", p.GetProperty("detail").GetString());
        Assert.Empty(await Roster(county, lateOctober));
        await Enrol(county, november, id);

        // Once withdrawn from the October class, the overlapping class may take them.
        var withdrawn = await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{october}/enrolments/{eid}?reason=时间冲突"));
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        await Refused(await TryEnrol(county, lateOctober, id), HttpStatusCode.Conflict, "enrolment.overlap"); // still clashes with November
        await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{november}/enrolments/{(await Roster(county, november))[0].GetProperty("id").GetInt64()}"));
        await Enrol(county, lateOctober, id);
    }

    [Fact]
    public async Task Refuses_a_trainee_beyond_the_planned_capacity()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "满员班", capacity: 2);
        await NewTrainee(county, classId, "满员甲");
        var (eid, _) = await NewTrainee(county, classId, "满员乙");
        var id = Ids.New();
        await AddPerson(county, id, "满员丙");
        var p = await Refused(await TryEnrol(county, classId, id), HttpStatusCode.Conflict, "enrolment.capacity");
        Assert.Contains("2", p.GetProperty("detail").GetString());
        Assert.Equal(2, await Enrolled(county, classId));

        await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{eid}"));
        await Enrol(county, classId, id);
        Assert.Equal(2, await Enrolled(county, classId));
    }

    [Theory]
    [InlineData(1950)]
    [InlineData(2012)]
    public async Task Refuses_a_person_outside_working_age_for_a_subsidised_class(int birthYear)
    {
        var county = await app.ClientFor("county");
        var subsidised = await NewClass(county, $"补贴年龄班-{birthYear}");
        var selfPaid = await NewClass(county, $"自费年龄班-{birthYear}", "2026-11-01", "2026-11-20", subsidised: false);
        var id = Ids.New(birthYear);
        await AddPerson(county, id, "年龄不符");
        var p = await Refused(await TryEnrol(county, subsidised, id), HttpStatusCode.BadRequest, "enrolment.age");
        Assert.Contains("16", p.GetProperty("detail").GetString());
        Assert.Contains("59", p.GetProperty("detail").GetString());
        Assert.True(p.GetProperty("errors").TryGetProperty("idNumber", out _), p.ToString());
        Assert.Empty(await Roster(county, subsidised));
        Assert.Matches(@"\d+ 岁", p.GetProperty("detail").GetString());
        await Enrol(county, selfPaid, id);
    }

    [Fact]
    public async Task Refuses_an_unknown_id_number_without_name_and_village()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "台账外人员班");
        var id = Ids.New();
        var p = await Refused(await TryEnrol(county, classId, id), HttpStatusCode.BadRequest, "person.not_in_ledger");
        Assert.Contains("台账", p.GetProperty("detail").GetString());
        Assert.DoesNotContain(id, p.ToString());
        await Refused(await TryEnrol(county, classId, id, name: "只有姓名"), HttpStatusCode.BadRequest, "person.not_in_ledger");
        Assert.Empty(await Roster(county, classId));
        await HttpAssert.Problem(await county.GetAsync($"/api/people/by-id-number/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_person_not_in_the_ledger_is_added_through_enrolment_with_name_and_village()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "边报名边入台账班");
        var id = Ids.New(1992, male: false);
        var t = await Enrol(county, classId, id, "马晓燕", OtherVillage);
        Assert.Equal("马晓燕", t.GetProperty("name").GetString());
        var person = await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{id}"));
        Assert.Equal("马晓燕", person.GetProperty("name").GetString());
        Assert.Equal(OtherVillage, person.GetProperty("villageCode").GetString());
        Assert.Equal(t.GetProperty("personId").GetInt64(), person.GetProperty("id").GetInt64());

        var unknownVillage = await HttpAssert.Problem(await TryEnrol(county, classId, Ids.New(), "无村人", "419921999999"), HttpStatusCode.BadRequest);
        Assert.Equal("village.unknown", unknownVillage.GetProperty("code").GetString());
        Assert.Single(await Roster(county, classId));
    }

    [Fact]
    public async Task Refuses_a_known_id_number_with_another_name()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "姓名不符班");
        var id = Ids.New();
        await AddPerson(county, id, "陈建国");
        var p = await Refused(await TryEnrol(county, classId, id, "陈建军"), HttpStatusCode.BadRequest, "person.name_mismatch");
        Assert.True(p.GetProperty("errors").TryGetProperty("name", out _), p.ToString());
        Assert.Empty(await Roster(county, classId));
        await Enrol(county, classId, id, "陈 建国");
        Assert.Equal("陈建国", (await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{id}"))).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("41992119900101123")]
    [InlineData("419921199002301234")]
    [InlineData("")]
    public async Task Refuses_an_invalid_id_number_naming_the_field(string id)
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, $"身份证错误班-{id.Length}-{id.GetHashCode()}");
        var p = await HttpAssert.Problem(await TryEnrol(county, classId, id, "某人", Village), HttpStatusCode.BadRequest);
        var error = p.GetProperty("errors").EnumerateObject().Single(e => e.Name.Equals("idNumber", StringComparison.OrdinalIgnoreCase));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Value[0].GetString());
        Assert.Empty(await Roster(county, classId));
    }

    [Fact]
    public async Task Refuses_enrolment_and_withdrawal_once_the_class_has_completed()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "已结业报名班");
        var (eid, _) = await NewTrainee(county, classId, "结业前学员");
        await Advance(county, classId, "submit", "approve", "start", "complete");
        var id = Ids.New();
        await AddPerson(county, id, "迟到学员");
        var p = await Refused(await TryEnrol(county, classId, id), HttpStatusCode.Conflict, "enrolment.class_closed");
        Assert.Contains("已结业", p.GetProperty("detail").GetString());
        await Refused(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{eid}"), HttpStatusCode.Conflict, "enrolment.class_closed");
        var roster = await Roster(county, classId);
        Assert.Equal("Active", Assert.Single(roster).GetProperty("status").GetString());
        await Advance(county, classId, "close");
        await Refused(await TryEnrol(county, classId, id), HttpStatusCode.Conflict, "enrolment.class_closed");
    }

    [Fact]
    public async Task Withdrawing_keeps_the_record_and_enrolling_again_restores_it()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "退出恢复班");
        var (eid, id) = await NewTrainee(county, classId, "反复报名人");
        var w = await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{eid}?reason=外出务工"));
        Assert.Equal("Withdrawn", w.GetProperty("status").GetString());
        Assert.Equal(0, await Enrolled(county, classId));
        await Refused(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{eid}"), HttpStatusCode.Conflict, "enrolment.withdrawn");
        var again = await Enrol(county, classId, id);
        Assert.Equal(eid, again.GetProperty("id").GetInt64());
        Assert.Equal("Active", Assert.Single(await Roster(county, classId)).GetProperty("status").GetString());
    }

    static Dictionary<string, object?> RosterRow(int seq, string name, string id, string? village = null) =>
        new() { ["序号"] = seq, ["姓名"] = name, ["身份证号"] = id, ["手机号"] = "", ["村(社区)"] = village };

    [Fact]
    public async Task A_roster_import_dry_run_reports_each_bad_row_and_a_commit_enrols_the_rest_once()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "花名册导入班", "2026-09-01", "2026-09-30");
        var clashClass = await NewClass(county, "花名册冲突班", "2026-09-15", "2026-10-15");
        var url = $"/api/training/classes/{classId}/enrolments/imports";

        var newcomer = Ids.New(1993, male: false);
        var known = Ids.New(1985);
        await AddPerson(county, known, "台账老乡");
        var busy = Ids.New(1987);
        await AddPerson(county, busy, "冲突学员");
        await Enrol(county, clashClass, busy);
        var old = Ids.New(1950);
        await AddPerson(county, old, "超龄老人");
        var stranger = Ids.New(1991);
        var seventeen = Ids.New(1990)[..17];

        var file = Xlsx([
            RosterRow(1, "新来学员", newcomer, Village),      // row 2: new to the ledger, enrolled
            RosterRow(2, "台账老乡", known),                  // row 3: in the ledger, enrolled
            RosterRow(3, "十七位", seventeen, Village),        // row 4: 17 digits
            RosterRow(4, "新来学员", newcomer, Village),       // row 5: same ID as row 2
            RosterRow(5, "冲突学员", busy),                    // row 6: in an overlapping class
            RosterRow(6, "超龄老人", old),                     // row 7: 76 at the start
            RosterRow(7, "无村之人", stranger),                // row 8: unknown and no village
        ]);

        var (s1, dry) = await Upload(county, url, file, "花名册.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal("dryRun", dry.GetProperty("mode").GetString());
        Assert.Equal(7, dry.GetProperty("totalRows").GetInt32());
        Assert.Equal(2, dry.GetProperty("valid").GetInt32());
        Assert.Equal(2, dry.GetProperty("created").GetInt32());
        Assert.Equal(1, dry.GetProperty("peopleCreated").GetInt32());
        Assert.Equal(5, dry.GetProperty("rejected").GetInt32());
        var errors = Errors(dry);
        void Has(int row, string column, string code) =>
            Assert.True(errors.Any(e => e.Row == row && e.Column == column && e.Code == code && e.Message.Any(ch => ch > 127)),
                $"row {row} {column} {code} not in {string.Join("; ", errors)}");
        Has(4, "身份证号", "id_number.format");
        Assert.Contains(errors, e => e.Row == 4 && e.Message.Contains("17"));
        Has(5, "身份证号", "duplicate_in_file");
        Has(6, "身份证号", "enrolment.overlap");
        Has(7, "身份证号", "enrolment.age");
        Has(8, "村(社区)", "person.not_in_ledger");
        Assert.DoesNotContain(errors, e => e.Row is 2 or 3);
        Assert.Empty(await Roster(county, classId));
        await HttpAssert.Problem(await county.GetAsync($"/api/people/by-id-number/{newcomer}"), HttpStatusCode.NotFound);

        var (s2, commit) = await Upload(county, url, file, "花名册.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal("commit", commit.GetProperty("mode").GetString());
        Assert.Equal(2, commit.GetProperty("created").GetInt32());
        Assert.Equal(1, commit.GetProperty("peopleCreated").GetInt32());
        Assert.Equal(5, commit.GetProperty("rejected").GetInt32());
        Assert.Equal(Errors(dry).Select(e => (e.Row, e.Code)), Errors(commit).Select(e => (e.Row, e.Code)));
        var roster = await Roster(county, classId);
        Assert.Equal(new[] { "新来学员", "台账老乡" }.Order(), roster.Select(t => t.GetProperty("name").GetString()).Order());
        var person = await HttpAssert.Json(await county.GetAsync($"/api/people/by-id-number/{newcomer}"));
        Assert.Equal(Village, person.GetProperty("villageCode").GetString());
        Assert.Single(await Roster(county, clashClass));

        var (s3, again) = await Upload(county, url, file, "花名册.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("peopleCreated").GetInt32());
        Assert.Equal(2, (await Roster(county, classId)).Count);
        Assert.Equal(2, await Enrolled(county, classId));
    }

    [Fact]
    public async Task A_roster_import_stops_at_the_capacity_and_says_so_per_row()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "花名册满员班", "2026-08-01", "2026-08-20", capacity: 2);
        var ids = Enumerable.Range(0, 3).Select(_ => Ids.New(1989)).ToList();
        var file = Xlsx(ids.Select((id, i) => RosterRow(i + 1, $"满员导入{i}", id, Village)));
        var (status, report) = await Upload(county, $"/api/training/classes/{classId}/enrolments/imports", file, "满员.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var e = Assert.Single(Errors(report));
        Assert.Equal((4, "enrolment.capacity"), (e.Row, e.Code));
        Assert.Equal(2, (await Roster(county, classId)).Count);
        await HttpAssert.Problem(await county.GetAsync($"/api/people/by-id-number/{ids[2]}"), HttpStatusCode.NotFound);
    }

    async Task<(long ClassId, long[] Enrolments, string[] Ids, long[] Sessions)> RunningClass(HttpClient county, string name, string start, string end, string[] sessionDates)
    {
        var classId = await NewClass(county, name, start, end);
        var trainees = new List<(long, string)>();
        foreach (var n in new[] { "甲", "乙", "丙" }) trainees.Add(await NewTrainee(county, classId, name + n));
        var sessions = new List<long>();
        foreach (var d in sessionDates) sessions.Add(await AddSession(county, classId, d));
        return (classId, trainees.Select(t => t.Item1).ToArray(), trainees.Select(t => t.Item2).ToArray(), sessions.ToArray());
    }

    [Fact]
    public async Task Attendance_needs_a_running_class_and_a_session_that_has_happened()
    {
        var county = await app.ClientFor("county");
        var (classId, _, _, sessions) = await RunningClass(county, "考勤前提班", "2026-11-20", "2026-12-20", ["2026-11-21", "2026-12-15"]);
        await Refused(await county.PutAsJsonAsync($"/api/training/sessions/{sessions[0]}/attendance", new { allPresent = true }), HttpStatusCode.Conflict, "attendance.invalid_state");
        await Advance(county, classId, "submit", "approve", "start");
        var p = await Refused(await county.PutAsJsonAsync($"/api/training/sessions/{sessions[1]}/attendance", new { allPresent = true }), HttpStatusCode.Conflict, "attendance.future_session");
        Assert.Contains("2026-12-15", p.GetProperty("detail").GetString());
        Assert.All(await Roster(county, classId), t => Assert.Equal(0, t.GetProperty("sessionsTaken").GetInt32()));

        var outside = await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/training/classes/{classId}/sessions", new { date = "2026-12-21", hours = 4, topic = "x" }), HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals("date", StringComparison.OrdinalIgnoreCase)), outside.ToString());
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{sessions[0]}/attendance", new { allPresent = true }));
        Assert.All(await Roster(county, classId), t => Assert.Equal(100m, t.GetProperty("attendanceRate").GetDecimal()));
    }

    [Fact]
    public async Task Attendance_rates_follow_bulk_attendance_and_unmentioned_trainees_are_absent()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var (classId, e, ids, s) = await RunningClass(county, "考勤统计班", "2026-07-01", "2026-07-31", ["2026-07-05", "2026-07-12", "2026-07-19", "2026-07-26"]);
        await Advance(county, classId, "submit", "approve", "start");

        var all = await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/sessions/{s[0]}/attendance", new { allPresent = true }));
        Assert.Equal((3, 0), (all.GetProperty("present").GetInt32(), all.GetProperty("absent").GetInt32()));
        var two = await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/sessions/{s[1]}/attendance", new { present = new[] { e[0], e[1] } }));
        Assert.Equal((2, 1), (two.GetProperty("present").GetInt32(), two.GetProperty("absent").GetInt32()));
        await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/sessions/{s[2]}/attendance",
            new { records = new object[] { new { idNumber = ids[0], present = true } }, absent = new[] { e[1] } }));

        var bad = await HttpAssert.Problem(await school.PutAsJsonAsync($"/api/training/sessions/{s[3]}/attendance", new { present = new[] { e[0], 999_999_999L } }), HttpStatusCode.BadRequest);
        Assert.Contains("不在本班", bad.GetProperty("errors").ToString());

        var roster = (await Roster(school, classId)).ToDictionary(t => t.GetProperty("id").GetInt64());
        Assert.All(roster.Values, t => Assert.Equal(3, t.GetProperty("sessionsTaken").GetInt32()));
        Assert.Equal((3, 100.0m), (roster[e[0]].GetProperty("sessionsAttended").GetInt32(), roster[e[0]].GetProperty("attendanceRate").GetDecimal()));
        Assert.Equal((2, 66.7m), (roster[e[1]].GetProperty("sessionsAttended").GetInt32(), roster[e[1]].GetProperty("attendanceRate").GetDecimal()));
        Assert.Equal((1, 33.3m), (roster[e[2]].GetProperty("sessionsAttended").GetInt32(), roster[e[2]].GetProperty("attendanceRate").GetDecimal()));

        // Taking a session again replaces it.
        await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/sessions/{s[1]}/attendance", new { allPresent = true }));
        roster = (await Roster(school, classId)).ToDictionary(t => t.GetProperty("id").GetInt64());
        Assert.Equal(66.7m, roster[e[2]].GetProperty("attendanceRate").GetDecimal());
        Assert.Equal(3, roster[e[2]].GetProperty("sessionsTaken").GetInt32());
    }

    static Dictionary<string, object?> SignIn(string id, string name, string mark) => new() { ["身份证号"] = id, ["姓名"] = name, ["出勤"] = mark };

    [Fact]
    public async Task A_sign_in_sheet_import_is_checked_whole_and_then_recorded()
    {
        var county = await app.ClientFor("county");
        var (classId, e, ids, s) = await RunningClass(county, "签到表班", "2026-06-01", "2026-06-30", ["2026-06-05", "2026-06-12"]);
        await Advance(county, classId, "submit", "approve", "start");
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{s[0]}/attendance", new { allPresent = true }));
        var url = $"/api/training/sessions/{s[1]}/attendance/imports";

        var outsider = Ids.New();
        var messy = Xlsx([SignIn(ids[0], "签到表班甲", "√"), SignIn(ids[1], "签到表班乙", "迟到"), SignIn(outsider, "外人", "√")]);
        var (s1, dry) = await Upload(county, url, messy, "签到表.xlsx", "dryRun");
        Assert.Equal(HttpStatusCode.OK, s1);
        var errors = Errors(dry);
        Assert.Contains(errors, x => x.Row == 3 && x.Column == "出勤" && x.Code == "attendance.value");
        Assert.Contains(errors, x => x.Row == 4 && x.Column == "身份证号" && x.Code == "attendance.not_enrolled");
        var (s2, refused) = await Upload(county, url, messy, "签到表.xlsx", "commit");
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("2 行", refused.GetProperty("errors").ToString());
        Assert.All(await Roster(county, classId), t => Assert.Equal(1, t.GetProperty("sessionsTaken").GetInt32()));

        var (s3, ok) = await Upload(county, url, Xlsx([SignIn(ids[0], "签到表班甲", "√"), SignIn(ids[1], "签到表班乙", "×")]), "签到表.xlsx", "commit");
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(2, ok.GetProperty("created").GetInt32());
        var sheet = await HttpAssert.Json(await county.GetAsync($"/api/training/sessions/{s[1]}/attendance"));
        Assert.True(sheet.GetProperty("taken").GetBoolean());
        Assert.Equal((1, 2), (sheet.GetProperty("present").GetInt32(), sheet.GetProperty("absent").GetInt32()));
        var roster = (await Roster(county, classId)).ToDictionary(t => t.GetProperty("id").GetInt64());
        Assert.Equal(100m, roster[e[0]].GetProperty("attendanceRate").GetDecimal());
        Assert.Equal(50m, roster[e[1]].GetProperty("attendanceRate").GetDecimal());
        Assert.Equal(50m, roster[e[2]].GetProperty("attendanceRate").GetDecimal());
        Assert.All(roster.Values, t => Assert.Equal(2, t.GetProperty("sessionsTaken").GetInt32()));
    }

    [Fact]
    public async Task Results_are_recorded_only_once_the_class_has_started()
    {
        var county = await app.ClientFor("county");
        var classId = await NewClass(county, "考核登记班", "2026-05-01", "2026-05-20");
        var (eid, _) = await NewTrainee(county, classId, "考核学员");
        object Body(decimal score) => new { results = new[] { new { enrolmentId = eid, passed = true, score } } };
        await Refused(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", Body(90)), HttpStatusCode.Conflict, "result.invalid_state");
        await Advance(county, classId, "submit", "approve", "start");
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", Body(120)), HttpStatusCode.BadRequest);
        var roster = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results", Body(88.5m)));
        var t = Assert.Single(roster.EnumerateArray());
        Assert.True(t.GetProperty("passed").GetBoolean());
        Assert.Equal(88.5m, t.GetProperty("score").GetDecimal());

        var (gone, _) = await NewTrainee(county, classId, "退出考核学员");
        await HttpAssert.Json(await county.DeleteAsync($"/api/training/classes/{classId}/enrolments/{gone}"));
        var refused = await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = new[] { new { enrolmentId = gone, passed = true, score = 70m } } }), HttpStatusCode.BadRequest);
        Assert.Contains("已退出", refused.GetProperty("errors").ToString());
        var after = (await Roster(county, classId)).Single(x => x.GetProperty("id").GetInt64() == gone);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("passed").ValueKind);
    }
}

public sealed class EnrolmentTests_Sqlite(SqliteApp app) : EnrolmentTests(app), IClassFixture<SqliteApp>;
public sealed class EnrolmentTests_Postgres(PostgresApp app) : EnrolmentTests(app), IClassFixture<PostgresApp>;
