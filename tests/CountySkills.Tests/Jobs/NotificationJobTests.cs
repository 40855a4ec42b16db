using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure.Auth;
using CountySkills.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Jobs.JobsKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Jobs;

/// <summary>The real jobs run through the app's scheduler, and what each user is told, through HTTP: their own scope only.</summary>
public abstract class NotificationJobTests(ClockedApp app)
{
    [Fact]
    public async Task Follow_up_reminders_tell_each_township_officer_and_employer_only_what_their_own_work_list_holds()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        await AddTownshipOfficer("town02", "419921205");
        var (mine, _) = await NewPerson(county, "提醒本镇务工者");
        await Place(county, mine, "2026-06-15", await EmployerId(county, Jinghe));
        await RunAsync(app, JobsSetup.FollowUps);

        var town = await app.ClientFor("town01");
        var note = Assert.Single(await OfKind(town, "FollowUps"));
        var (overdue, due) = Counts(await WorkList(town));
        Assert.True(overdue >= 2);
        Assert.Equal((overdue, due), (note.GetProperty("count").GetInt32(), note.GetProperty("count2").GetInt32()));
        Assert.Equal($"{overdue} 件回访已逾期，{due} 件一周内到期", note.GetProperty("text").GetString());
        Assert.Equal("/employment?tab=followups&state=open", note.GetProperty("link").GetString());
        Assert.False(note.GetProperty("read").GetBoolean());

        var employer = await app.ClientFor("employer01");
        var (eOverdue, eDue) = Counts(await WorkList(employer));
        var eNote = Assert.Single(await OfKind(employer, "FollowUps"));
        Assert.Equal((eOverdue, eDue), (eNote.GetProperty("count").GetInt32(), eNote.GetProperty("count2").GetInt32()));

        // Another township's officer: their own figures, never town01's; county staff and viewers are not told about follow-ups.
        var town02 = await app.ClientFor("town02");
        var before02 = (await OfKind(town02, "FollowUps")).Select(n => n.GetProperty("count").GetInt32()).SingleOrDefault();
        Assert.Equal(Counts(await WorkList(town02)).Overdue, before02);
        Assert.Empty(await OfKind(county, "FollowUps"));
        Assert.Empty(await OfKind(await app.ClientFor("viewer"), "FollowUps"));

        // A worker of the other township placed: town02's count grows by their two overdue follow-ups, town01's does not move. Run again on
        // the same day: still one notification each (figures brought up to date), never a second.
        var (other, _) = await NewPerson(county, "提醒外镇务工者", OtherVillage);
        await Place(county, other, "2026-06-15", await EmployerId(county, Shanghai), city: "上海市");
        var read = await HttpAssert.Json(await town.PostAsync($"/api/notifications/{note.GetProperty("id").GetInt64()}/read", null));
        Assert.True(read.GetProperty("read").GetBoolean());
        await RunAsync(app, JobsSetup.FollowUps);
        var again = Assert.Single(await OfKind(town, "FollowUps"));
        Assert.Equal(overdue, again.GetProperty("count").GetInt32());
        Assert.True(again.GetProperty("read").GetBoolean()); // same figures: stays read
        Assert.Equal(before02 + 2, Assert.Single(await OfKind(town02, "FollowUps")).GetProperty("count").GetInt32());

        // Nobody reads or marks another user's notification: it is not found, as an unknown one is.
        var theirs = eNote.GetProperty("id").GetInt64();
        await HttpAssert.SameAnswer(await town.PostAsync($"/api/notifications/{theirs}/read", null), await town.PostAsync("/api/notifications/987654321/read", null));
        Assert.False(Assert.Single(await OfKind(employer, "FollowUps")).GetProperty("read").GetBoolean());
        Assert.Equal(0, (await Notifications(town, "?unread=true")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Claims_whose_notice_ended_are_reported_to_county_officers_and_nothing_is_approved()
    {
        app.ResetClock();
        app.Clock.SetLocal(ClockedApp.StartDay.AddDays(30));
        try
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ended = await db.Claims.Where(c => c.Status == ClaimStatus.InNotice).Select(c => c.Id).ToListAsync();
            Assert.NotEmpty(ended); // the demo's claim in notice, with one objection open
            await RunAsync(app, JobsSetup.ClaimsReady);
            var county = await app.ClientFor("county");
            var note = Assert.Single(await OfKind(county, "ClaimsReady"));
            Assert.Equal((ended.Count - 1, 1), (note.GetProperty("count").GetInt32(), note.GetProperty("count2").GetInt32()));
            Assert.Empty(await OfKind(await app.ClientFor("town01"), "ClaimsReady"));

            // The objection dismissed: the same day's notification now says it may be approved, and is unread again.
            await county.PostAsync($"/api/notifications/{note.GetProperty("id").GetInt64()}/read", null);
            await db.Objections.Where(o => ended.Contains(o.ClaimId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ObjectionStatus.Dismissed));
            await RunAsync(app, JobsSetup.ClaimsReady);
            var now = Assert.Single(await OfKind(county, "ClaimsReady"));
            Assert.Equal((ended.Count, 0), (now.GetProperty("count").GetInt32(), now.GetProperty("count2").GetInt32()));
            Assert.False(now.GetProperty("read").GetBoolean());
            Assert.Equal(ended.Count, await db.Claims.CountAsync(c => ended.Contains(c.Id) && c.Status == ClaimStatus.InNotice));
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task Failed_payments_left_waiting_are_reported_to_county_officers_and_nothing_is_paid()
    {
        app.ResetClock();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.PaymentItems.Include(i => i.Line).OrderBy(i => i.Id).FirstAsync();
        (item.Status, item.FailureReason, item.PaidOn, item.Line!.Payment, item.Line.PaidOn) = (PaymentState.Failed, "账号不符", null, PaymentState.Failed, null);
        await db.SaveChangesAsync();
        await RunAsync(app, JobsSetup.FailedPayments);
        var county = await app.ClientFor("county");
        var note = Assert.Single(await OfKind(county, "PaymentsFailed"));
        Assert.Equal((1, 3, item.AmountFen), (note.GetProperty("count").GetInt32(), note.GetProperty("count2").GetInt32(), note.GetProperty("amountFen").GetInt64()));
        Assert.Equal("/subsidies/payments", note.GetProperty("link").GetString());
        Assert.Empty(await OfKind(await app.ClientFor("auditor"), "PaymentsFailed"));
        Assert.Equal(PaymentState.Failed, (await db.PaymentItems.AsNoTracking().SingleAsync(i => i.Id == item.Id)).Status);
    }

    async Task AddTownshipOfficer(string userName, string township)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null) return;
        var r = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = userName, Role = Roles.TownshipOfficer, AreaScope = township,
            CreatedUtc = DateTime.UtcNow }, AppFactory.Password);
        Assert.True(r.Succeeded, string.Join(";", r.Errors.Select(e => e.Description)));
    }
}

public sealed class NotificationJobTests_Sqlite(ClockedSqliteApp app) : NotificationJobTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class NotificationJobTests_Postgres(ClockedPostgresApp app) : NotificationJobTests(app), IClassFixture<ClockedPostgresApp>;
