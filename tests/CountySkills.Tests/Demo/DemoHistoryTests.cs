using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Demo;

/// <summary>A first start of the demo with Demo:History (20,000 people) on the clocked day 2026-11-30: two years of history in the
/// reference county's proportions, valid for the domain, beside the hand-made demo, added once.</summary>
public sealed class HistoryApp<TProvider> : ClockedApp where TProvider : IProvider
{
    public override DatabaseProvider Provider => TProvider.Provider;
    protected override int DemoPeople => 20_000;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Demo:History"] = "true" };
}

public interface IProvider { static abstract DatabaseProvider Provider { get; } }
public sealed class OnSqlite : IProvider { public static DatabaseProvider Provider => DatabaseProvider.Sqlite; }
public sealed class OnPostgres : IProvider { public static DatabaseProvider Provider => DatabaseProvider.Postgres; }

public abstract class DemoHistoryTests(ClockedApp app)
{
    const double Scale = 20_000 / 700_000.0;
    static readonly DateOnly Today = ClockedApp.StartDay;

    async Task<JsonElement> Figure(HttpClient c, string key, string? by = null, string from = "2025-01-01", string to = "2025-12-31") =>
        await HttpAssert.Json(await c.GetAsync($"/api/indicators/{key}/values?from={from}&to={to}{(by is null ? "" : "&by=" + by)}"));

    static decimal Total(JsonElement v) => v.GetProperty("total").GetProperty("value").GetDecimal();

