using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Dashboard;

/// <summary>GET /api/dashboard: the figures of the leaders' dashboard and the screen, computed from the records at each request,
/// the same as the indicator engine gives them, scoped to the caller, with targets from the year's issued plan.</summary>
public abstract partial class DashboardTests(ClockedApp app)
{
    const string Period = "from=2026-01-01&to=2026-11-30";

    static async Task<JsonElement> Dashboard(HttpClient c, string query = "") => await HttpAssert.Json(await c.GetAsync("/api/dashboard" + query));

    static JsonElement Kpi(JsonElement d, string key) => Assert.Single(d.GetProperty("kpis").EnumerateArray(), k => k.GetProperty("key").GetString() == key);

    static decimal Value(JsonElement e) => e.GetProperty("value").ValueKind == JsonValueKind.Null ? -1 : e.GetProperty("value").GetDecimal();

    static List<JsonElement> Rows(JsonElement d, string breakdown, string key) =>
        Assert.Single(d.GetProperty("breakdowns").GetProperty(breakdown).EnumerateArray(), s => s.GetProperty("key").GetString() == key)
            .GetProperty("rows").EnumerateArray().ToList();

    static decimal Row(JsonElement d, string breakdown, string key, string code) =>
        Rows(d, breakdown, key).Where(r => r.GetProperty("code").GetString() == code).Select(Value).DefaultIfEmpty(0).Single();

