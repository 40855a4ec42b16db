using System.Diagnostics;
using System.Security.Claims;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using CountySkills.Web.Features.People;
using CountySkills.Web.Features.Training;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using CountySkills.Web.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MiniExcelLibs;

namespace CountySkills.Bench;

/// <summary>
/// Training on the full county (N people plus two years of training history: ~120,000 enrolments, 720,000 attendance
/// marks, 60,000 certificates), SQLite, or PostgreSQL with --provider postgres (the database kept under the file's name):
///  - training-roster: a 5,000-row roster workbook through ImportRoster (dry run, then commit) against the raw bulk
///    insert of the same 5,000 enrolments (baseline, same run);
///  - person-timeline: PersonTimeline.Handler for 200 trainees against a hand-written SQL read of the same rows.
/// </summary>
public static class TrainingBench
{
    public static async Task RunAsync(int n, string which)
    {
        await using var app = await PrepareAsync(n);
        if (which is "training" or "training-roster") await RosterAsync(app);
        if (which is "training" or "person-timeline") await TimelineAsync(app);
    }

    /// <summary>The county of <paramref name="n"/> people with two years of training history, kept in /tmp between runs (on
    /// PostgreSQL: the database bench_countyskills_bench_training_N, kept).</summary>
    public static async Task<BenchApp> PrepareAsync(int n)
    {
        var sw = Stopwatch.StartNew();
        var people = Path.Combine(Path.GetTempPath(), $"countyskills-bench-people-{n}.db");
        var file = Path.Combine(Path.GetTempPath(), $"countyskills-bench-training-{n}.db");
        // SQLite: a new file starts from the people bench's ledger when there is one. PostgreSQL: the kept database tells by its history.
        var fresh = BenchApp.Postgres is null && !File.Exists(file);
        if (fresh && File.Exists(people)) File.Copy(people, file);
        var app = await BenchApp.StartAsync(people: n, reuse: file);
        if (fresh || !await HasHistory(app)) await SeedHistoryAsync(app);
        await using (var db = await app.Factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"county of {n:N0} people with training history ready in {sw.Elapsed.TotalSeconds:F1} s ({app.Where}, kept for the next run)");
        return app;
    }

    static async Task<bool> HasHistory(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Enrolments.CountAsync() > 100_000;
    }

    /// <summary>Two years of classes (50 trainees each), six sessions with attendance, certificates for half the trainees.</summary>
    static async Task SeedHistoryAsync(BenchApp app)
    {
        var sw = Stopwatch.StartNew();
        await using var db = await app.Factory.CreateDbContextAsync();
        var personIds = await db.People.Select(p => p.Id).ToListAsync();
        var institutions = await db.Institutions.Select(i => i.Id).ToListAsync();
        var occupations = await db.Occupations.Where(o => o.LevelList != "").ToListAsync();
        var rnd = new Random(11);
        var classes = new List<TrainingClass>();
        var start0 = new DateOnly(2024, 1, 8);
        for (var i = 0; i < 2_400; i++)
        {
            var start = start0.AddDays(rnd.Next(700));
            var occ = occupations[i % occupations.Count];
            classes.Add(new TrainingClass
            {
                Name = $"历史培训班{i}", InstitutionId = institutions[i % institutions.Count], OccupationId = occ.Id, Level = occ.Levels[0], Kind = ClassKind.EmploymentSkills,
                Subsidised = i % 4 != 0, StartDate = start, EndDate = start.AddDays(20), Hours = 120, Capacity = 50, Status = ClassStatus.Closed, CreatedUtc = DateTime.UtcNow, CreatedBy = "bench",
            });
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, classes);
        var classIds = await db.Classes.Where(c => c.CreatedBy == "bench").OrderBy(c => c.Id).Select(c => new { c.Id, c.StartDate, c.EndDate, c.OccupationId, c.Level }).ToListAsync();
        var enrolments = classIds.SelectMany((c, i) => Enumerable.Range(0, 50).Select(k => new Enrolment
        {
            ClassId = c.Id, PersonId = personIds[(i * 50 + k) * 7919 % personIds.Count], EnrolledUtc = c.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            EnrolledBy = "bench", Passed = k % 5 != 0, Score = 50 + k,
        })).ToList();
        await BulkInsert.InsertAsync(db, enrolments);
        var sessions = classIds.SelectMany(c => Enumerable.Range(0, 6).Select(d => new TrainingSession { ClassId = c.Id, Date = c.StartDate.AddDays(d * 3), Hours = 6, AttendanceTakenUtc = DateTime.UtcNow })).ToList();
        await BulkInsert.InsertAsync(db, sessions);
        var enrolled = await db.Enrolments.Where(e => e.EnrolledBy == "bench").Select(e => new { e.Id, e.ClassId, e.PersonId }).ToListAsync();
        var sessionIds = (await db.Sessions.Where(s => s.Hours == 6 && s.ClassId >= classIds[0].Id).Select(s => new { s.Id, s.ClassId }).ToListAsync()).ToLookup(s => s.ClassId, s => s.Id);
        await BulkInsert.InsertAsync(db, enrolled.SelectMany(e => sessionIds[e.ClassId].Select((s, k) => new AttendanceRecord
        {
            SessionId = s, EnrolmentId = e.Id, Present = (e.Id + k) % 9 != 0, RecordedUtc = DateTime.UtcNow, RecordedBy = "bench",
        })));
        var byClass = classIds.ToDictionary(c => c.Id);
        var serial = 0;
        await BulkInsert.InsertAsync(db, enrolled.Where((e, i) => i % 2 == 0).Select(e => new Certificate
        {
            PersonId = e.PersonId, Kind = CertificateKind.SkillLevel, OccupationId = byClass[e.ClassId].OccupationId, OccupationName = "历史职业", Level = byClass[e.ClassId].Level,
            Number = $"BENCH{++serial:D10}", Issuer = "bench", IssuedOn = byClass[e.ClassId].EndDate.AddDays(10), ClassId = e.ClassId, EnrolmentId = e.Id,
            Source = CertificateSource.Import, CreatedUtc = DateTime.UtcNow, CreatedBy = "bench",
        }));
        await tx.CommitAsync();
        Console.WriteLine($"training history: {classes.Count:N0} classes, {enrolled.Count:N0} enrolments, {enrolled.Count * 6:N0} attendance marks, {serial:N0} certificates in {sw.Elapsed.TotalSeconds:F1} s");
    }

