using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Employment;

/// <summary>The township officer's follow-up work list: their own people only, oldest first, and a record done leaves it.</summary>
public abstract class EmploymentTownshipWorkListTests(ClockedApp app)
{
    [Fact]
    public async Task A_township_officer_works_through_their_own_townships_overdue_follow_ups_only()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        // The demo township already has follow-ups to do: everything below is counted on top of them.
        var (baseOverdue, baseDue) = Counts(await WorkList(town));
        var baseAll = Items(await WorkList(county, "open", "&pageSize=500")).Count;
        var baseDone = Items(await WorkList(town, "done", "&pageSize=500")).Count;
        var (mine, mineId) = await NewPerson(county, "青石镇务工者");
        var (other, otherId) = await NewPerson(county, "外镇务工者", OtherVillage);
        var minePlacement = IdOf(await Place(county, mine, "2026-06-15", await EmployerId(county, Jinghe)));
        var otherPlacement = IdOf(await Place(county, other, "2026-06-15", await EmployerId(county, Shanghai), city: "上海市"));

        // County staff see both people's overdue follow-ups.
        var all = await WorkList(county, "open", $"&township={Town01}");
        Assert.Equal((baseOverdue + 2, baseDue), Counts(all));
        Assert.Equal(baseAll + 4, Items(await WorkList(county, "open", "&pageSize=500")).Count);

