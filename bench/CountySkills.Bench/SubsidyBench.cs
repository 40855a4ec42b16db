using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Features.Subsidies;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Bench;

/// <summary>
/// subsidy-eligibility: judging a 500-trainee claim against the full county's subsidy history (the training history's
/// subsidised classes claimed and paid, ~45,000 lines, plus 40,000 subsidies imported from the old records), SQLite, or
/// PostgreSQL with --provider postgres.
/// Measured: ClaimJudging (every line through Eligibility.Judge with the trainee's whole history) and the whole CreateClaim
/// use case, against a hand-written SQL read of the same facts and history (baseline, same run).
/// </summary>
public static class SubsidyBench
{
    const int Trainees = 500, Runs = 7;

    public static async Task RunAsync(int n)
    {
        await using var app = await TrainingBench.PrepareAsync(n);
        var sw = Stopwatch.StartNew();
        if (!await HasHistory(app)) await SeedHistoryAsync(app);
        var classId = await BigClassAsync(app);
        await using (var db = await app.Factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"subsidy history and a completed {Trainees}-trainee class ready in {sw.Elapsed.TotalSeconds:F1} s");

        long lines = 0, historic = 0;
        await using (var db = await app.Factory.CreateDbContextAsync())
            (lines, historic) = (await db.ClaimLines.LongCountAsync(), await db.HistoricSubsidies.LongCountAsync());

        var judged = 0;
        var reasons = new Dictionary<string, int>();
        var judge = await Measure(async () =>
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            var cls = await db.Classes.AsNoTracking().Include(c => c.Occupation).SingleAsync(c => c.Id == classId);
            var rules = await SubsidyHistory.RulesAtAsync(db, DateTime.UtcNow, default);
            var claim = new SubsidyClaim { ClassId = classId, InstitutionId = cls.InstitutionId, ClaimedOn = new DateOnly(2026, 6, 1) };
            await ClaimJudging.JudgeAsync(db, claim, cls, rules, default);
            judged = claim.Lines.Count;
            reasons = claim.Lines.SelectMany(l => l.ReasonList).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        });

        await using var conn = await app.OpenConnectionAsync();
        var baseline = await Measure(async () =>
        {
            await using var cmd = conn.CreateCommand();
            // Quoted names and TRUE (SQLite's 1) so the same text runs on both providers.
            cmd.CommandText = """
                SELECT e."Id", e."PersonId", e."Passed", p."BirthDate", p."IdNumber",
                       (SELECT COUNT(*) FROM "Attendance" a WHERE a."EnrolmentId" = e."Id" AND a."Present" = TRUE)
                FROM "Enrolments" e JOIN "People" p ON p."Id" = e."PersonId" WHERE e."ClassId" = @c AND e."Status" = 1;
                SELECT c."Id", c."PersonId", c."Kind", c."Level", c."IssuedOn" FROM "Certificates" c WHERE c."ClassId" = @c AND c."RevokedUtc" IS NULL;
                SELECT l."PersonId", l."OccupationId", l."Level", c."ClaimedOn" FROM "ClaimLines" l JOIN "Claims" c ON c."Id" = l."ClaimId"
                WHERE l."PersonId" IN (SELECT "PersonId" FROM "Enrolments" WHERE "ClassId" = @c) AND l."Eligible" = TRUE AND l."Decision" <> 3;
                SELECT h."IdNumber", h."OccupationId", h."Level", h."PaidOn" FROM "HistoricSubsidies" h
                WHERE h."IdNumber" IN (SELECT p."IdNumber" FROM "Enrolments" e JOIN "People" p ON p."Id" = e."PersonId" WHERE e."ClassId" = @c);
                """;
            cmd.With("@c", classId);
            await using var r = await cmd.ExecuteReaderAsync();
            do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
        });

