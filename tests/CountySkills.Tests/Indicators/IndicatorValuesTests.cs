using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Indicators;

/// <summary>
/// Indicator values on a hand-built data set in a township of its own (419921450, a unit no demo record is in), so every figure is
/// known: each kind (count, people de-duplicated, stock at a date, rate, sum), the breakdowns, the drill-down totals and the scope.
/// </summary>
public abstract class IndicatorValuesTests(ClockedApp app) : IAsyncLifetime
{
    const string Town = "419921450", Village = "419921450001";
    static readonly SemaphoreSlim Once = new(1, 1);
    static readonly HashSet<ClockedApp> Seeded = [];

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try { if (Seeded.Add(app)) await SeedAsync(); }
        finally { Once.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task SeedAsync()
    {
        await using var scope = app.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Regions.AddRange(Region.Township(Town, "测试园区"), Region.Village(Village, "测试村"));
        var now = DateTime.UtcNow;
        Person P(string name, int birthYear, PersonTags tags) =>
            new() { IdNumber = Ids.New(birthYear), Name = name, BirthDate = new DateOnly(birthYear, 5, 1), AreaCode = Village, TownshipCode = Town, Tags = tags, CreatedUtc = now };
        var (p1, p2, p3, p4) = (P("甲一", 1985, PersonTags.PovertyAlleviated), P("乙二", 1990, PersonTags.MigrantWorker), P("丙三", 1995, 0), P("丁四", 1950, PersonTags.PovertyAlleviated));
        db.People.AddRange(p1, p2, p3, p4);
        var institution = await db.Institutions.OrderBy(i => i.Id).FirstAsync();
        var occupation = await db.Occupations.OrderBy(o => o.Id).FirstAsync();
        var brand = await db.Brands.OrderBy(b => b.Id).FirstAsync();
        TrainingClass C(string name, ClassKind kind, bool subsidised, ClassStatus status, DateOnly start) => new()
        {
            Name = name, InstitutionId = institution.Id, OccupationId = occupation.Id, Level = SkillLevel.Junior, Kind = kind, Subsidised = subsidised,
            Status = status, StartDate = start, EndDate = start.AddDays(19), Hours = 80, Capacity = 40, CreatedUtc = now,
        };
        var a = C("测试班A", ClassKind.EmploymentSkills, true, ClassStatus.Completed, new(2026, 3, 1));
        var b = C("测试班B", ClassKind.JobSkillUpgrade, false, ClassStatus.InProgress, new(2026, 6, 1));
        var draft = C("测试班C", ClassKind.EmploymentSkills, true, ClassStatus.Draft, new(2026, 5, 1));
        var old = C("测试班D", ClassKind.EmploymentSkills, true, ClassStatus.Completed, new(2025, 12, 1));
        db.Classes.AddRange(a, b, draft, old);
        await db.SaveChangesAsync();
        Enrolment E(TrainingClass c, Person p, EnrolmentStatus s = EnrolmentStatus.Active) => new() { ClassId = c.Id, PersonId = p.Id, Status = s, EnrolledUtc = now };
        db.Enrolments.AddRange(E(a, p1), E(b, p1), E(a, p2), E(a, p3, EnrolmentStatus.Withdrawn), E(draft, p3), E(old, p2));
        Certificate Cert(Person p, CertificateKind kind, DateOnly on, bool revoked = false) => new()
        {
            PersonId = p.Id, Kind = kind, OccupationName = occupation.Name, OccupationId = occupation.Id, Level = kind == CertificateKind.SkillLevel ? SkillLevel.Junior : SkillLevel.None,
            Number = "T" + Guid.NewGuid().ToString("N")[..12], Issuer = "测试", IssuedOn = on, Source = CertificateSource.Manual, CreatedUtc = now,
            RevokedUtc = revoked ? now : null,
        };
        db.Certificates.AddRange(Cert(p1, CertificateKind.SkillLevel, new(2026, 3, 25)), Cert(p1, CertificateKind.SpecialAbility, new(2026, 7, 1)),
            Cert(p2, CertificateKind.SkillLevel, new(2026, 4, 1), revoked: true), Cert(p3, CertificateKind.TrainingCompletion, new(2024, 3, 1)));
        Placement Pl(Person p, DateOnly start, DestinationBand band, bool organised, DateOnly? ended = null, long? brandId = null) => new()
        {
            PersonId = p.Id, AreaCode = Village, EmployerName = "测试单位", Band = band, StartDate = start, MonthlyWageFen = 500_000, Organised = organised,
            EndedOn = ended, EndReason = ended is null ? null : "合同期满", BrandId = brandId, CreatedUtc = now,
        };
        var first = Pl(p1, new(2026, 4, 1), DestinationBand.InCounty, true, new(2026, 8, 31));
        db.Placements.AddRange(first, Pl(p1, new(2026, 9, 1), DestinationBand.OutOfProvince, false, brandId: brand.Id),
            Pl(p2, new(2025, 5, 1), DestinationBand.OutOfCityInProvince, false), Pl(p3, new(2026, 10, 1), DestinationBand.Abroad, false, new(2026, 10, 20)));
        await db.SaveChangesAsync();
        FollowUp F(DateOnly due, DateOnly? done, bool cancelled = false) => new()
        {
            PlacementId = first.Id, PersonId = p1.Id, AreaCode = Village, Months = 1, DueOn = due, DoneOn = done, Cancelled = cancelled, StillEmployed = done is null ? null : true,
        };
        db.FollowUps.AddRange(F(new(2026, 5, 1), new(2026, 4, 30)), F(new(2026, 6, 1), new(2026, 6, 5)), F(new(2026, 7, 1), null),
            F(new(2026, 12, 15), null), F(new(2026, 8, 1), null, cancelled: true));
        await db.SaveChangesAsync();
    }

    async Task<JsonElement> Values(HttpClient c, string key, string query = "") =>
        await HttpAssert.Json(await c.GetAsync($"/api/indicators/{key}/values?from=2026-01-01&to=2026-11-30&area={Town}{query}"));

    static decimal? Total(JsonElement v) => v.GetProperty("total").GetProperty("value").ValueKind == JsonValueKind.Null ? null : v.GetProperty("total").GetProperty("value").GetDecimal();

    static Dictionary<string, decimal> Groups(JsonElement v) =>
        v.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("group").GetString()!, r => r.GetProperty("value").GetDecimal());

