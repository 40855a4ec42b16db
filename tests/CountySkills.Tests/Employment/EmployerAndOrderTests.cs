using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>Partner employers (credit codes, what employer staff may touch), cooperation agreements' progress, and a job order's class and candidates.</summary>
public abstract class EmploymentEmployerAndOrderTests(ClockedApp app)
{
    static object Employer(string name, string creditCode, object? kind = null, string? contactName = null, string? contactPhone = null, Guid? version = null) =>
        new { name, creditCode, kind = kind ?? "HousekeepingAgency", province = "广东省", city = "深圳市", contactName, contactPhone, version };

    [Fact]
    public async Task An_employer_is_registered_under_a_valid_unique_credit_code()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var bad = await FieldError(await county.PostAsJsonAsync("/api/employment/employers", Employer("校验位错公司", "91350100M000100Y44")), "creditCode");
        Assert.Contains("校验位", bad.GetProperty("errors").GetProperty("creditCode")[0].GetString());
        await FieldError(await county.PostAsJsonAsync("/api/employment/employers", Employer("短代码公司", "91350100M0001")), "creditCode");
        await FieldError(await county.PostAsJsonAsync("/api/employment/employers", Employer("", "91110000802100433B")), "name");

        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/employers", Employer("深圳鹏城家政服务有限公司", "91350100M000100Y43", "家政")),
            HttpStatusCode.Created);
        Assert.Equal("91350100M000100Y43", created.GetProperty("creditCode").GetString());
        Assert.Equal("HousekeepingAgency", created.GetProperty("kind").GetString());
        Assert.Equal("家政服务机构", created.GetProperty("kindName").GetString());
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/employment/employers", Employer("重复登记公司", "91350100M000100Y43")), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await county.PostAsJsonAsync("/api/employment/employers", Employer("重复登记公司", " 91350100m000100y43 ")), HttpStatusCode.Conflict);
        Assert.Single((await HttpAssert.Json(await county.GetAsync("/api/employment/employers?q=鹏城"))).EnumerateArray());

        // Edits need the version; a stale one is refused; moving onto another employer's code is a conflict.
        var other = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/employers", Employer("成都蓉城电子有限公司", "91512081MA62K0260E", "工厂")),
            HttpStatusCode.Created);
        var id = IdOf(created);
        await FieldError(await county.PutAsJsonAsync($"/api/employment/employers/{id}", Employer("深圳鹏城家政服务有限公司", "91350100M000100Y43")), "version");
        var edited = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/employment/employers/{id}",
            Employer("深圳鹏城家政服务有限公司", "91350100M000100Y43", contactName: "李经理", contactPhone: "0755-12345678", version: VersionOf(created))));
        Assert.Equal("李经理", edited.GetProperty("contactName").GetString());
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/employment/employers/{id}",
            Employer("深圳鹏城家政服务有限公司", "91350100M000100Y43", contactName: "王经理", version: VersionOf(created))), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await county.PutAsJsonAsync($"/api/employment/employers/{IdOf(other)}",
            Employer("成都蓉城电子有限公司", "91350100M000100Y43", "工厂", version: VersionOf(other))), HttpStatusCode.Conflict);
        await HttpAssert.Problem(await (await app.ClientFor("town01")).PostAsJsonAsync("/api/employment/employers", Employer("乡镇登记", "91110000802100433B")),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Employer_staff_see_and_edit_only_their_own_employers_contact_details()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var staff = await app.ClientFor("employer01");
        var list = (await HttpAssert.Json(await staff.GetAsync("/api/employment/employers"))).EnumerateArray().ToList();
        var own = Assert.Single(list);
        Assert.Equal(Jinghe, own.GetProperty("name").GetString());
        var other = await EmployerId(county, Shanghai);
        await Forbidden(await staff.GetAsync($"/api/employment/employers/{other}"), Shanghai);
        await HttpAssert.Json(await staff.GetAsync($"/api/employment/employers/{IdOf(own)}"));

        string code = own.GetProperty("creditCode").GetString()!, kind = own.GetProperty("kind").GetString()!;
        var edited = await HttpAssert.Json(await staff.PutAsJsonAsync($"/api/employment/employers/{IdOf(own)}",
            new { name = Jinghe, creditCode = code, kind, province = "北京市", city = "北京市", address = "朝阳区某路 1 号", contactName = "赵联络", contactPhone = "010-88886666", version = VersionOf(own) }));
        Assert.Equal("赵联络", edited.GetProperty("contactName").GetString());
        Assert.Equal("朝阳区某路 1 号", edited.GetProperty("address").GetString());
        await Refuse(staff.PutAsJsonAsync($"/api/employment/employers/{IdOf(own)}",
            new { name = "京禾改名公司", creditCode = code, kind, contactName = "赵联络", version = VersionOf(edited) }));
        await Refuse(staff.PutAsJsonAsync($"/api/employment/employers/{IdOf(own)}",
            new { name = Jinghe, creditCode = code, kind = "Factory", contactName = "赵联络", version = VersionOf(edited) }));
        var otherView = await HttpAssert.Json(await county.GetAsync($"/api/employment/employers/{other}"));
        await Refuse(staff.PutAsJsonAsync($"/api/employment/employers/{other}",
            new { name = Shanghai, creditCode = otherView.GetProperty("creditCode").GetString(), kind = "HousekeepingAgency", contactName = "冒名", version = VersionOf(otherView) }));
        await Refuse(staff.PostAsJsonAsync("/api/employment/employers", Employer("员工自建公司", NewCreditCode())));
        var after = await HttpAssert.Json(await county.GetAsync($"/api/employment/employers/{IdOf(own)}"));
        Assert.Equal((Jinghe, "HousekeepingAgency"), (after.GetProperty("name").GetString(), after.GetProperty("kind").GetString()));

        // Job orders: for their own employer only.
        var order = await HttpAssert.Json(await staff.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "育婴员 20 名", employerId = IdOf(own), headcount = 20, wageMinFen = 600_000, wageMaxFen = 900_000, deadline = "2027-03-01", city = "北京市" }), HttpStatusCode.Created);
        Assert.Equal("Open", order.GetProperty("status").GetString());
        await Refuse(staff.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "冒名订单", employerId = other, headcount = 5, wageMinFen = 600_000, wageMaxFen = 900_000, deadline = "2027-03-01" }));
        Assert.All((await HttpAssert.Json(await staff.GetAsync("/api/employment/job-orders"))).EnumerateArray(),
            o => Assert.Equal(IdOf(own), o.GetProperty("employerId").GetInt64()));
        await FieldError(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "倒挂工资", employerId = other, headcount = 5, wageMinFen = 900_000, wageMaxFen = 600_000, deadline = "2027-03-01" }), "wageMaxFen");
    }

    static async Task Refuse(Task<HttpResponseMessage> r) => await HttpAssert.Problem(await r, HttpStatusCode.Forbidden);

    static object Agreement(string title, string start, string end, int quota, object benefits, object? status = null) =>
        new { title, partnerName = "北京市大兴区人力资源和社会保障局", partnerProvince = "北京市", partnerCity = "北京市", startDate = start, endDate = end,
            quotaPerYear = quota, benefits, status = status ?? "Active" };

    [Fact]
    public async Task An_agreements_progress_counts_this_years_placements_under_it_against_the_quota()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        await FieldError(await county.PostAsJsonAsync("/api/employment/agreements", Agreement("倒签协议", "2026-12-31", "2026-01-01", 10, "FreeBoardLodging")), "endDate");
        await HttpAssert.Problem(await (await app.ClientFor("town01")).PostAsJsonAsync("/api/employment/agreements",
            Agreement("乡镇协议", "2026-01-01", "2027-12-31", 10, "FreeBoardLodging")), HttpStatusCode.Forbidden);
        var a = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/agreements",
            Agreement("京豫劳务协作协议", "2025-01-01", "2027-12-31", 4, "FreeBoardLodging", "履行中")), HttpStatusCode.Created);
        Assert.Equal("Active", a.GetProperty("status").GetString());
        Assert.True(a.GetProperty("inForce").GetBoolean());
        Assert.Equal((0, 0m), (a.GetProperty("placedThisYear").GetInt32(), a.GetProperty("progress").GetDecimal()));

        var id = IdOf(a);
        foreach (var (name, start) in new[] { ("协议输送甲", "2026-03-01"), ("协议输送乙", "2026-11-20"), ("去年输送丙", "2025-12-20") })
        {
            var (person, _) = await NewPerson(county, name);
            await Place(county, person, start, agreementId: id);
        }
        var (unlinked, _) = await NewPerson(county, "不在协议内");
        await Place(county, unlinked, "2026-05-01");
        var now = await HttpAssert.Json(await county.GetAsync($"/api/employment/agreements/{id}"));
        Assert.Equal(2, now.GetProperty("placedThisYear").GetInt32());
        Assert.Equal(50.0m, now.GetProperty("progress").GetDecimal());
        Assert.Equal(3, (await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?agreementId={id}"))).GetProperty("total").GetInt32());
        // Readers of employment see it too.
        var mine = Assert.Single((await HttpAssert.Json(await (await app.ClientFor("town01")).GetAsync("/api/employment/agreements"))).EnumerateArray(), x => IdOf(x) == id);
        Assert.Equal(50.0m, mine.GetProperty("progress").GetDecimal());
    }

    [Fact]
    public async Task An_agreement_lists_several_benefits_given_by_name_or_as_a_number()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var a = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/agreements",
            Agreement("沪豫家政协作协议", "2026-01-01", "2026-12-31", 30, "FreeBoardLodging, GuaranteedJob")), HttpStatusCode.Created);
        Assert.Equal(["免费食宿", "保证就业"], a.GetProperty("benefitNames").EnumerateArray().Select(x => x.GetString()));
        var b = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/agreements",
            Agreement("沪豫足疗协作协议", "2026-01-01", "2026-12-31", 30, 1 | 16)), HttpStatusCode.Created);
        Assert.Equal(["免费食宿", "社会保险"], b.GetProperty("benefitNames").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task A_job_order_opens_one_order_class_whose_passed_trainees_are_offered_until_placed()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var jinghe = await EmployerId(county, Jinghe);
        var order = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "京禾育婴员订单 3 名", employerId = jinghe, headcount = 3, wageMinFen = 600_000, wageMaxFen = 800_000, deadline = "2027-01-31", city = "北京市" }),
            HttpStatusCode.Created);
        var orderId = IdOf(order);
        Assert.Empty((await HttpAssert.Json(await county.GetAsync($"/api/employment/job-orders/{orderId}/candidates"))).EnumerateArray());

        var school = await SchoolId(app);
        var cls = await HttpAssert.Json(await county.PostAsJsonAsync($"/api/employment/job-orders/{orderId}/class",
            ClassBody("京禾订单育婴员班", school, "2026-10-05", "2026-10-23")), HttpStatusCode.Created);
        var classId = IdOf(cls);
        Assert.Equal("Order", cls.GetProperty("kind").GetString());
        Assert.Equal(jinghe, cls.GetProperty("employerId").GetInt64());
        Assert.Equal(classId, (await HttpAssert.Json(await county.GetAsync($"/api/employment/job-orders/{orderId}"))).GetProperty("classId").GetInt64());
        await Refused(await county.PostAsJsonAsync($"/api/employment/job-orders/{orderId}/class", ClassBody("第二个订单班", school, "2026-10-05", "2026-10-23")),
            HttpStatusCode.Conflict, "job_order.has_class");

        // Run the class: three trainees, one fails the assessment.
        var people = new List<(long EnrolmentId, string IdNumber)>();
        foreach (var name in new[] { "订单学员甲", "订单学员乙", "订单学员丙" }) people.Add(await NewTrainee(county, classId, name));
        var sessions = new List<long>();
        foreach (var d in new[] { "2026-10-05", "2026-10-07", "2026-10-09" }) sessions.Add(await AddSession(county, classId, d));
        await Advance(county, classId, "submit", "approve", "start");
        foreach (var s in sessions)
            await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/sessions/{s}/attendance", new { allPresent = true, absent = Array.Empty<long>() }));
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/training/classes/{classId}/results",
            new { results = people.Select((p, i) => new { enrolmentId = p.EnrolmentId, passed = i != 2, score = i == 2 ? 40 : 88 }).ToArray() }));
        await Advance(county, classId, "complete");

        var candidates = (await HttpAssert.Json(await county.GetAsync($"/api/employment/job-orders/{orderId}/candidates"))).EnumerateArray().ToList();
        Assert.Equal(["订单学员乙", "订单学员甲"], candidates.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain(people[0].IdNumber, candidates.Select(c => c.GetProperty("idNumber").GetString()));
        var placedId = candidates.Single(c => c.GetProperty("name").GetString() == "订单学员甲").GetProperty("personId").GetInt64();
        await HttpAssert.Json(await TryPlace(county, Body(placedId, "2026-11-16", jinghe, classId: classId, jobOrderId: orderId)), HttpStatusCode.Created);

        var left = (await HttpAssert.Json(await county.GetAsync($"/api/employment/job-orders/{orderId}/candidates"))).EnumerateArray();
        Assert.Equal(["订单学员乙"], left.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(1, (await HttpAssert.Json(await county.GetAsync($"/api/employment/job-orders/{orderId}"))).GetProperty("placed").GetInt32());
        // The employer sees its own order's candidates; another employer's order is not theirs.
        var staff = await app.ClientFor("employer01");
        Assert.Single((await HttpAssert.Json(await staff.GetAsync($"/api/employment/job-orders/{orderId}/candidates"))).EnumerateArray());
        var shanghaiOrder = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/job-orders",
            new { title = "母婴护理员 10 名", employerId = await EmployerId(county, Shanghai), headcount = 10, wageMinFen = 700_000, wageMaxFen = 900_000, deadline = "2027-01-31" }),
            HttpStatusCode.Created);
        await HttpAssert.Problem(await staff.GetAsync($"/api/employment/job-orders/{IdOf(shanghaiOrder)}/candidates"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await staff.PostAsJsonAsync($"/api/employment/job-orders/{IdOf(shanghaiOrder)}/class", ClassBody("越权开班", school)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_labour_base_counts_this_years_placements_in_its_city_not_next_years()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        await HttpAssert.Problem(await (await app.ClientFor("town01")).PostAsJsonAsync("/api/employment/bases",
            new { name = "乡镇基地", province = "江苏省", city = "苏州市" }), HttpStatusCode.Forbidden);
        await FieldError(await county.PostAsJsonAsync("/api/employment/bases", new { name = "无城市基地", province = "江苏省", city = "" }), "city");
        var b = await HttpAssert.Json(await county.PostAsJsonAsync("/api/employment/bases",
            new { name = "苏州劳务协作工作站", province = "江苏省", city = "苏州市", contactName = "孙站长", contactPhone = "0512-66668888" }), HttpStatusCode.Created);
        Assert.Equal(0, b.GetProperty("placedThisYear").GetInt32());
        foreach (var (name, start) in new[] { ("苏州今年甲", "2026-04-01"), ("苏州今年乙", "2026-11-16"), ("苏州去年", "2025-08-01"), ("苏州明年", "2027-01-20") })
        {
            var (person, _) = await NewPerson(county, name);
            await Place(county, person, start, city: "苏州市");
        }
        var bases = (await HttpAssert.Json(await county.GetAsync("/api/employment/bases"))).EnumerateArray();
        Assert.Equal(2, Assert.Single(bases, x => IdOf(x) == IdOf(b)).GetProperty("placedThisYear").GetInt32());
    }
}

public sealed class EmploymentEmployerAndOrderTests_Sqlite(ClockedSqliteApp app) : EmploymentEmployerAndOrderTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentEmployerAndOrderTests_Postgres(ClockedPostgresApp app) : EmploymentEmployerAndOrderTests(app), IClassFixture<ClockedPostgresApp>;