        var create = await Measure(async () =>
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            await db.Claims.Where(c => c.ClassId == classId).ExecuteDeleteAsync();
            var r = await new CreateClaim.Handler(app.Factory, app.User, app.Clock, new CreateClaim.Validator()).Handle(new CreateClaim.Command(classId), default);
            if (!r.IsOk) throw new InvalidOperationException(r.Detail);
        }, runs: 3);
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            await db.ClaimLines.Where(l => db.Claims.Any(c => c.Id == l.ClaimId && c.ClassId == classId)).ExecuteDeleteAsync();
            await db.ClaimTransitions.Where(t => db.Claims.Any(c => c.Id == t.ClaimId && c.ClassId == classId)).ExecuteDeleteAsync();
            await db.Claims.Where(c => c.ClassId == classId).ExecuteDeleteAsync();
        }

        static double Med(double[] t) => t[t.Length / 2];
        string[] Row(string what, double[] t) => [what, Med(t).ToString("F1"), (Med(t) / Trainees).ToString("F3"), $"{Med(t) / Med(baseline):F1}x"];
        Table.Print($"subsidy-eligibility: a {Trainees}-trainee claim judged against the county's history ({lines:N0} claim lines, {historic:N0} imported subsidies), {app.ProviderName}, median of {Runs}",
            ["step", "median ms", "ms per trainee", "ratio to baseline"],
            [
                Row("baseline: hand-written SQL reading the same facts and history", baseline),
                Row("ClaimJudging: every line judged by Eligibility.Judge", judge),
                Row("CreateClaim use case (judge, save with audit, load the view)", create),
            ]);
        Console.WriteLine($"{judged} lines judged; reasons: {string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}; peak working set {Environment.WorkingSet / 1024 / 1024} MiB");
    }

    static async Task<double[]> Measure(Func<Task> run, int runs = Runs)
    {
        await run(); // warm-up
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var s = Stopwatch.StartNew();
            await run();
            times[i] = s.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    static async Task<bool> HasHistory(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.HistoricSubsidies.CountAsync() >= 40_000;
    }

    /// <summary>Every subsidised historic class claimed and paid (its passed, certified trainees), and 40,000 old records.</summary>
    static async Task SeedHistoryAsync(BenchApp app)
    {
        var sw = Stopwatch.StartNew();
        await using var db = await app.Factory.CreateDbContextAsync();
        var rules = await SubsidyHistory.RulesAtAsync(db, DateTime.UtcNow, default);
        var classes = await db.Classes.Where(c => c.CreatedBy == "bench" && c.Subsidised && !db.Claims.Any(x => x.ClassId == c.Id))
            .Select(c => new { c.Id, c.InstitutionId, c.EndDate, c.OccupationId, c.Level }).ToListAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, classes.Select(c => new SubsidyClaim
        {
            Number = $"BENCH-{c.Id:D6}", ClassId = c.Id, InstitutionId = c.InstitutionId, Status = ClaimStatus.Paid, RulesId = rules.Id, ClaimedOn = c.EndDate.AddDays(30),
            CreatedUtc = DateTime.UtcNow, CreatedBy = "bench",
        }));
        var claimOf = await db.Claims.Where(c => c.CreatedBy == "bench").ToDictionaryAsync(c => c.ClassId, c => c.Id);
        var claimed = claimOf.Keys.ToArray();
        var certified = await db.Certificates.Where(c => c.CreatedBy == "bench" && c.EnrolmentId != null && claimed.Contains(c.ClassId!.Value))
            .Select(c => new { c.Id, c.PersonId, c.ClassId, c.EnrolmentId, c.Level, c.OccupationId, c.IssuedOn, c.Number }).ToListAsync();
        await BulkInsert.InsertAsync(db, certified.Select(c => new ClaimLine
        {
            ClaimId = claimOf[c.ClassId!.Value], PersonId = c.PersonId, EnrolmentId = c.EnrolmentId!.Value, CertificateId = c.Id, CertificateNumber = c.Number,
            CertificateIssuedOn = c.IssuedOn, Kind = CertificateKind.SkillLevel, OccupationId = c.OccupationId!.Value, Level = c.Level, AttendancePercent = 100, Completed = true,
            Eligible = true, AmountFen = rules.TrainingFen(CertificateKind.SkillLevel, c.Level), AssessmentFen = rules.AssessmentFen(CertificateKind.SkillLevel, c.Level),
            Decision = LineDecision.Approved, Payment = PaymentState.Paid, PaidOn = c.IssuedOn.AddDays(60),
        }));
        var people = await db.People.OrderBy(p => p.Id).Select(p => new { p.Id, p.IdNumber, p.Name }).ToListAsync();
        var occupations = await db.Occupations.Where(o => o.LevelList != "").ToListAsync();
        var rnd = new Random(5);
        var keys = new HashSet<string>();
        var old = new List<HistoricSubsidy>();
        while (old.Count < 40_000)
        {
            var p = people[rnd.Next(people.Count)];
            var o = occupations[rnd.Next(occupations.Count)];
            var paid = new DateOnly(2019 + rnd.Next(5), 1 + rnd.Next(12), 1 + rnd.Next(28));
            var key = HistoricSubsidy.KeyOf(p.IdNumber, o.Name, o.Levels[^1], paid);
            if (!keys.Add(key)) continue;
            old.Add(new HistoricSubsidy
            {
                IdNumber = p.IdNumber, PersonId = p.Id, Name = p.Name, OccupationId = o.Id, OccupationName = o.Name, Level = o.Levels[^1], AmountFen = 120_000,
                PaidOn = paid, InstitutionName = "历史机构", Key = key, CreatedUtc = DateTime.UtcNow,
            });
        }
        await BulkInsert.InsertAsync(db, old);
        await tx.CommitAsync();
        Console.WriteLine($"subsidy history: {claimOf.Count:N0} paid claims, {certified.Count:N0} lines, {old.Count:N0} imported subsidies in {sw.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>A completed, subsidised class of 500 trainees who already have training (and so subsidy) history, with attendance and certificates.</summary>
    static async Task<long> BigClassAsync(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        if (await db.Classes.Where(c => c.CreatedBy == "bench-subsidy").Select(c => (long?)c.Id).FirstOrDefaultAsync() is { } existing) return existing;
        var occ = await db.Occupations.FirstAsync(o => o.Code == "6-18-02-04");
        var inst = await db.Institutions.Select(i => i.Id).FirstAsync();
        var (start, end) = (new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 31));
        var cls = new TrainingClass
        {
            Name = "补贴基准班（500 人）", InstitutionId = inst, OccupationId = occ.Id, Level = SkillLevel.Junior, StartDate = start, EndDate = end, Hours = 120, Capacity = 600,
            Subsidised = true, Status = ClassStatus.Completed, CreatedUtc = DateTime.UtcNow, CreatedBy = "bench-subsidy",
        };
        db.Classes.Add(cls);
        await db.SaveChangesAsync();
        var trainees = await db.ClaimLines.Select(l => l.PersonId).Distinct().OrderBy(p => p).Take(Trainees).ToListAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, trainees.Select((p, k) => new Enrolment
        {
            ClassId = cls.Id, PersonId = p, EnrolledUtc = DateTime.UtcNow, EnrolledBy = "bench", Passed = k % 10 != 0, Score = 70,
        }));
        await BulkInsert.InsertAsync(db, Enumerable.Range(0, 6).Select(d => new TrainingSession { ClassId = cls.Id, Date = start.AddDays(d * 5), Hours = 6, AttendanceTakenUtc = DateTime.UtcNow }));
        var enrolled = await db.Enrolments.Where(e => e.ClassId == cls.Id).Select(e => new { e.Id, e.PersonId, e.Passed }).ToListAsync();
        var sessions = await db.Sessions.Where(s => s.ClassId == cls.Id).Select(s => s.Id).ToListAsync();
        await BulkInsert.InsertAsync(db, enrolled.SelectMany(e => sessions.Select((s, k) => new AttendanceRecord
        {
            SessionId = s, EnrolmentId = e.Id, Present = (e.Id + k) % 13 != 0, RecordedUtc = DateTime.UtcNow, RecordedBy = "bench",
        })));
        var serial = 0;
        await BulkInsert.InsertAsync(db, enrolled.Where(e => e.Passed == true).Select(e => new Certificate
        {
            PersonId = e.PersonId, Kind = CertificateKind.SkillLevel, OccupationId = occ.Id, OccupationName = occ.Name, Level = SkillLevel.Junior,
            Number = $"BENCHSUB{++serial:D8}", Issuer = "bench", IssuedOn = end.AddDays(10), ClassId = cls.Id, EnrolmentId = e.Id, InstitutionId = inst,
            Source = CertificateSource.Class, CreatedUtc = DateTime.UtcNow, CreatedBy = "bench",
        }));
        await tx.CommitAsync();
        return cls.Id;
    }
}