        var list = await WorkList(town, "open", "&pageSize=500");
        Assert.Equal((baseOverdue + 2, baseDue), Counts(list));
        Assert.All(Items(list), i => Assert.Equal("青石镇", i.GetProperty("townshipName").GetString()));
        var items = Items(list).Where(i => i.GetProperty("name").GetString() == "青石镇务工者").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("青石镇务工者", i.GetProperty("name").GetString()));
        Assert.All(items, i => Assert.Equal("青石镇", i.GetProperty("townshipName").GetString()));
        Assert.Equal(["2026-07-15", "2026-09-15"], items.Select(i => i.GetProperty("dueOn").GetString()));
        Assert.DoesNotContain(mineId, list.ToString()); // the ID number is masked
        Assert.Empty(Items(await WorkList(town, "all", "&township=419921205")));
        var whole = (await WorkList(town, "all")).ToString();
        Assert.DoesNotContain("外镇务工者", whole);

        // Recording the oldest one takes it off the open list.
        var first = items[0].GetProperty("id").GetInt64();
        var done = await HttpAssert.Json(await Record(town, first,
            new { doneOn = "2026-11-28", stillEmployed = true, sameEmployer = true, wageFen = 680_000, notes = "电话回访，工作稳定" }));
        Assert.Equal("Done", done.GetProperty("state").GetString());
        Assert.Equal("town01", done.GetProperty("recordedBy").GetString());
        Assert.False(done.GetProperty("byEmployer").GetBoolean());
        var after = await WorkList(town, "open", "&pageSize=500");
        Assert.Equal((baseOverdue + 1, baseDue), Counts(after));
        Assert.Equal(["2026-09-15"], Items(after).Where(i => i.GetProperty("name").GetString() == "青石镇务工者").Select(i => i.GetProperty("dueOn").GetString()));
        var history = Items(await WorkList(town, "done", "&pageSize=500"));
        Assert.Equal(baseDone + 1, history.Count);
        Assert.Equal(680_000, Assert.Single(history, h => h.GetProperty("id").GetInt64() == first).GetProperty("wageFen").GetInt64());

        // Recording it again needs the version (a correction); without it, the officer is told it is done.
        await Refused(await Record(town, first, new { stillEmployed = true, wageFen = 690_000 }), HttpStatusCode.Conflict, "followup.done");
        var corrected = await HttpAssert.Json(await Record(town, first,
            new { doneOn = "2026-11-28", stillEmployed = true, sameEmployer = true, wageFen = 690_000, version = done.GetProperty("version").GetGuid() }));
        Assert.Equal(690_000, corrected.GetProperty("wageFen").GetInt64());
        await HttpAssert.Problem(await Record(town, first, new { stillEmployed = true, wageFen = 1, version = done.GetProperty("version").GetGuid() }), HttpStatusCode.Conflict);
        // A record dated in the future is refused.
        await Refused(await Record(town, items[1].GetProperty("id").GetInt64(), new { doneOn = "2026-12-01", stillEmployed = true }),
            HttpStatusCode.BadRequest, "followup.in_future");

        // The other township's person is invisible: no placement, no follow-up, no record, nothing in the refusal.
        await Forbidden(await town.GetAsync($"/api/employment/placements/{otherPlacement}"), "外镇务工者", otherId, otherId[^4..]);
        var placements = await HttpAssert.Json(await town.GetAsync("/api/employment/placements"));
        var ids = placements.GetProperty("items").EnumerateArray().Select(IdOf).ToList();
        Assert.Contains(minePlacement, ids);
        Assert.DoesNotContain(otherPlacement, ids);
        Assert.DoesNotContain("外镇务工者", placements.ToString());
        var theirs = Check(await GetPlacement(county, otherPlacement), 1).GetProperty("id").GetInt64();
        await Forbidden(await Record(town, theirs, new { stillEmployed = true }), "外镇务工者");
        await Forbidden(await End(town, otherPlacement, "2026-11-01"), "外镇务工者");
        Assert.True((await GetPlacement(county, otherPlacement)).GetProperty("active").GetBoolean());
        Assert.Equal("Overdue", Check(await GetPlacement(county, otherPlacement), 1).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_township_officer_places_only_their_own_people_and_a_viewer_cannot_record()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var town = await app.ClientFor("town01");
        var (mine, _) = await NewPerson(county, "本镇新上岗");
        var (other, otherId) = await NewPerson(county, "他镇新上岗", OtherVillage);

        var placed = await HttpAssert.Json(await TryPlace(town, Body(mine, "2026-11-20", employerName: "禾丰县某电子厂", band: "县内", city: "禾丰县")),
            HttpStatusCode.Created);
        Assert.Equal("InCounty", placed.GetProperty("band").GetString());
        Assert.Equal("县内", placed.GetProperty("bandFolded").GetString());
        Assert.Equal("青石镇", placed.GetProperty("townshipName").GetString());
        // Another township's person is not in the ledger for this officer: the answer of an unknown id or ID number, word for word.
        var byId = await HttpAssert.SameAnswer(await TryPlace(town, Body(987_654_321, "2026-11-20", employerName: "禾丰县某电子厂")),
            await TryPlace(town, Body(other, "2026-11-20", employerName: "禾丰县某电子厂")));
        Assert.Equal("person.not_in_ledger", byId.GetProperty("code").GetString());
        var byIdNumber = await HttpAssert.SameAnswer(await TryPlace(town, Body(null, "2026-11-20", employerName: "禾丰县某电子厂", idNumber: Ids.New())),
            await TryPlace(town, Body(null, "2026-11-20", employerName: "禾丰县某电子厂", idNumber: otherId)));
        Assert.DoesNotContain("他镇新上岗", byIdNumber.ToString());
        Assert.DoesNotContain(otherId[^4..], byIdNumber.ToString());
        Assert.Equal(0, (await HttpAssert.Json(await county.GetAsync($"/api/employment/placements?personId={other}"))).GetProperty("total").GetInt32());

        var viewer = await app.ClientFor("viewer");
        var first = Check(placed, 1).GetProperty("id").GetInt64();
        Assert.Equal("2026-12-20", Check(placed, 1).GetProperty("dueOn").GetString());
        await HttpAssert.Problem(await Record(viewer, first, new { stillEmployed = true }), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await TryPlace(viewer, Body(mine, "2026-11-20", employerName: "x")), HttpStatusCode.Forbidden);
        Assert.Equal(IdOf(placed), IdOf(await GetPlacement(viewer, IdOf(placed))));
    }
}

public sealed class EmploymentTownshipWorkListTests_Sqlite(ClockedSqliteApp app) : EmploymentTownshipWorkListTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class EmploymentTownshipWorkListTests_Postgres(ClockedPostgresApp app) : EmploymentTownshipWorkListTests(app), IClassFixture<ClockedPostgresApp>;