    static Dictionary<string, decimal> Rows(JsonElement v) =>
        v.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("value").GetDecimal());

    static void Near(double expected, decimal actual, double tolerance, string what) =>
        Assert.True(Math.Abs((double)actual - expected) <= expected * tolerance, $"{what}: {actual}, expected about {expected:F0} (±{tolerance:P0})");

    [Fact]
    public async Task Last_year_has_the_reference_countys_training_certificates_placements_subsidies_and_businesses_in_proportion()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var trained = Total(await Figure(county, "training.person_times"));
        Near(11_000 * Scale, trained, 0.3, "training person-times 2025");
        var subsidised = Total(await Figure(county, "training.subsidised"));
        Assert.InRange(subsidised / trained, 0.5m, 0.95m);
        Assert.InRange(Total(await Figure(county, "certificates.issued")), 20m, 250m);
        var kinds = Rows(await Figure(county, "certificates.issued", "certificateKind"));
        Assert.True(kinds.GetValueOrDefault("1") > 0, "职业技能等级证书 issued in 2025");

        var placed = Total(await Figure(county, "labour.new_transfers"));
        Near(18_000 * Scale, placed, 0.25, "new transfers 2025");
        Assert.InRange(Total(await Figure(county, "labour.organised")) / placed, 0.3m, 0.55m);
        Assert.InRange(Total(await Figure(county, "brands.output")) / placed, 0.07m, 0.25m);
        var bands = Rows(await Figure(county, "labour.transferred", "band", "2026-01-01", "2026-11-30"));
        var working = bands.Values.Sum();
        Assert.InRange(bands["county"] / working, 0.25m, 0.45m);
        Assert.InRange(bands["province"] / working, 0.15m, 0.35m);
        Assert.InRange(bands["outside"] / working, 0.30m, 0.50m);
        Assert.InRange(Total(await Figure(county, "followups.on_time_rate")), 65m, 92m);

        var paid = Rows(await Figure(county, "subsidies.paid_fen", "fund", "2025-01-01", "2026-11-30"));
        Assert.True(paid.GetValueOrDefault("1") > 0, "the employment fund paid subsidies");
        Assert.InRange(Total(await Figure(county, "entrepreneurship.businesses", from: "2025-01-01", to: "2026-11-30")), 4m, 20m);
        Assert.True(Total(await Figure(county, "entrepreneurship.returnees", from: "2025-01-01", to: "2026-11-30")) >= 1);

        // This year too, up to today, and the hand-made demo is still there beside it.
        Near(11_000 * Scale * 334 / 365, Total(await Figure(county, "training.person_times", from: "2026-01-01", to: "2026-11-30")), 0.5, "person-times 2026");
        var classes = await HttpAssert.Json(await county.GetAsync("/api/training/classes?q=" + Uri.EscapeDataString("家政服务员（初级）第一期")));
        Assert.Contains("家政服务员（初级）第一期", classes.ToString());
    }

    [Fact]
    public async Task Every_history_record_keeps_the_rules_of_its_domain()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var classes = await db.Classes.AsNoTracking().Where(c => c.CreatedBy != "demo").ToListAsync();
        Assert.InRange(classes.Count, 8, 40);
        Assert.All(classes, c => Assert.StartsWith($"{c.StartDate.Year}年", c.Name));
        Assert.Empty(classes.Select(c => c.Name).Intersect(await db.Classes.Where(c => c.CreatedBy == "demo").Select(c => c.Name).ToListAsync()));
        Assert.Equal(12, await db.Classes.CountAsync(c => c.CreatedBy == "demo")); // the small demo's twelve (DemoTraining), untouched
        foreach (var c in classes)
        {
            Assert.True(c.StartDate <= Today && c.StartDate < c.EndDate, c.Name);
            Assert.Equal(c.EndDate < Today ? (c.EndDate.AddDays(90) < Today ? ClassStatus.Closed : ClassStatus.Completed) : ClassStatus.InProgress, c.Status);
        }
        var ids = classes.Select(c => c.Id).ToArray();
        var byId = classes.ToDictionary(c => c.Id);
        var trainees = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.ClassId)).Select(e => new { e.ClassId, e.PersonId, e.Person!.BirthDate, e.Status, e.Passed }).ToListAsync();
        Assert.All(trainees.Where(t => byId[t.ClassId].Subsidised), t => Assert.InRange(Person.Age(t.BirthDate, byId[t.ClassId].StartDate), 16, 59));
        Assert.All(trainees.Where(t => byId[t.ClassId].Status == ClassStatus.InProgress), t => Assert.Null(t.Passed));
        foreach (var person in trainees.GroupBy(t => t.PersonId).Where(g => g.Count() > 1))
        {
            var spans = person.Select(t => byId[t.ClassId]).OrderBy(c => c.StartDate).ToList();
            for (var i = 1; i < spans.Count; i++) Assert.True(spans[i].StartDate > spans[i - 1].EndDate, $"person {person.Key} in two classes at once");
        }

        var certificates = await db.Certificates.AsNoTracking().Where(c => c.ClassId != null && ids.Contains(c.ClassId.Value)).ToListAsync();
        Assert.NotEmpty(certificates);
        Assert.All(certificates, c => Assert.True(c.IssuedOn > byId[c.ClassId!.Value].EndDate && c.IssuedOn <= Today && byId[c.ClassId.Value].Status >= ClassStatus.Completed));
        Assert.All(certificates, c => Assert.Null(Certificate.Check(c.Kind, c.Level, c.Number, c.IssuedOn, Today, null)));

        var placements = await db.Placements.AsNoTracking().Include(p => p.FollowUps).Where(p => p.CreatedBy != "demo" && p.StartDate >= new DateOnly(2025, 1, 1)).ToListAsync();
        Assert.InRange(placements.Count, 700, 1_300);
        Assert.All(placements.Where(p => p.ClassId is { } id && byId.ContainsKey(id)), p => Assert.True(p.StartDate > byId[p.ClassId!.Value].EndDate));
        Assert.All(placements, p => Assert.InRange(p.MonthlyWageFen, 300_000, 900_000));
        Assert.Contains(placements, p => p.EndedOn is not null);
        foreach (var p in placements)
        {
            Assert.Equal([1, 3, 6, 12], p.FollowUps.OrderBy(f => f.Months).Select(f => f.Months));
            Assert.All(p.FollowUps, f => Assert.Equal(p.StartDate.AddMonths(f.Months), f.DueOn));
            Assert.All(p.FollowUps.Where(f => f.DoneOn is not null), f => Assert.True(f.DoneOn <= Today && f.DoneOn >= p.StartDate));
            Assert.All(p.FollowUps.Where(f => f.Cancelled), f => Assert.True(p.EndedOn is not null && f.DueOn > p.EndedOn && f.DoneOn is null));
            if (p.EndedOn is { } end) Assert.True(end > p.StartDate && end < Today);
        }
        var followUps = placements.SelectMany(p => p.FollowUps).ToList();
        Assert.Contains(followUps, f => f.DoneOn > f.DueOn);                                  // some late
        Assert.Contains(followUps, f => f.DoneOn is null && !f.Cancelled && f.DueOn < Today); // some overdue
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Kind == AlertKind.UnpaidWages).ToListAsync();
        Assert.InRange(alerts.Count, 3, 10);
        var reported = alerts.Select(a => a.FollowUpId).OfType<long>().ToArray();
        Assert.All(await db.FollowUps.AsNoTracking().Where(f => reported.Contains(f.Id)).ToListAsync(), f => Assert.True(f.Problems.HasFlag(FollowUpProblems.UnpaidWages)));
        Assert.Contains(alerts, a => a.ClosedUtc is not null);

        var lines = await db.ClaimLines.AsNoTracking().Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { l, c.Status, c.ClassId }).Where(x => ids.Contains(x.ClassId)).ToListAsync();
        Assert.NotEmpty(lines);
        Assert.All(lines, x => Assert.Equal(x.l.Payment == PaymentState.Paid, x.l.PaidOn is not null));
        Assert.All(lines.Where(x => x.l.Payment == PaymentState.Paid), x => Assert.True(x.Status is ClaimStatus.Approved or ClaimStatus.Paid && x.l.Decision == LineDecision.Approved
            && x.l.PaidOn > byId[x.ClassId].EndDate && x.l.AmountFen > 0));
        Assert.All(lines.Where(x => x.l.Decision == LineDecision.Approved), x => Assert.True(x.l.Eligible && x.l.CertificateId is not null));
        Assert.All(lines.Where(x => x.Status == ClaimStatus.Paid), x => Assert.True(x.l.Decision != LineDecision.Approved || x.l.Payment == PaymentState.Paid));
        Assert.Contains(lines, x => x.l.Payment == PaymentState.Paid && x.l.Level == SkillLevel.Junior && x.l.AmountFen == 120_000 && x.l.AssessmentFen == 20_000);

        var businesses = await db.Businesses.AsNoTracking().Where(b => b.StartDate >= new DateOnly(2025, 1, 1)).ToListAsync();
        Assert.All(businesses, b => Assert.InRange(b.JobsCreated, 2, 30));
        Assert.True(await db.BrandMembers.CountAsync() > 50);
    }

    [Fact]
    public async Task The_history_is_added_once()
    {
        await using var scope = app.Scope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        int Count(AppDbContext db) => db.Enrolments.Count() + db.Placements.Count() + db.Certificates.Count() + db.ClaimLines.Count();
        int before;
        await using (var db = await factory.CreateDbContextAsync()) before = Count(db);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedHistoryAsync());
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(20_000, accounts: true, HistorySeeding.Always);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(before, Count(db));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == nameof(TrainingClass) && a.EntityKey == DemoHistory.Marker));
        }
    }
}

public sealed class DemoHistoryTests_Sqlite(HistoryApp<OnSqlite> app) : DemoHistoryTests(app), IClassFixture<HistoryApp<OnSqlite>>;
public sealed class DemoHistoryTests_Postgres(HistoryApp<OnPostgres> app) : DemoHistoryTests(app), IClassFixture<HistoryApp<OnPostgres>>;

/// <summary>Without Demo:History (the tests' default) the demo is only its hand-made records.</summary>
public abstract class DemoWithoutHistoryTests(ClockedApp app)
{
    [Fact]
    public async Task The_demo_without_the_setting_has_no_history()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await DemoHistory.PresentAsync(db, default));
        Assert.Equal(0, await db.Classes.CountAsync(c => c.CreatedBy != "demo"));
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityKey == DemoHistory.Marker));
        Assert.InRange(await db.Placements.CountAsync(), 1, 100);
        Assert.Equal(8, await db.Businesses.CountAsync());
    }
}

public sealed class DemoWithoutHistoryTests_Sqlite(ClockedSqliteApp app) : DemoWithoutHistoryTests(app), IClassFixture<ClockedSqliteApp>;
