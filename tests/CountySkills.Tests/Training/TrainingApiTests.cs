using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Training;

public abstract class TrainingApiTests(AppFactory app)
{
    static readonly string[] AllActions = ["submit", "withdraw", "approve", "return", "start", "complete", "close"];

    /// <summary>The lifecycle as a user reads it: which actions each state allows.</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Draft"] = ["submit"],
        ["Submitted"] = ["withdraw", "approve", "return"],
        ["Returned"] = ["submit"],
        ["Approved"] = ["start"],
        ["InProgress"] = ["complete"],
        ["Completed"] = ["close"],
        ["Closed"] = [],
    };

    static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["Draft"] = [],
        ["Submitted"] = ["submit"],
        ["Returned"] = ["submit", "return"],
        ["Approved"] = ["submit", "approve"],
        ["InProgress"] = ["submit", "approve", "start"],
        ["Completed"] = ["submit", "approve", "start", "complete"],
        ["Closed"] = ["submit", "approve", "start", "complete", "close"],
    };

    static List<string> Actions(JsonElement view) => view.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!.ToLowerInvariant()).ToList();

    [Fact]
    public async Task An_institution_plans_a_draft_class_for_its_own_institution()
    {
        var school = await app.ClientFor("school01");
        var r = await school.PostAsJsonAsync("/api/training/classes", ClassBody("家政服务员初级班（计划）", null));
        var c = await HttpAssert.Json(r, HttpStatusCode.Created);
        Assert.Equal($"/api/training/classes/{c.GetProperty("id").GetInt64()}", r.Headers.Location?.OriginalString);
        Assert.Equal("Draft", c.GetProperty("status").GetString());
        Assert.Equal("草稿", c.GetProperty("statusName").GetString());
        Assert.Equal(await SchoolId(app), c.GetProperty("institutionId").GetInt64());
        Assert.Equal("家政服务员", c.GetProperty("occupationName").GetString());
        Assert.Equal("Junior", c.GetProperty("level").GetString());
        Assert.True(c.GetProperty("editable").GetBoolean());
        Assert.Equal(0, c.GetProperty("enrolled").GetInt32());
        Assert.Empty(c.GetProperty("transitions").EnumerateArray());
        Assert.Equal(new[] { "submit" }, Actions(c));
        Assert.NotEqual(Guid.Empty, c.GetProperty("version").GetGuid());
    }

    [Fact]
    public async Task The_whole_lifecycle_keeps_who_moved_the_class_and_when()
    {
        var school = await app.ClientFor("school01");
        var county = await app.ClientFor("county");
        var before = DateTime.UtcNow.AddMinutes(-1);
        var id = (await CreateClass(school, "焊工五级班（全流程）")).GetProperty("id").GetInt64();
        var steps = new[] { (school, "school01", "submit", "Submitted"), (county, "county", "approve", "Approved"), (school, "school01", "start", "InProgress"),
            (school, "school01", "complete", "Completed"), (county, "county", "close", "Closed") };
        foreach (var (client, _, action, to) in steps)
            Assert.Equal(to, (await Advance(client, id, action)).GetProperty("status").GetString());

        var view = await GetClass(school, id);
        var transitions = view.GetProperty("transitions").EnumerateArray().ToList();
        Assert.Equal(steps.Length, transitions.Count);
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.Equal(steps[i].Item2, transitions[i].GetProperty("userName").GetString());
            Assert.Equal(steps[i].Item4, transitions[i].GetProperty("to").GetString());
            Assert.Equal(i == 0 ? "Draft" : steps[i - 1].Item4, transitions[i].GetProperty("from").GetString());
            Assert.InRange(transitions[i].GetProperty("atUtc").GetDateTime(), before, DateTime.UtcNow.AddMinutes(1));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", transitions[i].GetProperty("actionName").GetString());
        }
        Assert.Empty(Actions(view));
        Assert.False(view.GetProperty("editable").GetBoolean());
    }

    [Fact]
    public async Task A_transition_may_name_the_target_state_or_a_chinese_action_word()
    {
        var county = await app.ClientFor("county");
        var id = (await CreateClass(county, "目标状态写法班", await SchoolId(app))).GetProperty("id").GetInt64();
        var submitted = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{id}/transitions", new { action = "提交" }));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var approved = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{id}/transitions", new { to = "Approved" }));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var p = await HttpAssert.Problem(await county.PostAsJsonAsync($"/api/training/classes/{id}/transitions", new { reason = "什么也没说" }), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("action", out _), p.ToString());
        Assert.Equal("Approved", await Status(county, id));
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("Submitted")]
    [InlineData("Returned")]
    [InlineData("Approved")]
    [InlineData("InProgress")]
    [InlineData("Completed")]
    [InlineData("Closed")]
    public async Task Every_action_the_state_does_not_allow_is_409_and_changes_nothing(string state)
    {
        var county = await app.ClientFor("county");
        var id = (await CreateClass(county, $"状态规则班-{state}", await SchoolId(app))).GetProperty("id").GetInt64();
        await Advance(county, id, PathTo[state]);
        var view = await GetClass(county, id);
        Assert.Equal(state, view.GetProperty("status").GetString());
        Assert.Equal(Allowed[state].Order(), Actions(view).Order());
        var version = view.GetProperty("version").GetGuid();
        foreach (var action in AllActions.Except(Allowed[state]))
        {
            var p = await Refused(await Move(county, id, action, "理由"), HttpStatusCode.Conflict, "transition.invalid_state");
            Assert.Contains("不能", p.GetProperty("detail").GetString());
        }
        var after = await GetClass(county, id);
        Assert.Equal(state, after.GetProperty("status").GetString());
        Assert.Equal(version, after.GetProperty("version").GetGuid());
        Assert.Equal(PathTo[state].Length, after.GetProperty("transitions").GetArrayLength());
    }

    [Fact]
    public async Task Only_county_staff_may_approve_return_or_close()
    {
        var school = await app.ClientFor("school01");
        var county = await app.ClientFor("county");
        var id = (await CreateClass(school, "审批权限班")).GetProperty("id").GetInt64();
        var submitted = await Advance(school, id, "submit");
        Assert.Equal(new[] { "withdraw" }, Actions(submitted));
        await Refused(await Move(school, id, "approve"), HttpStatusCode.Forbidden, "transition.forbidden");
        await Refused(await Move(school, id, "return", "自己退回自己"), HttpStatusCode.Forbidden, "transition.forbidden");
        var still = await GetClass(school, id);
        Assert.Equal("Submitted", still.GetProperty("status").GetString());
        Assert.Single(still.GetProperty("transitions").EnumerateArray());

        await Advance(county, id, "approve");
        await Advance(school, id, "start", "complete");
        var completed = await GetClass(school, id);
        Assert.Empty(Actions(completed));
        Assert.Equal(new[] { "close" }, Actions(await GetClass(county, id)));
        await Refused(await Move(school, id, "close"), HttpStatusCode.Forbidden, "transition.forbidden");
        Assert.Equal("Completed", await Status(school, id));
        await Advance(await app.ClientFor("admin"), id, "close");
        Assert.Equal("Closed", await Status(school, id));
    }

    [Fact]
    public async Task Returning_needs_a_reason_which_the_institution_sees_until_it_resubmits()
    {
        var school = await app.ClientFor("school01");
        var county = await app.ClientFor("county");
        var created = await CreateClass(school, "退回修改班");
        var id = created.GetProperty("id").GetInt64();
        await Advance(school, id, "submit");
        foreach (var reason in new string?[] { null, "   " })
        {
            var p = await Refused(await Move(county, id, "return", reason), HttpStatusCode.BadRequest, "transition.reason_required");
            Assert.True(p.GetProperty("errors").TryGetProperty("reason", out _), p.ToString());
        }
        Assert.Equal("Submitted", await Status(school, id));

        var returned = await HttpAssert.Json(await Move(county, id, "return", "教学计划缺少实操课时安排"));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.Equal("教学计划缺少实操课时安排", returned.GetProperty("returnReason").GetString());
        Assert.Equal("教学计划缺少实操课时安排", returned.GetProperty("transitions")[1].GetProperty("reason").GetString());
        Assert.True(returned.GetProperty("editable").GetBoolean());

        var edited = await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/classes/{id}",
            ClassBody("退回修改班（已补实操）", null, capacity: 25, version: returned.GetProperty("version").GetGuid())));
        Assert.Equal("退回修改班（已补实操）", edited.GetProperty("name").GetString());
        Assert.Equal(25, edited.GetProperty("capacity").GetInt32());
        var resubmitted = await Advance(school, id, "submit");
        Assert.Equal("Submitted", resubmitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resubmitted.GetProperty("returnReason").ValueKind);
    }

    [Fact]
    public async Task Withdrawing_a_submitted_application_makes_it_an_editable_draft_again()
    {
        var school = await app.ClientFor("school01");
        var id = (await CreateClass(school, "撤回申请班")).GetProperty("id").GetInt64();
        await Advance(school, id, "submit");
        var back = await Advance(school, id, "withdraw");
        Assert.Equal("Draft", back.GetProperty("status").GetString());
        Assert.True(back.GetProperty("editable").GetBoolean());
        Assert.Equal(new[] { "Submit", "Withdraw" }, back.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_stale_version_is_409_for_edits_and_transitions_and_changes_nothing()
    {
        var school = await app.ClientFor("school01");
        var c = await CreateClass(school, "并发编辑班");
        var id = c.GetProperty("id").GetInt64();
        var v1 = c.GetProperty("version").GetGuid();
        var edited = await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("并发编辑班（甲改）", null, version: v1)));
        var v2 = edited.GetProperty("version").GetGuid();
        Assert.NotEqual(v1, v2);

        await HttpAssert.Problem(await school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("并发编辑班（乙改）", null, version: v1)), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await Move(school, id, "submit", version: v1), HttpStatusCode.Conflict);
        var now = await GetClass(school, id);
        Assert.Equal("并发编辑班（甲改）", now.GetProperty("name").GetString());
        Assert.Equal("Draft", now.GetProperty("status").GetString());
        Assert.Equal(v2, now.GetProperty("version").GetGuid());

        var submitted = await HttpAssert.Json(await Move(school, id, "submit", version: v2));
        Assert.NotEqual(v2, submitted.GetProperty("version").GetGuid());
        await HttpAssert.Problem(await Move(school, id, "withdraw", version: v2), HttpStatusCode.Conflict);
        Assert.Equal("Submitted", await Status(school, id));
    }

    [Fact]
    public async Task An_edit_without_a_version_is_400()
    {
        var school = await app.ClientFor("school01");
        var id = (await CreateClass(school, "无版本号编辑班")).GetProperty("id").GetInt64();
        var p = await HttpAssert.Problem(await school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("改名", null)), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("version", out _), p.ToString());
        Assert.Equal("无版本号编辑班", (await GetClass(school, id)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("Approved")]
    [InlineData("InProgress")]
    [InlineData("Completed")]
    [InlineData("Closed")]
    public async Task Only_drafts_and_returned_classes_can_be_edited(string state)
    {
        var county = await app.ClientFor("county");
        var school = await SchoolId(app);
        var id = (await CreateClass(county, $"不可编辑班-{state}", school)).GetProperty("id").GetInt64();
        await Advance(county, id, PathTo[state]);
        var view = await GetClass(county, id);
        Assert.False(view.GetProperty("editable").GetBoolean());
        var r = await county.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("偷偷改名", school, capacity: 5, version: view.GetProperty("version").GetGuid()));
        var p = await Refused(r, HttpStatusCode.Conflict, "class.not_editable");
        Assert.Contains("草稿", p.GetProperty("detail").GetString());
        var after = await GetClass(county, id);
        Assert.Equal($"不可编辑班-{state}", after.GetProperty("name").GetString());
        Assert.Equal(30, after.GetProperty("capacity").GetInt32());
        Assert.Equal(view.GetProperty("version").GetGuid(), after.GetProperty("version").GetGuid());
    }

    [Fact]
    public async Task The_planned_capacity_cannot_drop_below_the_trainees_already_enrolled()
    {
        var school = await app.ClientFor("school01");
        var c = await CreateClass(school, "缩减名额班", capacity: 5);
        var id = c.GetProperty("id").GetInt64();
        var county = await app.ClientFor("county");
        await NewTrainee(county, id, "名额甲");
        await NewTrainee(county, id, "名额乙");
        var version = (await GetClass(school, id)).GetProperty("version").GetGuid();
        var p = await HttpAssert.Problem(await school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("缩减名额班", null, capacity: 1, version: version)), HttpStatusCode.BadRequest);
        Assert.Contains("2 名学员", p.GetProperty("errors").ToString());
        Assert.Equal(5, (await GetClass(school, id)).GetProperty("capacity").GetInt32());
        var ok = await HttpAssert.Json(await school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("缩减名额班", null, capacity: 2, version: version)));
        Assert.Equal(2, ok.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task A_bad_plan_names_each_wrong_field_and_stores_nothing()
    {
        var school = await app.ClientFor("school01");
        var before = (await HttpAssert.Json(await school.GetAsync("/api/training/classes?pageSize=1"))).GetProperty("total").GetInt32();
        var body = new { name = "", occupationCode = Housekeeping, level = "Junior", kind = "EmploymentSkills", startDate = "2026-10-10", endDate = "2026-10-01", hours = 0, capacity = 0 };
        var errors = (await HttpAssert.Problem(await school.PostAsJsonAsync("/api/training/classes", body), HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "Name", "EndDate", "Hours", "Capacity" })
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"{field} missing in {errors}");
        Assert.Contains("结业日期不能早于开班日期", errors.ToString());

        var order = await HttpAssert.Problem(await school.PostAsJsonAsync("/api/training/classes", ClassBody("订单班无企业", null, kind: "Order")), HttpStatusCode.BadRequest);
        Assert.True(order.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals("employerId", StringComparison.OrdinalIgnoreCase)), order.ToString());
        var level = await HttpAssert.Problem(await school.PostAsJsonAsync("/api/training/classes", ClassBody("家政一级班", null, level: "SeniorTechnician")), HttpStatusCode.BadRequest);
        Assert.Contains("家政服务员", level.GetProperty("errors").ToString());
        var unknown = await HttpAssert.Problem(await school.PostAsJsonAsync("/api/training/classes", ClassBody("不存在的工种班", null, occupationCode: "9-99-99-99")), HttpStatusCode.BadRequest);
        Assert.Contains("职业目录", unknown.GetProperty("errors").ToString());
        Assert.Equal(before, (await HttpAssert.Json(await school.GetAsync("/api/training/classes?pageSize=1"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Institution_staff_cannot_see_or_change_another_institutions_class_and_learn_nothing_of_it()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        const string secret = "他校保密班-家政";
        var other = await OtherInstitutionId(app);
        var c = await CreateClass(county, secret, other);
        var id = c.GetProperty("id").GetInt64();
        var (eid, idNumber) = await NewTrainee(county, id, "他校学员");
        var sessionId = await AddSession(county, id, "2026-10-05");

        var requests = new List<Func<Task<HttpResponseMessage>>>
        {
            () => school.GetAsync($"/api/training/classes/{id}"),
            () => school.GetAsync($"/api/training/classes/{id}/enrolments"),
            () => school.GetAsync($"/api/training/classes/{id}/sessions"),
            () => school.GetAsync($"/api/training/sessions/{sessionId}/attendance"),
            () => school.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("被他校改名", other, version: c.GetProperty("version").GetGuid())),
            () => Move(school, id, "submit"),
            () => school.PostAsJsonAsync($"/api/training/classes/{id}/enrolments", new { idNumber = Ids.New(), name = "插队者", villageCode = Village }),
            () => school.DeleteAsync($"/api/training/classes/{id}/enrolments/{eid}"),
            () => school.PostAsJsonAsync($"/api/training/classes/{id}/sessions", new { date = "2026-10-06", hours = 4, topic = "x" }),
            () => school.PutAsJsonAsync($"/api/training/sessions/{sessionId}/attendance", new { allPresent = true }),
            () => school.PutAsJsonAsync($"/api/training/classes/{id}/results", new { results = new[] { new { enrolmentId = eid, passed = true, score = 90 } } }),
            () => school.PostAsJsonAsync($"/api/training/classes/{id}/certificates", new { kind = "TrainingCompletion", issuer = "x", issuedOn = "2026-11-01" }),
            async () =>
            {
                var (status, _) = await Upload(school, $"/api/training/classes/{id}/enrolments/imports", Xlsx([new() { ["姓名"] = "某人", ["身份证号"] = Ids.New() }]), "r.xlsx", "commit");
                return new HttpResponseMessage(status) { Content = new StringContent("{}") };
            },
        };
        foreach (var request in requests)
        {
            var r = await request();
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"expected 403 but got {(int)r.StatusCode}: {body}");
            Assert.DoesNotContain(secret, body);
            Assert.DoesNotContain("他校学员", body);
        }
        var list = await HttpAssert.Json(await school.GetAsync($"/api/training/classes?pageSize=200&institutionId={other}"));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.DoesNotContain(secret, list.ToString());
        await HttpAssert.Problem(await school.PostAsJsonAsync("/api/training/classes", ClassBody("替他校开班", other)), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await school.GetAsync($"/api/training/institutions/{other}"), HttpStatusCode.Forbidden);

        var unchanged = await GetClass(county, id);
        Assert.Equal(secret, unchanged.GetProperty("name").GetString());
        Assert.Equal("Draft", unchanged.GetProperty("status").GetString());
        var roster = await Roster(county, id);
        Assert.Equal("Active", Assert.Single(roster).GetProperty("status").GetString());
        Assert.Equal(1, (await HttpAssert.Json(await county.GetAsync($"/api/training/classes/{id}/sessions"))).GetArrayLength());
        Assert.False(string.IsNullOrEmpty(idNumber));
    }

    [Theory]
    [InlineData("town01")]
    [InlineData("employer01")]
    public async Task Township_and_employer_staff_have_no_access_to_training_classes(string user)
    {
        var county = await app.ClientFor("county");
        var id = (await CreateClass(county, $"无权访问班-{user}", await SchoolId(app))).GetProperty("id").GetInt64();
        var c = await app.ClientFor(user);
        await HttpAssert.Problem(await c.GetAsync("/api/training/classes"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await c.GetAsync($"/api/training/classes/{id}"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await c.PostAsJsonAsync("/api/training/classes", ClassBody("越权开班", await SchoolId(app))), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await Move(c, id, "submit"), HttpStatusCode.Forbidden);
        Assert.Equal("Draft", await Status(county, id));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("auditor")]
    public async Task Viewers_and_auditors_read_classes_but_every_write_is_403(string user)
    {
        var county = await app.ClientFor("county");
        var c = await CreateClass(county, $"只读班-{user}", await SchoolId(app));
        var id = c.GetProperty("id").GetInt64();
        var (eid, _) = await NewTrainee(county, id, "只读学员");
        var sessionId = await AddSession(county, id, "2026-10-08");
        var reader = await app.ClientFor(user);

        var list = await HttpAssert.Json(await reader.GetAsync("/api/training/classes?pageSize=200"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var view = await GetClass(reader, id);
        Assert.Empty(Actions(view));
        Assert.Single(await Roster(reader, id));

        var writes = new Func<Task<HttpResponseMessage>>[]
        {
            () => reader.PostAsJsonAsync("/api/training/classes", ClassBody("只读者开班", null)),
            () => reader.PutAsJsonAsync($"/api/training/classes/{id}", ClassBody("只读者改名", null, version: c.GetProperty("version").GetGuid())),
            () => Move(reader, id, "submit"),
            () => reader.PostAsJsonAsync($"/api/training/classes/{id}/enrolments", new { idNumber = Ids.New(), name = "只读者报名", villageCode = Village }),
            () => reader.DeleteAsync($"/api/training/classes/{id}/enrolments/{eid}"),
            () => reader.PostAsJsonAsync($"/api/training/classes/{id}/sessions", new { date = "2026-10-09", hours = 4, topic = "x" }),
            () => reader.PutAsJsonAsync($"/api/training/sessions/{sessionId}/attendance", new { allPresent = true }),
            () => reader.PutAsJsonAsync($"/api/training/classes/{id}/results", new { results = new[] { new { enrolmentId = eid, passed = true, score = 90 } } }),
            () => reader.PostAsJsonAsync($"/api/training/classes/{id}/inspections", new { visitedOn = "2026-10-10", findings = "x" }),
            () => reader.PostAsJsonAsync("/api/training/institutions", new { name = "只读者机构", creditCode = "x", areaCode = "419921" }),
        };
        foreach (var write in writes) await HttpAssert.Problem(await write(), HttpStatusCode.Forbidden);
        var (status, _) = await Upload(reader, $"/api/training/classes/{id}/enrolments/imports", Xlsx([new() { ["姓名"] = "某人", ["身份证号"] = Ids.New() }]), "r.xlsx", "commit");
        Assert.Equal(HttpStatusCode.Forbidden, status);

        var after = await GetClass(county, id);
        Assert.Equal($"只读班-{user}", after.GetProperty("name").GetString());
        Assert.Equal("Draft", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("enrolled").GetInt32());
        Assert.Equal(1, (await HttpAssert.Json(await county.GetAsync($"/api/training/classes/{id}/sessions"))).GetArrayLength());
    }

    [Fact]
    public async Task The_list_filters_by_status_and_year_and_counts_enrolled_trainees()
    {
        var county = await app.ClientFor("county");
        var school = await SchoolId(app);
        var old = (await CreateClass(county, "列表筛选班-2025", school, "2025-03-01", "2025-03-20")).GetProperty("id").GetInt64();
        var sub = (await CreateClass(county, "列表筛选班-2026", school, "2026-09-01", "2026-09-20")).GetProperty("id").GetInt64();
        await Advance(county, sub, "submit");
        await NewTrainee(county, sub, "列表学员甲");
        await NewTrainee(county, sub, "列表学员乙");

        var submitted = await HttpAssert.Json(await county.GetAsync("/api/training/classes?status=Submitted&pageSize=200"));
        Assert.All(submitted.GetProperty("items").EnumerateArray(), i => Assert.Equal("Submitted", i.GetProperty("status").GetString()));
        var item = Assert.Single(submitted.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == sub);
        Assert.Equal(2, item.GetProperty("enrolled").GetInt32());
        Assert.DoesNotContain(submitted.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == old);
        var byChinese = await HttpAssert.Json(await county.GetAsync("/api/training/classes?status=已提交&pageSize=200"));
        Assert.Equal(submitted.GetProperty("total").GetInt32(), byChinese.GetProperty("total").GetInt32());

        var y2025 = await HttpAssert.Json(await county.GetAsync("/api/training/classes?year=2025&pageSize=200"));
        Assert.Contains(y2025.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == old);
        Assert.All(y2025.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("2025-", i.GetProperty("startDate").GetString()));
        await HttpAssert.Problem(await county.GetAsync("/api/training/classes?status=Nonsense"), HttpStatusCode.BadRequest);
    }

    static string CreditCode(string first17) => first17 + CountySkills.Web.Domain.CreditCode.ComputeCheck(first17);

    [Fact]
    public async Task Only_county_staff_add_institutions_and_the_credit_code_checksum_is_checked()
    {
        var county = await app.ClientFor("county");
        var first17 = "5241992" + (Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)).ToString();
        var good = CreditCode(first17);
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');
        object Body(string code) => new { name = "禾丰县新技能培训学校", creditCode = code, kind = "PrivateSchool", areaCode = "419921101001", capacity = 200 };

        var p = await HttpAssert.Problem(await county.PostAsJsonAsync("/api/training/institutions", Body(bad)), HttpStatusCode.BadRequest);
        var error = p.GetProperty("errors").EnumerateObject().Single(e => e.Name.Equals("creditCode", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("校验位", error.Value.ToString());
        await HttpAssert.Problem(await (await app.ClientFor("school01")).PostAsJsonAsync("/api/training/institutions", Body(good)), HttpStatusCode.Forbidden);
        Assert.DoesNotContain(good, (await HttpAssert.Json(await county.GetAsync("/api/training/institutions"))).ToString());

        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/training/institutions", Body(good)), HttpStatusCode.Created);
        Assert.Equal(good, created.GetProperty("creditCode").GetString());
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/training/institutions", Body(good)), HttpStatusCode.Conflict);

        var stale = created.GetProperty("version").GetGuid();
        var renamed = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/institutions/{created.GetProperty("id").GetInt64()}",
            new { name = "禾丰县新技能职业培训学校", creditCode = good, kind = "PrivateSchool", areaCode = "419921101001", version = stale }));
        Assert.Equal("禾丰县新技能职业培训学校", renamed.GetProperty("name").GetString());
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/training/institutions/{created.GetProperty("id").GetInt64()}",
            new { name = "旧版本改名", creditCode = good, kind = "PrivateSchool", areaCode = "419921101001", version = stale }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task County_staff_inspect_a_running_class_with_photos_and_close_the_inspection()
    {
        var county = await app.ClientFor("county");
        var school = await app.ClientFor("school01");
        var id = (await CreateClass(school, "督导检查班")).GetProperty("id").GetInt64();
        object Visit(string? rectifyBy = "2026-11-10") => new { visitedOn = "2026-10-08", findings = "实到人数与签到表不符，实操设备不足", traineesPresent = 18, rectifyBy };

        await Refused(await county.PostAsJsonAsync($"/api/training/classes/{id}/inspections", Visit()), HttpStatusCode.Conflict, "inspection.invalid_state");
        await Advance(school, id, "submit");
        await Advance(county, id, "approve");
        await Advance(school, id, "start");
        await HttpAssert.Problem(await school.PostAsJsonAsync($"/api/training/classes/{id}/inspections", Visit()), HttpStatusCode.Forbidden);

        var inspection = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/classes/{id}/inspections", Visit()), HttpStatusCode.Created);
        var iid = inspection.GetProperty("id").GetInt64();
        Assert.Equal("Open", inspection.GetProperty("status").GetString());
        Assert.True(inspection.GetProperty("overdue").GetBoolean());

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        async Task<HttpResponseMessage> Photo(byte[] bytes, string name)
        {
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(name.EndsWith(".png") ? "image/png" : "image/jpeg");
            form.Add(content, "file", name);
            return await county.PostAsync($"/api/training/inspections/{iid}/photos", form);
        }
        var photo = await HttpAssert.Json(await Photo(png, "现场.png"), HttpStatusCode.Created);
        Assert.Equal("image/png", photo.GetProperty("contentType").GetString());
        var text = await HttpAssert.Problem(await Photo("这不是照片"u8.ToArray(), "伪装.jpg"), HttpStatusCode.BadRequest);
        Assert.Contains("JPEG", text.GetProperty("errors").ToString());
        var download = await county.GetAsync($"/api/training/inspections/{iid}/photos/{photo.GetProperty("id").GetInt64()}");
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());

        await HttpAssert.Problem(await school.PostAsJsonAsync($"/api/training/inspections/{iid}/close", new { text = "自己办结" }), HttpStatusCode.Forbidden);
        var closed = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/training/inspections/{iid}/close", new { text = "已补齐设备，复查合格" }));
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal("已补齐设备，复查合格", closed.GetProperty("closingNote").GetString());
        Assert.Single(closed.GetProperty("photos").EnumerateArray());
        await Refused(await county.PostAsJsonAsync($"/api/training/inspections/{iid}/close", new { text = "再办结一次" }), HttpStatusCode.Conflict, "inspection.closed");
    }
}

public sealed class TrainingApiTests_Sqlite(SqliteApp app) : TrainingApiTests(app), IClassFixture<SqliteApp>;
public sealed class TrainingApiTests_Postgres(PostgresApp app) : TrainingApiTests(app), IClassFixture<PostgresApp>;