    [Fact]
    public async Task Counts_person_times_of_started_classes_and_people_once_each()
    {
        var county = await app.ClientFor("county");
        // 甲一 in A and B, 乙二 in A; the withdrawn trainee, the draft class and last year's class do not count.
        Assert.Equal(3, Total(await Values(county, "training.person_times")));
        Assert.Equal(2, Total(await Values(county, "training.subsidised")));
        Assert.Equal(2, Total(await Values(county, "training.people")));
        Assert.Equal(new Dictionary<string, decimal> { ["就业技能培训"] = 2, ["岗位技能提升培训"] = 1 }, Groups(await Values(county, "training.person_times", "&by=classKind")));
        Assert.Equal(new Dictionary<string, decimal> { ["2026年3月"] = 2, ["2026年6月"] = 1 }, Groups(await Values(county, "training.person_times", "&by=month")));
        var groups = Groups(await Values(county, "training.person_times", "&by=targetGroup"));
        Assert.Equal(2, groups["脱贫户"]);
        Assert.Equal(1, groups["农民工"]);
        var catalogue = await HttpAssert.Json(await county.GetAsync("/api/indicators"));
        var item = Assert.Single(catalogue.EnumerateArray(), i => i.GetProperty("key").GetString() == "training.people");
        Assert.Equal("people", item.GetProperty("kind").GetString());
        Assert.Equal("人", item.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Counts_certificates_once_per_person_and_the_holding_rate_as_a_stock_at_a_date()
    {
        var county = await app.ClientFor("county");
        Assert.Equal(1, Total(await Values(county, "certificates.people")));   // 甲一's two; 乙二's is revoked
        Assert.Equal(2, Total(await Values(county, "certificates.issued")));
        Assert.Equal(new Dictionary<string, decimal> { ["职业技能等级证书"] = 1, ["专项职业能力证书"] = 1 }, Groups(await Values(county, "certificates.people", "&by=certificateKind")));
        // Working age: 甲一, 乙二, 丙三 (丁四 is 76); holders at the end of November: 甲一 and 丙三 (2024).
        var rate = await Values(county, "certificates.rate");
        Assert.Equal((66.7m, 2, 3), (Total(rate)!.Value, rate.GetProperty("total").GetProperty("numerator").GetInt32(), rate.GetProperty("total").GetProperty("denominator").GetInt32()));
        var mid2024 = await HttpAssert.Json(await county.GetAsync($"/api/indicators/certificates.rate/values?from=2024-01-01&to=2024-06-30&area={Town}"));
        Assert.Equal(1, mid2024.GetProperty("total").GetProperty("numerator").GetInt32());
    }

    [Fact]
    public async Task Counts_transfers_as_new_people_in_the_period_and_as_a_stock_on_the_last_day()
    {
        var county = await app.ClientFor("county");
        Assert.Equal(2, Total(await Values(county, "labour.new_transfers")));   // 甲一 twice, 丙三
        Assert.Equal(1, Total(await Values(county, "labour.organised")));
        Assert.Equal(1, Total(await Values(county, "brands.output")));
        // On 30 November 甲一 works out of the province (the latest of their placements) and 乙二 in the province; 丙三 came back.
        var stock = await Values(county, "labour.transferred", "&by=band");
        Assert.Equal(2, Total(stock));
        Assert.Equal(new Dictionary<string, decimal> { ["县外省内"] = 1, ["省外(含境外)"] = 1 }, Groups(stock));
        var june = await HttpAssert.Json(await county.GetAsync($"/api/indicators/labour.transferred/values?from=2026-01-01&to=2026-06-30&area={Town}&by=band"));
        Assert.Equal(new Dictionary<string, decimal> { ["县内"] = 1, ["县外省内"] = 1 }, Groups(june));
        Assert.Equal(1, Total(await Values(county, "labour.poverty_alleviated_working")));
    }

    [Fact]
    public async Task Rates_follow_ups_done_by_their_day_among_those_due()
    {
        var county = await app.ClientFor("county");
        var v = await Values(county, "followups.on_time_rate");
        // Due and past or done: 1 May (on time), 1 June (late), 1 July (overdue); 15 December is not due yet, the cancelled one does not count.
        Assert.Equal((33.3m, 1, 3), (Total(v)!.Value, v.GetProperty("total").GetProperty("numerator").GetInt32(), v.GetProperty("total").GetProperty("denominator").GetInt32()));
    }

    [Fact]
    public async Task The_records_behind_a_figure_add_up_to_it()
    {
        var county = await app.ClientFor("county");
        var people = await HttpAssert.Json(await county.GetAsync($"/api/indicators/labour.new_transfers/records?from=2026-01-01&to=2026-11-30&area={Town}&by=township&group={Town}"));
        Assert.Equal(2, people.GetProperty("total").GetInt32());
        Assert.Equal(2, people.GetProperty("items").GetArrayLength());   // one row per person
        var names = people.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["丙三", "甲一"], names);
        Assert.All(people.GetProperty("items").EnumerateArray(), i => Assert.Contains("*", i.GetProperty("idNumber").GetString()));
        var month = await HttpAssert.Json(await county.GetAsync($"/api/indicators/training.person_times/records?from=2026-01-01&to=2026-11-30&area={Town}&by=month&group=2026-03"));
        Assert.Equal(2, month.GetProperty("total").GetInt32());
        var bad = await HttpAssert.Problem(await county.GetAsync($"/api/indicators/training.person_times/records?area={Town}&by=month&group=March"), HttpStatusCode.BadRequest);
        Assert.Equal("indicator.group_invalid", bad.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Scope_limits_a_township_officer_to_their_township_and_refuses_others()
    {
        var town = await app.ClientFor("town01");
        var refused = await HttpAssert.Problem(await town.GetAsync($"/api/indicators/training.person_times/values?area={Town}"), HttpStatusCode.Forbidden);
        Assert.Equal("area.out_of_scope", refused.GetProperty("code").GetString());
        var own = await HttpAssert.Json(await town.GetAsync("/api/indicators/training.person_times/values?from=2020-01-01&area=419921&by=township"));
        Assert.Equal("419921101", own.GetProperty("area").GetString());
        Assert.All(own.GetProperty("rows").EnumerateArray(), r => Assert.Equal("419921101", r.GetProperty("code").GetString()));
        var county = await app.ClientFor("county");
        var all = Groups(await HttpAssert.Json(await county.GetAsync("/api/indicators/training.person_times/values?from=2020-01-01&by=township")));
        Assert.Equal(4, all["测试园区"]);   // since 2020: last year's class D counts too
        var school = await app.ClientFor("school01");
        await HttpAssert.Problem(await school.GetAsync("/api/indicators/training.person_times/values"), HttpStatusCode.Forbidden);
        var unknown = await HttpAssert.Problem(await county.GetAsync("/api/indicators/no.such/values"), HttpStatusCode.NotFound);
        Assert.Equal("indicator.not_found", unknown.GetProperty("code").GetString());
        var by = await HttpAssert.Problem(await county.GetAsync("/api/indicators/certificates.rate/values?by=brand"), HttpStatusCode.BadRequest);
        Assert.Equal("indicator.breakdown_unsupported", by.GetProperty("code").GetString());
    }
}

public sealed class IndicatorValuesTests_Sqlite(ClockedSqliteApp app) : IndicatorValuesTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class IndicatorValuesTests_Postgres(ClockedPostgresApp app) : IndicatorValuesTests(app), IClassFixture<ClockedPostgresApp>;