    [Fact]
    public async Task The_county_cards_equal_the_indicator_figures_of_the_same_period()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var d = await Dashboard(county);
        Assert.Equal(2026, d.GetProperty("year").GetInt32());
        Assert.Equal(("2026-01-01", "2026-11-30"), (d.GetProperty("from").GetString(), d.GetProperty("to").GetString()));
        Assert.Equal("禾丰县", d.GetProperty("areaName").GetString());
        Assert.InRange(d.GetProperty("asOf").GetDateTime(), app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), app.Clock.GetUtcNow().UtcDateTime);
        var keys = d.GetProperty("kpis").EnumerateArray().Select(k => k.GetProperty("key").GetString()!).ToList();
        Assert.Equal(["training.person_times", "training.subsidised", "certificates.people", "labour.new_transfers", "labour.transferred", "brands.output",
            "followups.on_time_rate", "subsidies.paid_fen"], keys);
        foreach (var key in keys)
        {
            var v = await HttpAssert.Json(await county.GetAsync($"/api/indicators/{key}/values?{Period}"));
            var total = v.GetProperty("total");
            Assert.True(Value(total) == Value(Kpi(d, key)), $"{key}: indicator {total} but dashboard {Kpi(d, key)}");
            Assert.Equal(total.GetProperty("denominator").ToString(), Kpi(d, key).GetProperty("denominator").ToString());
        }
        // The demo county has trained people and placed them this year: the figures compared above are not all zero.
        Assert.True(Value(Kpi(d, "training.person_times")) > 0 && Value(Kpi(d, "labour.new_transfers")) > 0);

        // A count adds up over its months and its townships; the months after today are empty, last year has twelve.
        var trend = d.GetProperty("trends").GetProperty("training.person_times");
        var months = trend.GetProperty("thisYear").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(JsonValueKind.Null, months[11].ValueKind);
        Assert.Equal(Value(Kpi(d, "training.person_times")), months.Take(11).Sum(m => m.GetDecimal()));
        Assert.Equal(12, trend.GetProperty("lastYear").EnumerateArray().Count(m => m.ValueKind == JsonValueKind.Number));
        Assert.Equal(Value(Kpi(d, "training.person_times")), Rows(d, "township", "training.person_times").Sum(Value));
        Assert.Equal(Value(Kpi(d, "training.person_times")), Rows(d, "classKind", "training.person_times").Sum(Value));
        // Every township is on the township chart, in code order, with the same groups for both series.
        var towns = Rows(d, "township", "labour.new_transfers").Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Contains(Town01, towns);
        Assert.Equal(towns.Order(StringComparer.Ordinal), towns);
        Assert.Equal(towns, Rows(d, "township", "training.person_times").Select(r => r.GetProperty("code").GetString()));
        Assert.InRange(Rows(d, "occupation", "training.person_times").Count, 1, 10);
        // A past year runs to its 31 December; a year to come is refused.
        var last = await Dashboard(county, "?year=2025");
        Assert.Equal(("2025-01-01", "2025-12-31"), (last.GetProperty("from").GetString(), last.GetProperty("to").GetString()));
        await Refused(await county.GetAsync("/api/dashboard?year=2027"), HttpStatusCode.BadRequest, "dashboard.year_invalid");
        // The home page's summary is still there.
        Assert.True((await HttpAssert.Json(await county.GetAsync("/api/dashboard/summary"))).GetProperty("people").GetInt32() > 0);
    }

    [Fact]
    public async Task A_placement_recorded_through_the_api_moves_new_transfers_by_one_on_the_next_request()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var before = await Dashboard(county);
        var (personId, idNumber) = await NewPerson(county, "看板新就业者");
        await Place(county, personId, "2026-11-30", await EmployerId(county, Jinghe));

        var after = await Dashboard(county);
        Assert.Equal(Value(Kpi(before, "labour.new_transfers")) + 1, Value(Kpi(after, "labour.new_transfers")));
        Assert.Equal(Value(Kpi(before, "labour.transferred")) + 1, Value(Kpi(after, "labour.transferred")));
        Assert.Equal(Row(before, "township", "labour.new_transfers", Town01) + 1, Row(after, "township", "labour.new_transfers", Town01));
        Assert.Equal(Row(before, "band", "labour.new_transfers", "outside") + 1, Row(after, "band", "labour.new_transfers", "outside"));
        var november = after.GetProperty("trends").GetProperty("labour.new_transfers").GetProperty("thisYear")[10].GetDecimal();
        Assert.Equal(before.GetProperty("trends").GetProperty("labour.new_transfers").GetProperty("thisYear")[10].GetDecimal() + 1, november);
        Assert.Equal(await MonthFigure(county, "labour.new_transfers", "2026-11"), november);
        // The screen's list of recent placements shows the newest first, the name masked, and no ID number.
        var recent = after.GetProperty("recentPlacements");
        Assert.Equal("看****者", recent[0].GetProperty("name").GetString());
        Assert.Equal("青石镇", recent[0].GetProperty("township").GetString());
        var text = after.ToString();
        Assert.DoesNotContain(idNumber, text);
        Assert.DoesNotContain("看板新就业者", text);
        Assert.False(IdRun().IsMatch(text), "a full ID number is in the dashboard");
    }

    static async Task<decimal> MonthFigure(HttpClient c, string key, string month)
    {
        var v = await HttpAssert.Json(await c.GetAsync($"/api/indicators/{key}/values?{Period}&by=month"));
        return v.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("code").GetString() == month).Select(Value).DefaultIfEmpty(0).Single();
    }

    [Fact]
    public async Task A_township_officer_gets_their_own_township_only()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var whole = await Dashboard(county);
        var mine = await Dashboard(town);
        Assert.Equal(Town01, mine.GetProperty("area").GetString());
        Assert.Equal("青石镇", mine.GetProperty("areaName").GetString());
        foreach (var key in new[] { "training.person_times", "labour.new_transfers" })
        {
            Assert.Equal(Row(whole, "township", key, Town01), Value(Kpi(mine, key)));
            Assert.Equal([Town01], Rows(mine, "township", key).Select(r => r.GetProperty("code").GetString()));
        }
        Assert.True(Value(Kpi(mine, "labour.new_transfers")) < Value(Kpi(whole, "labour.new_transfers")));
        Assert.Equal([Town01], mine.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.All(mine.GetProperty("recentPlacements").EnumerateArray(), p => Assert.Equal("青石镇", p.GetProperty("township").GetString()));
        // The same figures as the county asking for the township; the officer asking for the county gets the township.
        var asked = await Dashboard(county, $"?area={Town01}");
        Assert.Equal(mine.GetProperty("kpis").ToString(), asked.GetProperty("kpis").ToString());
        Assert.Equal(mine.GetProperty("kpis").ToString(), (await Dashboard(town, "?area=419921")).GetProperty("kpis").ToString());
        Assert.Equal(Town01, (await Dashboard(town, "?area=419921")).GetProperty("area").GetString());
        await Refused(await town.GetAsync("/api/dashboard?area=419921205"), HttpStatusCode.Forbidden, "area.out_of_scope");
        // Open work as the rest of the app scopes it: classes and claims are not a township officer's; follow-ups are theirs only.
        var work = mine.GetProperty("openWork");
        Assert.Equal(0, work.GetProperty("classesAwaitingApproval").GetInt32());
        Assert.Equal(0, work.GetProperty("claimsInReview").GetInt32());
        var overdue = (await WorkList(town, "overdue")).GetProperty("total").GetInt32();
        Assert.Equal(overdue, work.GetProperty("overdueFollowUps").GetInt32());
        Assert.Equal((await WorkList(county, "overdue")).GetProperty("total").GetInt32(), whole.GetProperty("openWork").GetProperty("overdueFollowUps").GetInt32());
        Assert.True(whole.GetProperty("openWork").GetProperty("overdueFollowUps").GetInt32() > overdue);
        // Institution and employer staff have no dashboard.
        foreach (var user in new[] { "school01", "employer01" })
            await Refused(await (await app.ClientFor(user)).GetAsync("/api/dashboard"), HttpStatusCode.Forbidden, "permission.denied");
    }

    [Fact]
    public async Task The_records_behind_a_bar_add_up_to_the_bar()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var d = await Dashboard(county);
        var checks = new List<(string Breakdown, string By, string Key)>
        {
            ("township", "township", "labour.new_transfers"), ("township", "township", "training.person_times"), ("band", "band", "labour.new_transfers"),
            ("classKind", "classKind", "training.person_times"), ("targetGroup", "targetGroup", "labour.new_transfers"), ("occupation", "occupation", "training.person_times"),
        };
        foreach (var (breakdown, by, key) in checks)
        {
            var bars = Rows(d, breakdown, key).Where(r => Value(r) > 0).ToList();
            Assert.NotEmpty(bars);
            foreach (var bar in bars.Take(3))
            {
                var code = bar.GetProperty("code").GetString();
                var list = await HttpAssert.Json(await county.GetAsync($"/api/indicators/{key}/records?{Period}&by={by}&group={code}&pageSize=500"));
                Assert.True(Value(bar) == list.GetProperty("total").GetInt64(), $"{key} by {by} = {code}: bar {Value(bar)}, records {list.GetProperty("total")}");
                Assert.Equal(list.GetProperty("total").GetInt64(), list.GetProperty("items").GetArrayLength());
            }
        }
        // And a card's records add up to the card.
        var card = await HttpAssert.Json(await county.GetAsync($"/api/indicators/labour.new_transfers/records?{Period}&pageSize=1"));
        Assert.Equal(Value(Kpi(d, "labour.new_transfers")), card.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Targets_and_progress_come_from_the_issued_plan_of_the_year()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        // Without the demo's plan first: no target, and the ranking by new transfers.
        await using (var scope = app.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            db.Plans.RemoveRange(await db.Plans.ToListAsync());
            await db.SaveChangesAsync();
        }
        Assert.Equal(JsonValueKind.Null, Kpi(await Dashboard(county), "labour.new_transfers").GetProperty("target").ValueKind);
        Assert.Equal("newTransfers", (await Dashboard(county)).GetProperty("rankingBasis").GetString());
        long planId, draftId;
        await using (var scope = app.Scope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plan = new Plan { Year = 2026, Title = "2026年就业技能工作目标任务", CreatedBy = "county", CreatedUtc = now };
            Assert.Null(plan.Change(plan.Title, [
                new PlanItem { IndicatorKey = "labour.new_transfers", Target = 200, Points = 10,
                    Splits = [new(SplitKind.Township, Town01, 20), new(SplitKind.Township, "419921102", 180)] },
                new PlanItem { IndicatorKey = "training.person_times", Target = 400, Points = 10,
                    Splits = [new(SplitKind.Township, Town01, 40), new(SplitKind.Township, "419921102", 360)] },
            ], null, "county", now));
            Assert.Null(plan.Issue("county", now));
            // A draft of the same year's targets does not count.
            var draft = new Plan { Year = 2026, Title = "草稿", CreatedBy = "county", CreatedUtc = now };
            draft.Change(draft.Title, [new PlanItem { IndicatorKey = "certificates.people", Target = 999 }], null, "county", now);
            db.Plans.AddRange(plan, draft);
            await db.SaveChangesAsync();
            (planId, draftId) = (plan.Id, draft.Id);
        }
        try
        {
            var d = await Dashboard(county);
            Assert.Equal(planId, d.GetProperty("planId").GetInt64());
            var card = Kpi(d, "labour.new_transfers");
            Assert.Equal(200, card.GetProperty("target").GetDecimal());
            Assert.Equal(Math.Round(100m * Value(card) / 200, 1), card.GetProperty("progress").GetDecimal());
            Assert.Equal(JsonValueKind.Null, Kpi(d, "certificates.people").GetProperty("target").ValueKind);

            // A township's card carries its split; the ranking averages actual ÷ township target over the plan's items.
            var mine = await Dashboard(town);
            Assert.Equal(20, Kpi(mine, "labour.new_transfers").GetProperty("target").GetDecimal());
            Assert.Equal(40, Kpi(mine, "training.person_times").GetProperty("target").GetDecimal());
            Assert.Equal("plan", d.GetProperty("rankingBasis").GetString());
            var rank = Assert.Single(d.GetProperty("ranking").EnumerateArray(), r => r.GetProperty("code").GetString() == Town01);
            var expected = Math.Round((Math.Round(100m * Row(d, "township", "labour.new_transfers", Town01) / 20, 1)
                + Math.Round(100m * Row(d, "township", "training.person_times", Town01) / 40, 1)) / 2, 1);
            Assert.Equal(expected, rank.GetProperty("progress").GetDecimal());
            Assert.Equal(2, rank.GetProperty("items").GetInt32());
            // Townships without a split come after those with one.
            var order = d.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("progress").ValueKind == JsonValueKind.Null).ToList();
            Assert.Equal(order.OrderBy(x => x), order);
            Assert.Equal(2, order.Count(x => !x));
        }
        finally
        {
            await using var scope = app.Scope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await db.Plans.Where(p => p.Id == planId || p.Id == draftId).ExecuteDeleteAsync();
        }
    }

    [GeneratedRegex(@"\d{17}[\dX]")]
    private static partial Regex IdRun();
}

public sealed class DashboardTests_Sqlite(ClockedSqliteApp app) : DashboardTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class DashboardTests_Postgres(ClockedPostgresApp app) : DashboardTests(app), IClassFixture<ClockedPostgresApp>;