    static async Task RosterAsync(BenchApp app)
    {
        const int rows = 5_000;
        var validator = new PersonInput.Validator(app.Clock);
        var school = new CurrentUser();
        school.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.CountyOfficer)], "bench")));
        long classId, baselineClassId;
        List<(string Id, string Name)> roster;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            var occ = await db.Occupations.FirstAsync(o => o.Code == "4-10-01-06");
            var inst = await db.Institutions.Select(i => i.Id).FirstAsync();
            TrainingClass NewClass(string name) => new()
            {
                Name = name, InstitutionId = inst, OccupationId = occ.Id, Level = SkillLevel.Junior, StartDate = new DateOnly(2027, 3, 1), EndDate = new DateOnly(2027, 3, 30),
                Hours = 100, Capacity = 20_000, Subsidised = true, CreatedUtc = DateTime.UtcNow, CreatedBy = "bench-roster",
            };
            var cls = NewClass("花名册基准班"); var baseCls = NewClass("基线班");
            db.Classes.AddRange(cls, baseCls);
            await db.SaveChangesAsync();
            (classId, baselineClassId) = (cls.Id, baseCls.Id);
            var minBirth = new DateOnly(1970, 1, 1); var maxBirth = new DateOnly(2005, 1, 1);
            roster = (await db.People.Where(p => p.BirthDate > minBirth && p.BirthDate < maxBirth && p.MergedIntoId == null
                        && !db.Enrolments.Any(e => e.PersonId == p.Id && e.Class!.StartDate <= new DateOnly(2027, 3, 30) && e.Class.EndDate >= new DateOnly(2027, 3, 1)))
                    .OrderBy(p => p.Id).Take(rows * 2).Select(p => new { p.IdNumber, p.Name }).ToListAsync())
                .Select(p => (p.IdNumber, p.Name)).ToList();
        }
        var xlsx = Path.Combine(app.Dir, "roster.xlsx");
        await using (var fs = File.Create(xlsx))
            await fs.SaveAsAsync(roster.Take(rows).Select((p, i) => new Dictionary<string, object?> { ["序号"] = i + 1, ["姓名"] = p.Name, ["身份证号"] = p.Id }), sheetName: "花名册");

        var handler = new ImportRoster.Handler(app.Factory, school, app.Clock, validator, app.SearchGate(school), new ConfigurationBuilder().Build());
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        ImportReport dry, commit;
        await using (var fs = File.OpenRead(xlsx)) dry = (await handler.Run(classId, fs, "roster.xlsx", ImportMode.DryRun, default)).Value!;
        var dryMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        await using (var fs = File.OpenRead(xlsx)) commit = (await handler.Run(classId, fs, "roster.xlsx", ImportMode.Commit, default)).Value!;
        var commitMs = sw.Elapsed.TotalMilliseconds;
        var allocated = (GC.GetTotalAllocatedBytes() - before) / 1024.0 / 1024.0;
        if (commit.Created != rows) throw new InvalidOperationException($"roster enrolled {commit.Created} of {rows}: {string.Join("; ", commit.Errors.Take(3).Select(e => e.Message))}");

        // Baseline: the bare insert of the same number of enrolments (no checks, no audit), same database, same run.
        await using var bdb = await app.Factory.CreateDbContextAsync();
        var ids = roster.Skip(rows).Take(rows).Select(r => r.Id).ToArray();
        var personIds = await bdb.People.Where(p => EF.Parameter(ids).Contains(p.IdNumber)).Select(p => p.Id).ToListAsync();
        sw.Restart();
        await BulkInsert.InsertAsync(bdb, personIds.Select(p => new Enrolment { ClassId = baselineClassId, PersonId = p, EnrolledUtc = DateTime.UtcNow, EnrolledBy = "bench" }));
        var baseMs = sw.Elapsed.TotalMilliseconds;
        Table.Print($"training-roster: {rows:N0}-row roster workbook into one class, county of {await bdb.People.CountAsync():N0} people, {app.ProviderName}",
            ["step", "ms", "rows/s", "ratio to baseline"],
            [
                ["baseline: bulk insert of 5,000 enrolments", baseMs.ToString("F0"), (rows / baseMs * 1000).ToString("F0"), "1.00x"],
                ["roster dry run (read, check every rule)", dryMs.ToString("F0"), (rows / dryMs * 1000).ToString("F0"), $"{dryMs / baseMs:F2}x"],
                ["roster commit (checks + audited inserts)", commitMs.ToString("F0"), (rows / commitMs * 1000).ToString("F0"), $"{commitMs / baseMs:F2}x"],
            ]);
        Console.WriteLine($"allocated during dry run + commit: {allocated:F0} MiB; peak working set {Environment.WorkingSet / 1024 / 1024} MiB; dry run valid {dry.Valid}, commit created {commit.Created}");
    }

    static async Task TimelineAsync(BenchApp app)
    {
        List<long> sample;
        await using (var db = await app.Factory.CreateDbContextAsync())
            sample = await db.Enrolments.Where(e => e.EnrolledBy == "bench").Select(e => e.PersonId).Distinct().OrderBy(p => p).Take(20_000).ToListAsync();
        var rnd = new Random(3);
        var people = Enumerable.Range(0, 220).Select(_ => sample[rnd.Next(sample.Count)]).ToList();
        var handler = new PersonTimeline.Handler(app.Factory, app.User, app.Clock);
        var events = 0;
        async Task<double[]> Measure(Func<long, Task> one)
        {
            foreach (var p in people.Take(20)) await one(p); // warm-up
            var times = people.Skip(20).Select(_ => 0.0).ToArray();
            for (var i = 0; i < times.Length; i++)
            {
                var s = Stopwatch.StartNew();
                await one(people[20 + i]);
                times[i] = s.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            return times;
        }
        var timeline = await Measure(async p => events += (await handler.Handle(p, default)).Value!.Count);
        await using var conn = await app.OpenConnectionAsync();
        var baseline = await Measure(async p =>
        {
            await using var cmd = conn.CreateCommand();
            // Quoted names and TRUE (SQLite's 1) so the same text runs on both providers.
            cmd.CommandText = """
                SELECT e."Id", c."Name", c."StartDate", c."EndDate", e."Passed",
                       (SELECT COUNT(*) FROM "Attendance" a WHERE a."EnrolmentId" = e."Id" AND a."Present" = TRUE)
                FROM "Enrolments" e JOIN "Classes" c ON c."Id" = e."ClassId" WHERE e."PersonId" = @p;
                SELECT "Number", "IssuedOn" FROM "Certificates" WHERE "PersonId" = @p;
                SELECT "Name", "CreatedUtc" FROM "People" WHERE "Id" = @p UNION ALL SELECT "Name", "CreatedUtc" FROM "People" WHERE "MergedIntoId" = @p;
                """;
            cmd.With("@p", p);
            await using var r = await cmd.ExecuteReaderAsync();
            do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
        });
        static string P(double[] t, double q) => t[(int)Math.Min(t.Length - 1, Math.Round(q * (t.Length - 1)))].ToString("F2");
        Table.Print($"person-timeline: 200 trainees of the full county (history of ~120,000 enrolments), {app.ProviderName}; {events / 200.0:F1} events per person on average",
            ["read", "median ms", "p95 ms", "max ms", "median ratio to baseline"],
            [
                ["baseline: hand-written SQL (enrolments, attendance, certificates, ledger rows)", P(baseline, 0.5), P(baseline, 0.95), P(baseline, 1), "1.00x"],
                ["PersonTimeline.Handler (also audit history, names, places)", P(timeline, 0.5), P(timeline, 0.95), P(timeline, 1), $"{double.Parse(P(timeline, 0.5)) / double.Parse(P(baseline, 0.5)):F2}x"],
            ]);
    }
}
