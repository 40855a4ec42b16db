using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Features.Employment;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Bench;

/// <summary>
/// employment-outcomes: the outcome measures of a whole year's cohort of the county (~60,000 trainees of the training history) over
/// ~150,000 placements, through Outcomes.Handler, against hand-written SQL computing employed at 6 and 12 months and certificates
/// within 12 months for the same cohort (baseline, same run). SQLite, or PostgreSQL with --provider postgres; median of five.
/// </summary>
public static class OutcomesBench
{
    const int Runs = 5;

    public static async Task RunAsync(int n)
    {
        await using var app = await TrainingBench.PrepareAsync(n);
        var sw = Stopwatch.StartNew();
        await using (var db = await app.Factory.CreateDbContextAsync())
            if (await db.Placements.CountAsync() < 140_000) await SeedPlacementsAsync(app);
        await using (var db = await app.Factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"placements ready in {sw.Elapsed.TotalSeconds:F1} s");
        var year = await YearWithMostTrainees(app);
        var today = app.Clock.GetUtcNow().UtcDateTime;

        var handler = new Outcomes.Handler(app.Factory, app.User, app.Clock);
        Outcomes.Report report = null!;
        var live = await Measure(async () => report = (await handler.Handle(new Outcomes.Query { Year = year }, default)).Value!);

        await using var conn = await app.OpenConnectionAsync();
        (long Den6, long Num6, long Den12, long Num12, long Cert) sql = default;
        var asOf = app.Day(DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime));
        // The end of class plus months: SQLite's date() on its 'yyyy-MM-dd' text, PostgreSQL's date arithmetic.
        string Plus(int months) => app.Provider == DatabaseProvider.Postgres ? $"(c.\"EndDate\" + interval '{months} months')::date" : $"date(c.\"EndDate\", '+{months} months')";
        var baseline = await Measure(async () =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"""
                WITH cohort AS (
                  SELECT e."PersonId", c."StartDate", c."EndDate", {Plus(6)} AS "At6", {Plus(12)} AS "At12"
                  FROM "Enrolments" e JOIN "Classes" c ON c."Id" = e."ClassId"
                  WHERE e."Status" = 1 AND c."Status" IN (6, 7) AND c."EndDate" BETWEEN @from AND @to)
                SELECT
                  SUM(CASE WHEN k."At6" <= @asOf THEN 1 ELSE 0 END),
                  SUM(CASE WHEN k."At6" <= @asOf AND EXISTS (SELECT 1 FROM "Placements" p WHERE p."PersonId" = k."PersonId" AND p."StartDate" <= k."At6" AND (p."EndedOn" IS NULL OR p."EndedOn" >= k."At6")) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN k."At12" <= @asOf THEN 1 ELSE 0 END),
                  SUM(CASE WHEN k."At12" <= @asOf AND EXISTS (SELECT 1 FROM "Placements" p WHERE p."PersonId" = k."PersonId" AND p."StartDate" <= k."At12" AND (p."EndedOn" IS NULL OR p."EndedOn" >= k."At12")) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN k."At12" <= @asOf AND EXISTS (SELECT 1 FROM "Certificates" x WHERE x."PersonId" = k."PersonId" AND x."RevokedUtc" IS NULL AND x."IssuedOn" >= k."StartDate" AND x."IssuedOn" <= k."At12") THEN 1 ELSE 0 END)
                FROM cohort k;
                """;
            cmd.With("@from", app.Day(new DateOnly(year, 1, 1))).With("@to", app.Day(new DateOnly(year, 12, 31))).With("@asOf", asOf);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            long L(int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i));
            sql = (L(0), L(1), L(2), L(3), L(4));
        });

        static double Med(double[] t) => t[t.Length / 2];
        var m = report.Measures.ToDictionary(x => x.Code);
        Table.Print($"employment-outcomes: cohort of {year} ({report.Cohort:N0} trainees), county with {await Count(app):N0} placements, {app.ProviderName}, median of {Runs}",
            ["read", "median ms", "ratio to baseline"],
            [
                ["baseline: hand-written SQL (employed at 6 and 12 months, certificates within 12 months)", Med(baseline).ToString("F0"), "1.0x"],
                ["Outcomes.Handler (those three plus median wage and retention at 6 and 12 months)", Med(live).ToString("F0"), $"{Med(live) / Med(baseline):F1}x"],
            ]);
        Table.Print("the same figures both ways", ["measure", "handler", "hand-written SQL"],
            [
                ["employed at 6 months", $"{m["employed_6m"].Numerator:N0} / {m["employed_6m"].Denominator:N0}", $"{sql.Num6:N0} / {sql.Den6:N0}"],
                ["employed at 12 months", $"{m["employed_12m"].Numerator:N0} / {m["employed_12m"].Denominator:N0}", $"{sql.Num12:N0} / {sql.Den12:N0}"],
                ["certificate within 12 months", $"{m["certificate_12m"].Numerator:N0} / {m["certificate_12m"].Denominator:N0}", $"{sql.Cert:N0} / {sql.Den12:N0}"],
                ["median wage at 6 months (yuan)", m["median_wage_6m"].ValueFen is { } w ? (w / 100).ToString("N0") : "—", "—"],
                ["retention 6 / 12 months", $"{m["retention_6m"].Rate}% / {m["retention_12m"].Rate}%", "—"],
            ]);
        Console.WriteLine($"peak working set {Environment.WorkingSet / 1024 / 1024} MiB");
    }

    static async Task<long> Count(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Placements.LongCountAsync();
    }

    static async Task<int> YearWithMostTrainees(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Enrolments.Where(e => e.EnrolledBy == "bench").GroupBy(e => e.Class!.EndDate.Year).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
    }

    static async Task<double[]> Measure(Func<Task> run)
    {
        await run();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var s = Stopwatch.StartNew();
            await run();
            times[i] = s.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    /// <summary>Three in four trainees of the history placed after their class (a third of them left later), and other people's jobs up to ~150,000.</summary>
    static async Task SeedPlacementsAsync(BenchApp app)
    {
        var sw = Stopwatch.StartNew();
        await using var db = await app.Factory.CreateDbContextAsync();
        var area = (await db.People.Select(p => new { p.Id, p.AreaCode }).ToListAsync()).ToDictionary(p => p.Id, p => p.AreaCode);
        var trainees = await db.Enrolments.Where(e => e.EnrolledBy == "bench").Select(e => new { e.PersonId, e.Class!.EndDate }).ToListAsync();
        var employers = await db.Employers.Select(e => new { e.Id, e.Name }).ToListAsync();
        var rnd = new Random(17);
        var rows = new List<Placement>();
        Placement Job(long personId, DateOnly start)
        {
            var e = employers[rnd.Next(employers.Count)];
            var ended = rnd.Next(3) == 0 ? start.AddDays(30 + rnd.Next(400)) : (DateOnly?)null;
            return new Placement
            {
                PersonId = personId, AreaCode = area[personId], EmployerId = e.Id, EmployerName = e.Name, Band = (DestinationBand)(1 + rnd.Next(5)), StartDate = start,
                MonthlyWageFen = 300_000 + rnd.Next(60) * 10_000, Organised = rnd.Next(2) == 0, EndedOn = ended, EndReason = ended is null ? null : "合同期满",
                CreatedUtc = DateTime.UtcNow, CreatedBy = "bench",
            };
        }
        foreach (var t in trainees.Where((_, i) => i % 4 != 3)) rows.Add(Job(t.PersonId, t.EndDate.AddDays(rnd.Next(120))));
        var people = area.Keys.ToArray();
        while (rows.Count < 150_000) rows.Add(Job(people[rnd.Next(people.Length)], new DateOnly(2023, 1, 1).AddDays(rnd.Next(1400))));
        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, rows);
        await tx.CommitAsync();
        Console.WriteLine($"placements: {rows.Count:N0} in {sw.Elapsed.TotalSeconds:F1} s");
    }
}
