using System.Net;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Tests.Subsidies;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>
/// Cohort outcomes (GET /api/employment/outcomes): every measure's numerator and denominator for a hand-made cohort, a trainee entering a
/// denominator only once its point has passed, the filters, and who may ask.
/// </summary>
public abstract class OutcomeTests(ClockedApp app)
{
    static (int N, int D, decimal? Rate, long? Fen) M(JsonElement report, string code)
    {
        var m = Assert.Single(report.GetProperty("measures").EnumerateArray(), x => Str(x, "code") == code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Str(m, "name"));
        return (Int(m, "numerator"), Int(m, "denominator"),
            m.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : m.GetProperty("rate").GetDecimal(),
            m.GetProperty("valueFen").ValueKind == JsonValueKind.Null ? null : m.GetProperty("valueFen").GetInt64());
    }

    static async Task<JsonElement> Outcomes(HttpClient c, string query) => await HttpAssert.Json(await c.GetAsync($"/api/employment/outcomes?{query}"));

    static async Task Followed(HttpClient county, long placementId, int months, string doneOn, long wageFen)
    {
        var check = Check(await GetPlacement(county, placementId), months).GetProperty("id").GetInt64();
        await HttpAssert.Json(await Record(county, check, new { doneOn, stillEmployed = true, sameEmployer = true, wageFen }));
    }

    [Fact]
    public async Task A_cohort_that_ended_in_march_2025_has_every_numerator_denominator_and_the_median_wage_from_follow_ups()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        var brand = IdOf(await NewBrand(county));
        // A, B, C, D, E finish on 2025-03-14; the 6-month point is 2025-09-14, the 12-month point 2026-03-14. C gets no certificate.
        var cls = await SubsidyKit.CompletedClass(app, county, new ClassPlan
        {
            Name = UniqueName("成效班"), Start = "2025-03-03", End = "2025-03-14", Count = 5, NoCertificate = [2], BrandId = brand,
        });
        var a = await Placed(county, cls[0].PersonId, "2025-04-01", 650_000);   // still working
        await Followed(county, a, 1, "2025-05-06", 700_000);                   // the wage at the 6-month point
        await Followed(county, a, 6, "2025-10-05", 900_000);                   // after the point: not its wage
        var b = await Placed(county, cls[1].PersonId, "2025-04-01", 550_000);
        await HttpAssert.Json(await End(county, b, "2025-08-01"));              // left before the 6-month point
        await Placed(county, cls[3].PersonId, "2025-11-01", 800_000);           // D: after the 6-month point
        await Placed(county, cls[4].PersonId, "2025-05-01", 500_000);           // E: no follow-up wage

        var r = await Outcomes(county, $"classId={cls.ClassId}");
        Assert.Equal(5, Int(r, "cohort"));
        Assert.Equal("2026-11-30", Str(r, "asOf"));
        Assert.Equal((2, 5, 40.0m, (long?)null), M(r, "employed_6m"));          // A and E on 2025-09-14
        Assert.Equal((3, 5, 60.0m, (long?)null), M(r, "employed_12m"));         // A, D and E on 2026-03-14
        Assert.Equal((2, 5, (decimal?)null, 600_000L), M(r, "median_wage_6m")); // (700,000 + 500,000) / 2
        Assert.Equal((4, 5, 80.0m, (long?)null), M(r, "certificate_12m"));
        // Retention: A, B and E took a job by the 6-month point; A and E still held it 6 and 12 months after starting.
        Assert.Equal((2, 3, 66.7m, (long?)null), M(r, "retention_6m"));
        Assert.Equal((2, 3, 66.7m, (long?)null), M(r, "retention_12m"));
        Assert.Equal(["employed_6m", "employed_12m", "median_wage_6m", "certificate_12m", "retention_6m", "retention_12m"],
            r.GetProperty("measures").EnumerateArray().Select(x => Str(x, "code")));

        // The filters: year, brand, township, tag and scope all keep or drop this cohort.
        Assert.Equal(5, Int(await Outcomes(county, $"year=2025&classId={cls.ClassId}"), "cohort"));
        Assert.Equal(0, Int(await Outcomes(county, $"year=2026&classId={cls.ClassId}"), "cohort"));
        Assert.Equal(5, Int(await Outcomes(county, $"brandId={brand}"), "cohort"));
        Assert.Equal(5, Int(await Outcomes(county, $"township={Town01}&classId={cls.ClassId}"), "cohort"));
        Assert.Equal(0, Int(await Outcomes(county, $"township=419921205&classId={cls.ClassId}"), "cohort"));
        Assert.True(Int(await Outcomes(county, "year=2025"), "cohort") >= 5);
        var town = await Outcomes(await app.ClientFor("town01"), $"classId={cls.ClassId}");
        Assert.Equal((2, 5, 40.0m, (long?)null), M(town, "employed_6m"));
        await HttpAssert.Json(await (await app.ClientFor("viewer")).GetAsync($"/api/employment/outcomes?classId={cls.ClassId}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("employer01")).GetAsync("/api/employment/outcomes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("school01")).GetAsync("/api/employment/outcomes")).StatusCode);
        await FieldError(await county.GetAsync("/api/employment/outcomes?township=4199"), "township");
        await FieldError(await county.GetAsync("/api/employment/outcomes?tag=外星人"), "tag");
    }

    [Fact]
    public async Task A_trainee_enters_a_denominator_on_the_day_its_point_passes_and_an_unfinished_class_is_no_cohort()
    {
        app.ResetClock();
        var county = await app.ClientFor("county");
        // Ends 2026-06-01: the 6-month point is 2026-12-01, tomorrow.
        var cls = await SubsidyKit.CompletedClass(app, county, new ClassPlan { Name = UniqueName("边界班"), Start = "2026-05-25", End = "2026-06-01", Count = 2 });
        await Placed(county, cls[0].PersonId, "2026-06-10", 600_000);
        var r = await Outcomes(county, $"classId={cls.ClassId}");
        Assert.Equal(2, Int(r, "cohort"));
        Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "employed_6m"));
        Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "median_wage_6m"));
        Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "certificate_12m"));
        Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "retention_6m"));

        var open = await SubsidyKit.CompletedClass(app, county, new ClassPlan { Name = UniqueName("未结业班"), Start = "2025-03-03", End = "2025-03-14", Count = 2, Complete = false });
        Assert.Equal(0, Int(await Outcomes(county, $"classId={open.ClassId}"), "cohort"));
        try
        {
            app.Clock.SetLocal(new DateOnly(2026, 12, 1));
            county = await app.ClientFor("county");
            r = await Outcomes(county, $"classId={cls.ClassId}");
            Assert.Equal("2026-12-01", Str(r, "asOf"));
            Assert.Equal((1, 2, 50.0m, (long?)null), M(r, "employed_6m"));
            Assert.Equal((1, 2, (decimal?)null, 600_000L), M(r, "median_wage_6m"));
            Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "employed_12m"));
            Assert.Equal((0, 0, (decimal?)null, (long?)null), M(r, "retention_6m"));   // the job is six months old only on 2026-12-10

            app.Clock.SetLocal(new DateOnly(2026, 12, 10));
            county = await app.ClientFor("county");
            Assert.Equal((1, 1, 100.0m, (long?)null), M(await Outcomes(county, $"classId={cls.ClassId}"), "retention_6m"));
        }
        finally { app.ResetClock(); }
    }
}

public sealed class OutcomeTests_Sqlite(ClockedSqliteApp app) : OutcomeTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class OutcomeTests_Postgres(ClockedPostgresApp app) : OutcomeTests(app), IClassFixture<ClockedPostgresApp>;
