using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>Follow-ups are scheduled 1, 3, 6 and 12 months after the start, age with the county's calendar, and stop when the job ends.</summary>
public abstract class EmploymentFollowUpScheduleTests(ClockedApp app)
{
    [Fact]
    public async Task Follow_ups_fall_one_three_six_and_twelve_months_after_the_start_and_turn_due_a_week_ahead_then_overdue()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "回访排期");
        var r = await TryPlace(county, Body(person, "2026-06-15", await EmployerId(county, Jinghe)));
        var placed = await HttpAssert.Json(r, HttpStatusCode.Created);
        var id = IdOf(placed);
        Assert.EndsWith($"/api/employment/placements/{id}", r.Headers.Location!.ToString());
        Assert.Equal(Jinghe, placed.GetProperty("employerName").GetString());
        Assert.Equal([(1, "2026-07-15", "Overdue"), (3, "2026-09-15", "Overdue"), (6, "2026-12-15", "Upcoming"), (12, "2027-06-15", "Upcoming")], Checks(placed));
        Assert.Equal("已逾期", Check(placed, 1).GetProperty("stateName").GetString());

        var overdue = await WorkList(county, "overdue", $"&placementId={id}");
        Assert.Equal((2, 0), Counts(overdue));
        Assert.Equal(["2026-07-15", "2026-09-15"], Items(overdue).Select(i => i.GetProperty("dueOn").GetString()));
        Assert.Equal([138, 76], Items(overdue).Select(i => i.GetProperty("daysOverdue").GetInt32()));
        Assert.Equal(2, Items(await WorkList(county, "open", $"&placementId={id}")).Count);
        Assert.Equal(["2026-12-15", "2027-06-15"], Items(await WorkList(county, "upcoming", $"&placementId={id}")).Select(i => i.GetProperty("dueOn").GetString()));
        Assert.Equal(4, (await WorkList(county, "all", $"&placementId={id}")).GetProperty("total").GetInt32());
        try
        {
            // 2026-12-07: the 6-month check (12-15) is eight days off, still upcoming.
            app.Clock.SetLocal(new DateOnly(2026, 12, 7));
            county = await app.ClientFor("county");
            Assert.Equal((2, 0), Counts(await WorkList(county, "open", $"&placementId={id}")));
            Assert.Equal("Upcoming", Check(await GetPlacement(county, id), 6).GetProperty("state").GetString());
            // 2026-12-10: within a week, so due; the open list shows it after the two overdue ones.
            app.Clock.SetLocal(new DateOnly(2026, 12, 10));
            county = await app.ClientFor("county");
            var open = await WorkList(county, "open", $"&placementId={id}");
            Assert.Equal((2, 1), Counts(open));
            Assert.Equal([1, 3, 6], Items(open).Select(i => i.GetProperty("months").GetInt32()));
            Assert.Equal("Due", Items(open)[2].GetProperty("state").GetString());
            Assert.Equal(["2026-12-15"], Items(await WorkList(county, "due", $"&placementId={id}")).Select(i => i.GetProperty("dueOn").GetString()));
            // 2026-12-16: the day has passed.
            app.Clock.SetLocal(new DateOnly(2026, 12, 16));
            county = await app.ClientFor("county");
            Assert.Equal((3, 0), Counts(await WorkList(county, "open", $"&placementId={id}")));
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task A_follow_up_due_today_is_due_not_overdue_and_month_ends_are_kept()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "月末上岗");
        var placed = await Place(county, person, "2026-08-31");
        Assert.Equal([(1, "2026-09-30", "Overdue"), (3, "2026-11-30", "Due"), (6, "2027-02-28", "Upcoming"), (12, "2027-08-31", "Upcoming")], Checks(placed));
        var due = Assert.Single(Items(await WorkList(county, "due", $"&placementId={IdOf(placed)}")));
        Assert.Equal(0, due.GetProperty("daysOverdue").GetInt32());
    }

    [Fact]
    public async Task Ending_a_placement_cancels_the_follow_ups_due_after_the_end_and_keeps_the_earlier_ones()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "中途返乡");
        var id = IdOf(await Place(county, person, "2026-06-15", await EmployerId(county, Jinghe)));

        await Refused(await End(county, id, "2026-12-01"), HttpStatusCode.BadRequest, "placement.end_in_future");
        await Refused(await End(county, id, "2026-06-01"), HttpStatusCode.BadRequest, "placement.end_before_start");
        var ended = await HttpAssert.Json(await End(county, id, "2026-10-01"));
        Assert.False(ended.GetProperty("active").GetBoolean());
        Assert.Equal("2026-10-01", ended.GetProperty("endedOn").GetString());
        Assert.Equal("返乡照顾老人", ended.GetProperty("endReason").GetString());
        Assert.Equal([(1, "2026-07-15", "Overdue"), (3, "2026-09-15", "Overdue"), (6, "2026-12-15", "Cancelled"), (12, "2027-06-15", "Cancelled")], Checks(ended));
        Assert.Equal("已取消", Check(ended, 6).GetProperty("stateName").GetString());
        Assert.Equal(2, (await WorkList(county, "all", $"&placementId={id}")).GetProperty("total").GetInt32());
        Assert.Empty(Items(await WorkList(county, "upcoming", $"&placementId={id}")));

        await Refused(await End(county, id, "2026-10-02"), HttpStatusCode.Conflict, "placement.ended");
        // A cancelled follow-up cannot be recorded any more.
        var cancelled = Check(ended, 6).GetProperty("id").GetInt64();
        await Refused(await Record(county, cancelled, new { stillEmployed = false }), HttpStatusCode.BadRequest, "followup.cancelled");

        var ledger = await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={person}&active=false"));
        Assert.Equal(id, IdOf(Assert.Single(ledger.GetProperty("items").EnumerateArray())));
        // Once ended, the person can take a new job.
        var next = await Place(county, person, "2026-10-20");
        Assert.Equal(["2026-11-20", "2027-01-20", "2027-04-20", "2027-10-20"], Checks(next).Select(c => c.DueOn));
    }

    [Fact]
    public async Task Correcting_the_start_date_moves_the_follow_ups_not_yet_done()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "改上岗日");
        var placed = await Place(county, person, "2026-06-15");
        var id = IdOf(placed);
        await HttpAssert.Json(await Record(county, Check(placed, 1).GetProperty("id").GetInt64(),
            new { doneOn = "2026-07-16", stillEmployed = true, sameEmployer = true, wageFen = 650_000 }));
        var v1 = VersionOf(await GetPlacement(county, id));
        var moved = await HttpAssert.Json(await county.PutAsJsonAsync($"/api/employment/placements/{id}",
            Body(person, "2026-07-01", employerName: "自找单位（个体）", version: v1)));
        Assert.Equal([(1, "2026-07-15", "Done"), (3, "2026-10-01", "Overdue"), (6, "2027-01-01", "Upcoming"), (12, "2027-07-01", "Upcoming")], Checks(moved));
        Assert.Equal("2026-07-16", Check(moved, 1).GetProperty("doneOn").GetString());
    }


    [Fact]
    public async Task A_follow_up_cannot_be_dated_before_the_worker_started()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "回访早于上岗");
        var placed = await Place(county, person, "2026-06-15");
        var first = Check(placed, 1).GetProperty("id").GetInt64();
        var r = await Record(county, first, new { doneOn = "2026-05-01", stillEmployed = true, sameEmployer = true, wageFen = 600_000 });
        await FieldError(r, "doneOn");
        Assert.Equal("Overdue", Check(await GetPlacement(county, IdOf(placed)), 1).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Just_after_midnight_in_the_county_today_is_the_county_day()
    {
        var county = await app.ClientFor("county");
        var (person, _) = await NewPerson(county, "午夜离职");
        var placed = await Place(county, person, "2026-11-02");
        try
        {
            // 2026-12-01 00:30 in the county is still 2026-11-30 in UTC.
            app.Clock.Set(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(8)));
            county = await app.ClientFor("county");
            var check = await HttpAssert.Json(await Record(county, Check(placed, 1).GetProperty("id").GetInt64(), new { stillEmployed = true, wageFen = 500_000 }));
            Assert.Equal("2026-12-01", check.GetProperty("doneOn").GetString());
            var ended = await HttpAssert.Json(await End(county, IdOf(placed), "2026-12-01"));
            Assert.Equal("2026-12-01", ended.GetProperty("endedOn").GetString());
        }
        finally { app.ResetClock(); }
    }
}

public sealed class EmploymentFollowUpScheduleTests_Sqlite(ClockedSqliteApp app) : EmploymentFollowUpScheduleTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentFollowUpScheduleTests_Postgres(ClockedPostgresApp app) : EmploymentFollowUpScheduleTests(app), IClassFixture<ClockedPostgresApp>;
