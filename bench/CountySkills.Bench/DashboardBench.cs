using System.Data.Common;
using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Features.Indicators;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CountySkills.Bench;

/// <summary>
/// dashboard: the dashboard's figures on the full county (700,000 people with two years of history from DemoHistory: ~22,000
/// enrolments, ~36,000 placements, ~145,000 follow-ups…), each through the indicator engine (IndicatorRequest.ResolveAsync +
/// GetIndicatorValues.ComputeAsync, a county officer, this year, labels loaded once as the dashboard does) against hand-written SQL
/// for the same numbers on a raw connection to the same database (baseline, same run): median and p95 of N runs, and the numbers
/// compared (a mismatch is printed and the run exits with 1). Then the whole dashboard, every figure in sequence, both ways.
/// SQLite by default (the database is kept under bench/CountySkills.Bench/data/); --provider postgres uses CS_TEST_PG's server.
/// --index NAME tries one of the indexes proposed below (created with raw SQL, measured, dropped again).
/// </summary>
public static class DashboardBench
{
    /// <summary>One figure of the dashboard: the indicator, its breakdown, and the SQL that computes the same: the total row (a, b) first,
    /// then, for a breakdown, one row per group (code, a, b). {month:col} is the provider's "yyyy-MM" of a date column.</summary>
    public sealed record Figure(string Key, string? By, string Sql);

    /// <summary>Enrolments of classes started in the period ({0}: the join to the trainee when the figure needs their place).</summary>
    const string Trainings = """
        FROM "Enrolments" e JOIN "Classes" c ON c."Id" = e."ClassId"{0}
        WHERE e."Status" = 1 AND c."Status" IN (5, 6, 7) AND c."StartDate" BETWEEN @from AND @to
        """;
    const string Trainee = """ JOIN "People" p ON p."Id" = e."PersonId" """;
    const string NewPlacements = """FROM "Placements" x WHERE x."StartDate" BETWEEN @from AND @to""";
    const string Band = """CASE WHEN x."Band" = 1 THEN 'county' WHEN x."Band" IN (2, 3) THEN 'province' ELSE 'outside' END""";
    /// <summary>Placements active on the last day, the latest started of each person's (the person's others through the (PersonId, StartDate) index).</summary>
    const string Active = """
        FROM "Placements" x WHERE x."StartDate" <= @to AND (x."EndedOn" IS NULL OR x."EndedOn" >= @to)
        AND NOT EXISTS (SELECT 1 FROM "Placements" y WHERE y."PersonId" = x."PersonId" AND y."StartDate" <= @to AND (y."EndedOn" IS NULL OR y."EndedOn" >= @to)
                        AND (y."StartDate" > x."StartDate" OR (y."StartDate" = x."StartDate" AND y."Id" > x."Id")))
        """;

    public static readonly Figure[] Figures =
    [
        new("training.person_times", "township", $"""
            SELECT COUNT(*), 0 {string.Format(Trainings, "")};
            SELECT p."TownshipCode", COUNT(*), 0 {string.Format(Trainings, Trainee)} GROUP BY p."TownshipCode";
            """),
        new("training.person_times", "month", $"""
            SELECT COUNT(*), 0 {string.Format(Trainings, "")};
            SELECT {"{month:c.\"StartDate\"}"}, COUNT(*), 0 {string.Format(Trainings, "")} GROUP BY 1;
            """),
        new("training.subsidised", null, $"""SELECT COUNT(*), 0 {string.Format(Trainings, "")} AND c."Subsidised";"""),
        new("certificates.people", "certificateKind", """
            SELECT COUNT(DISTINCT x."PersonId"), 0 FROM "Certificates" x WHERE x."RevokedUtc" IS NULL AND x."IssuedOn" BETWEEN @from AND @to;
            SELECT x."Kind", COUNT(DISTINCT x."PersonId"), 0 FROM "Certificates" x WHERE x."RevokedUtc" IS NULL AND x."IssuedOn" BETWEEN @from AND @to GROUP BY x."Kind";
            """),
        new("certificates.rate", null, """
            SELECT (SELECT COUNT(DISTINCT x."PersonId") FROM "Certificates" x JOIN "People" p ON p."Id" = x."PersonId"
                    WHERE x."RevokedUtc" IS NULL AND x."IssuedOn" <= @to AND p."MergedIntoId" IS NULL AND p."BirthDate" <= @youngest AND p."BirthDate" > @oldest),
                   (SELECT COUNT(*) FROM "People" p WHERE p."MergedIntoId" IS NULL AND p."BirthDate" <= @youngest AND p."BirthDate" > @oldest);
            """),
        new("labour.transferred", "band", $"""
            SELECT COUNT(DISTINCT x."PersonId"), 0 {Active};
            SELECT {Band}, COUNT(DISTINCT x."PersonId"), 0 {Active} GROUP BY 1;
            """),
        new("labour.new_transfers", "month", $"""
            SELECT COUNT(DISTINCT x."PersonId"), 0 {NewPlacements};
            SELECT {"{month:x.\"StartDate\"}"}, COUNT(DISTINCT x."PersonId"), 0 {NewPlacements} GROUP BY 1;
            """),
        new("labour.organised", null, $"""SELECT COUNT(DISTINCT x."PersonId"), 0 {NewPlacements} AND x."Organised";"""),
        new("brands.output", "brand", $"""
            SELECT COUNT(DISTINCT x."PersonId"), 0 {NewPlacements} AND x."BrandId" IS NOT NULL;
            SELECT x."BrandId", COUNT(DISTINCT x."PersonId"), 0 {NewPlacements} AND x."BrandId" IS NOT NULL GROUP BY x."BrandId";
            """),
        new("followups.on_time_rate", null, """
            SELECT SUM(CASE WHEN f."DoneOn" IS NOT NULL AND f."DoneOn" <= f."DueOn" THEN 1 ELSE 0 END), COUNT(*) FROM "FollowUps" f
            WHERE NOT f."Cancelled" AND f."DueOn" BETWEEN @from AND @to AND (f."DoneOn" IS NOT NULL OR f."DueOn" < @today);
            """),
        new("subsidies.paid_fen", "fund", """
            SELECT COALESCE(SUM(l."AmountFen" + l."AssessmentFen"), 0), 0 FROM "ClaimLines" l WHERE l."Payment" = 3 AND l."PaidOn" BETWEEN @from AND @to;
            SELECT c."Fund", SUM(l."AmountFen" + l."AssessmentFen"), 0 FROM "ClaimLines" l JOIN "Claims" c ON c."Id" = l."ClaimId"
            WHERE l."Payment" = 3 AND l."PaidOn" BETWEEN @from AND @to GROUP BY c."Fund";
            """),
        new("entrepreneurship.returnees", null, """
            SELECT COUNT(DISTINCT b."FounderId"), 0 FROM "Businesses" b JOIN "People" p ON p."Id" = b."FounderId"
            WHERE b."StartDate" BETWEEN @from AND @to AND (p."Tags" & 256) <> 0;
            """),
    ];

    /// <summary>Indexes to try (--index NAME, or --index all for the recommended ones together): what the query plans pointed at, for SQLite
    /// and for PostgreSQL (null: not needed there). Created with raw SQL, measured, dropped; the lead adds the chosen ones as a migration.</summary>
    public static readonly Dictionary<string, (string? Sqlite, string? Postgres, bool Recommended)> Indexes = new()
    {
        // Placements by start day: the period's new transfers, organised and brand output (today only a skip-scan of (EmployerId, StartDate)).
        ["placements-start"] = ("""CREATE INDEX "IX_bench_Placements_StartDate" ON "Placements" ("StartDate", "PersonId", "Organised", "BrandId", "Band")""",
            """CREATE INDEX "IX_bench_Placements_StartDate" ON "Placements" ("StartDate") INCLUDE ("PersonId", "Organised", "BrandId", "Band", "EndedOn")""", true),
        // Follow-ups by due day with what the rate reads, so both of its queries stay in the index (today a row lookup each for Cancelled).
        ["followups-due"] = ("""CREATE INDEX "IX_bench_FollowUps_DueOn_Cancelled_DoneOn" ON "FollowUps" ("DueOn", "Cancelled", "DoneOn")""",
            """CREATE INDEX "IX_bench_FollowUps_DueOn_Cancelled_DoneOn" ON "FollowUps" ("DueOn", "Cancelled", "DoneOn")""", true),
        // The working-age ledger counted from an index (PostgreSQL; SQLite already counts it from IX_People_List).
        ["people-working"] = (null,
            """CREATE INDEX "IX_bench_People_BirthDate_unmerged" ON "People" ("BirthDate") INCLUDE ("Id", "TownshipCode", "AreaCode", "Tags") WHERE "MergedIntoId" IS NULL""", true),
        // Paid lines by day (not needed at a county's few thousand lines a year; measured to show it).
        ["claimlines-paid"] = ("""CREATE INDEX "IX_bench_ClaimLines_Payment_PaidOn" ON "ClaimLines" ("Payment", "PaidOn")""",
            """CREATE INDEX "IX_bench_ClaimLines_Payment_PaidOn" ON "ClaimLines" ("Payment", "PaidOn")""", false),
    };

    public static async Task<int> RunAsync(int n, string[] args)
    {
        var runs = Arg(args, "--runs") is { } r ? int.Parse(r) : 15;
        var postgres = string.Equals(Arg(args, "--provider"), "postgres", StringComparison.OrdinalIgnoreCase);
        var tries = args.Where((a, i) => i > 0 && args[i - 1] == "--index")
            .Select(a => a == "all" ? Indexes.Where(x => x.Value.Recommended).Select(x => x.Key).ToList() : [a]).ToList();
        await using var app = await PrepareAsync(n, postgres);
        var (from, to) = (new DateOnly(app.Clock.Today().Year, 1, 1), app.Clock.Today());
        await using var conn = await OpenAsync(app);
        var counts = await CountsAsync(conn);
        Console.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}: {counts}; figures for {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, {runs} runs each");
        if (Environment.GetEnvironmentVariable("BENCH_PLANS") is not null) await PlansAsync(app, conn);

        var ok = await MeasureAsync(app, conn, runs, from, to, "");
        foreach (var names in tries)
        {
            if (names.FirstOrDefault(x => !Indexes.ContainsKey(x)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown index '{unknown}'. Known: {string.Join(", ", Indexes.Keys)}, all");
                return 2;
            }
            var ddl = names.Select(x => postgres ? Indexes[x].Postgres : Indexes[x].Sqlite).OfType<string>().ToList();
            if (ddl.Count == 0) { Console.WriteLine($"{string.Join(", ", names)}: not needed on this provider"); continue; }
            foreach (var d in ddl) await ExecAsync(conn, d);
            await ExecAsync(conn, postgres ? "VACUUM ANALYZE" : "ANALYZE"); // PostgreSQL: the visibility map, for index-only scans
            try
            {
                ok &= await MeasureAsync(app, conn, runs, from, to, $" with {string.Join(" + ", names)}");
            }
            finally
            {
                foreach (var d in ddl) await ExecAsync(conn, $"DROP INDEX \"{d.Split('"')[1]}\"");
                await ExecAsync(conn, "ANALYZE");
            }
        }
        if (args.Contains("--try-holding-in")) ok &= await HoldingInAsync(app, conn, runs, from, to);
        Console.WriteLine($"peak working set {Environment.WorkingSet / 1024 / 1024} MiB");
        if (!ok)
        {
            Console.Error.WriteLine("!!! MISMATCH: the engine and the hand-written SQL disagree on at least one figure (see 'agree' above) !!!");
            return 1;
        }
        return 0;
    }

    static async Task<bool> MeasureAsync(BenchApp app, DbConnection conn, int runs, DateOnly from, DateOnly to, string title)
    {
        var labels = await LoadLabelsAsync(app);
        var rows = new List<string[]>();
        var agreeAll = true;
        foreach (var f in Figures)
        {
            GetIndicatorValues.Values engine = null!;
            (long A, long B, Dictionary<string, (long A, long B)> Rows) sql = default;
            var (e, s) = await Time(runs, async () => engine = await EngineAsync(app, f, labels),
                async () => sql = await SqlAsync(conn, app.Provider, f, from, to, app.Clock.Today()));
            var (agree, why) = Compare(engine, sql);
            agreeAll &= agree;
            if (!agree) Console.Error.WriteLine($"MISMATCH {f.Key} by {f.By ?? "-"}: {why}");
            rows.Add([$"{f.Key}{(f.By is null ? "" : " by " + f.By)}", Show(engine.Total), Ms(e, 0.5), Ms(e, 0.95), Ms(s, 0.5), Ms(s, 0.95), $"{P(e, 0.5) / P(s, 0.5):F2}x", $"{P(e, 0.5) - P(s, 0.5):+0.0;-0.0}", agree ? "yes" : "NO"]);
        }
        var (whole, wholeSql) = await Time(runs, async () =>
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            var l = await Labels.LoadAsync(db, default);
            foreach (var f in Figures) await EngineAsync(db, app, f, l);
        }, async () =>
        {
            foreach (var f in Figures) await SqlAsync(conn, app.Provider, f, from, to, app.Clock.Today());
        });
        rows.Add(["whole dashboard (labels + every figure above, in sequence)", "", Ms(whole, 0.5), Ms(whole, 0.95), Ms(wholeSql, 0.5), Ms(wholeSql, 0.95),
            $"{P(whole, 0.5) / P(wholeSql, 0.5):F2}x", $"{P(whole, 0.5) - P(wholeSql, 0.5):+0.0;-0.0}", agreeAll ? "yes" : "NO"]);
        Table.Print($"dashboard{title}: {(app.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL")}, county officer, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, median/p95 of {runs} runs",
            ["figure", "value", "engine median ms", "engine p95 ms", "SQL median ms", "SQL p95 ms", "ratio (median)", "engine - SQL ms", "agree"], rows);
        Console.WriteLine($"aim: every figure <= 2x its SQL, whole dashboard < 1 s: {(rows.SkipLast(1).All(r => double.Parse(r[6].TrimEnd('x')) <= 2) ? "every figure within 2x" : "some figures over 2x")}, "
            + $"whole dashboard {P(whole, 0.5):F0} ms median ({(P(whole, 0.5) < 1000 ? "under" : "OVER")} 1 s)");
        return agreeAll;
    }

    /// <summary>--try-holding-in: certificates.rate with the holders as one uncorrelated IN list rather than an EXISTS per person of the
    /// ledger (a proposal for Catalogue.CertificateHolding), through the same engine (Figures.ComputeAsync), against the catalogue's.</summary>
    static async Task<bool> HoldingInAsync(BenchApp app, DbConnection conn, int runs, DateOnly from, DateOnly to)
    {
        var labels = await LoadLabelsAsync(app);
        var catalogue = Catalogue.Find("certificates.rate")!;
        var proposal = catalogue with { Facts = (db, p) => [HoldingIn(db, p)] };
        var f = Figures.Single(x => x.Key == catalogue.Key);
        var period = new Period(from, to, app.Clock.Today());
        FigureRow now = null!, then = null!;
        (long A, long B, Dictionary<string, (long, long)>) sql = default;
        async Task<FigureRow> Run(Indicator ind)
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            return (await CountySkills.Web.Features.Indicators.Figures.ComputeAsync(db, ind, period, null, null, labels, default))[0];
        }
        var (a, b) = await Time(runs, async () => now = await Run(catalogue), async () => then = await Run(proposal));
        var (_, s) = await Time(runs, () => Task.CompletedTask, async () => sql = await SqlAsync(conn, app.Provider, f, from, to, app.Clock.Today()));
        var agree = (now.Numerator, now.Denominator) == (then.Numerator, then.Denominator) && (then.Numerator, then.Denominator) == (sql.A, sql.B);
        Table.Print($"certificates.rate, the holders' query shape ({runs} runs)", ["facts", "value", "median ms", "p95 ms", "ratio to SQL", "agree"],
        [
            ["catalogue: EXISTS per working-age person", Show(now), Ms(a, 0.5), Ms(a, 0.95), $"{P(a, 0.5) / P(s, 0.5):F2}x", agree ? "yes" : "NO"],
            ["proposal: person IN (holders), one list", Show(then), Ms(b, 0.5), Ms(b, 0.95), $"{P(b, 0.5) / P(s, 0.5):F2}x", agree ? "yes" : "NO"],
            ["hand-written SQL (holders joined, people counted)", $"{sql.A:N0}/{sql.B:N0}", Ms(s, 0.5), Ms(s, 0.95), "1.00x", ""],
        ]);
        return agree;
    }

    static IQueryable<Fact> HoldingIn(AppDbContext db, Period p)
    {
        var (youngest, oldest, day) = (p.To.AddYears(-p.MinAge), p.To.AddYears(-(p.MaxAge + 1)), p.To);
        var holders = db.Certificates.Where(c => c.RevokedUtc == null && c.IssuedOn <= day).Select(c => c.PersonId);
        return db.People.Where(x => x.MergedIntoId == null && x.BirthDate <= youngest && x.BirthDate > oldest).Select(x => new Fact
        {
            RecordId = x.Id, PersonId = x.Id, AreaCode = x.AreaCode, Township = x.TownshipCode, Day = day, Tags = (int)x.Tags, Value = holders.Contains(x.Id) ? 1 : 0,
        });
    }

    static async Task<GetIndicatorValues.Values> EngineAsync(BenchApp app, Figure f, Labels labels)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await EngineAsync(db, app, f, labels);
    }

    static async Task<GetIndicatorValues.Values> EngineAsync(AppDbContext db, BenchApp app, Figure f, Labels labels)
    {
        var r = await IndicatorRequest.ResolveAsync(db, app.User, app.Clock, f.Key, new IndicatorQuery { By = f.By }, default);
        if (!r.IsOk) throw new InvalidOperationException($"{f.Key}: {r.Detail}");
        return await GetIndicatorValues.ComputeAsync(db, r.Value!, app.Clock, default, labels);
    }

    static async Task<Labels> LoadLabelsAsync(BenchApp app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await Labels.LoadAsync(db, default);
    }

    static async Task<(long A, long B, Dictionary<string, (long, long)> Rows)> SqlAsync(DbConnection conn, DatabaseProvider provider, Figure f,
        DateOnly from, DateOnly to, DateOnly today)
    {
        var pg = provider == DatabaseProvider.Postgres;
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = System.Text.RegularExpressions.Regex.Replace(f.Sql, @"\{month:([^}]+)\}", m => pg ? $"to_char({m.Groups[1].Value}, 'YYYY-MM')" : $"substr({m.Groups[1].Value}, 1, 7)");
        // The working age of certificates.rate: the default rules' 16-59 on the last day.
        foreach (var (name, day) in new[] { ("from", from), ("to", to), ("today", today), ("youngest", to.AddYears(-16)), ("oldest", to.AddYears(-60)) })
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = pg ? day : day.ToString("yyyy-MM-dd");
            cmd.Parameters.Add(p);
        }
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (a, b) = (Long(r, 1 - 1), Long(r, 1));
        var rows = new Dictionary<string, (long, long)>();
        if (await r.NextResultAsync())
            while (await r.ReadAsync()) rows[Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "0"] = (Long(r, 1), Long(r, 2));
        return (a, b, rows);
    }

    static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i));

    static (bool, string) Compare(GetIndicatorValues.Values engine, (long A, long B, Dictionary<string, (long A, long B)> Rows) sql)
    {
        var ratio = engine.Total.Denominator is not null;
        (long, long) Of(FigureRow row) => ratio ? (row.Numerator ?? 0, row.Denominator ?? 0) : ((long)(row.Value ?? 0), 0);
        if (Of(engine.Total) != (sql.A, sql.B)) return (false, $"total {Of(engine.Total)} against {(sql.A, sql.B)}");
        if (engine.By is null) return (true, "");
        var mine = engine.Rows.Where(x => Of(x) != (0, 0)).ToDictionary(x => x.Code, Of);
        var theirs = sql.Rows.Where(x => x.Value != (0, 0)).ToDictionary(x => x.Key, x => x.Value);
        var wrong = mine.Keys.Union(theirs.Keys).Where(k => mine.GetValueOrDefault(k) != theirs.GetValueOrDefault(k)).ToList();
        return wrong.Count == 0 ? (true, "")
            : (false, string.Join("; ", wrong.Take(5).Select(k => $"{k}: {mine.GetValueOrDefault(k)} against {theirs.GetValueOrDefault(k)}")));
    }

    static string Show(FigureRow total) => total.Denominator is { } d ? $"{total.Value}% ({total.Numerator:N0}/{d:N0})" : $"{total.Value:N0}";

    /// <summary>Both ways, alternately (which goes first alternates too), so a busy moment of the machine falls on both alike.</summary>
    static async Task<(double[] A, double[] B)> Time(int runs, Func<Task> a, Func<Task> b)
    {
        await a(); // warm-up (and the results compared)
        await b();
        var (ta, tb) = (new double[runs], new double[runs]);
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0) { ta[i] = await Ms(a); tb[i] = await Ms(b); }
            else { tb[i] = await Ms(b); ta[i] = await Ms(a); }
        }
        Array.Sort(ta);
        Array.Sort(tb);
        return (ta, tb);
    }

    static async Task<double> Ms(Func<Task> run)
    {
        var s = Stopwatch.StartNew();
        await run();
        return s.Elapsed.TotalMilliseconds;
    }

    static double P(double[] t, double q) => t[Math.Clamp((int)Math.Ceiling(q * t.Length) - 1, 0, t.Length - 1)];
    static string Ms(double[] t, double q) => P(t, q).ToString("F1");

    static string? Arg(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>The full county with two years of history, kept between runs: a SQLite file under the bench's data folder (or the
    /// PostgreSQL database cs_bench_dashboard_N on CS_TEST_PG's server).</summary>
    static async Task<BenchApp> PrepareAsync(int n, bool postgres)
    {
        var sw = Stopwatch.StartNew();
        BenchApp app;
        if (postgres)
        {
            var admin = Environment.GetEnvironmentVariable("CS_TEST_PG") ?? throw new InvalidOperationException("--provider postgres needs CS_TEST_PG (a PostgreSQL server's connection string).");
            var name = $"cs_bench_dashboard_{n}";
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", c) { Parameters = { new("n", name) } };
                if (await exists.ExecuteScalarAsync() is null) await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
            }
            app = await BenchApp.StartAsync(people: n, postgres: new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        }
        else
        {
            var dir = DataFolder();
            var file = Path.Combine(dir, $"dashboard-{n}.db");
            // A ledger another benchmark already seeded saves the minutes it takes.
            var people = Path.Combine(Path.GetTempPath(), $"countyskills-bench-people-{n}.db");
            if (!File.Exists(file) && File.Exists(people)) File.Copy(people, file);
            app = await BenchApp.StartAsync(people: n, reuse: file);
        }
        var added = await app.Seeder().SeedHistoryAsync();
        if (added is not null) Console.WriteLine($"history added: {added}");
        await using (var db = await app.Factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"county of {n:N0} people with two years of history ready in {sw.Elapsed.TotalSeconds:F1} s ({(postgres ? "PostgreSQL" : app.File)}, kept for the next run)");
        return app;
    }

    /// <summary>bench/CountySkills.Bench/data (BENCH_DATA to put it elsewhere): found from the build output's folder up.</summary>
    static string DataFolder()
    {
        var dir = Environment.GetEnvironmentVariable("BENCH_DATA");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); dir is null && d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CountySkills.Bench.csproj"))) dir = Path.Combine(d.FullName, "data");
        dir ??= Path.Combine(Path.GetTempPath(), "countyskills-bench-data");
        Directory.CreateDirectory(dir);
        return dir;
    }

    static async Task<DbConnection> OpenAsync(BenchApp app)
    {
        DbConnection conn = app.Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    static async Task ExecAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    static async Task<string> CountsAsync(DbConnection conn)
    {
        var parts = new List<string>();
        foreach (var t in new[] { "People", "Enrolments", "Certificates", "ClaimLines", "Placements", "FollowUps", "Businesses" })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{t}\"";
            parts.Add($"{Convert.ToInt64(await cmd.ExecuteScalarAsync()):N0} {t.ToLowerInvariant()}");
        }
        return string.Join(", ", parts);
    }

    /// <summary>BENCH_PLANS=1: the SQL the engine sends for each figure with its query plan (SQLite: EXPLAIN QUERY PLAN).</summary>
    static async Task PlansAsync(BenchApp app, DbConnection conn)
    {
        var labels = await LoadLabelsAsync(app);
        foreach (var f in Figures)
        {
            var sent = new List<string>();
            var options = DatabaseSetup.BuildOptions(app.Provider, app.ConnectionString, null);
            var builder = new DbContextOptionsBuilder(options).EnableSensitiveDataLogging().LogTo(s => { if (s.Contains("Executed DbCommand")) sent.Add(s); },
                [DbLoggerCategory.Database.Command.Name], Microsoft.Extensions.Logging.LogLevel.Information);
            await using var db = DatabaseSetup.Create(builder.Options);
            await EngineAsync(db, app, f, labels);
            Console.WriteLine($"\n== {f.Key} by {f.By ?? "-"}");
            foreach (var s in sent.Where(s => !s.Contains("\"SubsidyRules\"")))
            {
                var sql = s[(s.IndexOf('\n', s.IndexOf("CommandTimeout=", StringComparison.Ordinal)) + 1)..];
                Console.WriteLine(s.Trim());
                if (app.Provider != DatabaseProvider.Sqlite) continue;
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+"))
                    if (!cmd.Parameters.Contains(m.Value)) cmd.Parameters.Add(new SqliteParameter(m.Value, ParamValue(s, m.Value)));
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) Console.WriteLine($"   plan: {r.GetString(3)}");
            }
        }
    }

    /// <summary>A parameter's value from EF's log line ([Parameters=[@to='2026-12-02' (DbType = …), …]).</summary>
    static object ParamValue(string log, string name) =>
        System.Text.RegularExpressions.Regex.Match(log, System.Text.RegularExpressions.Regex.Escape(name) + @"='([^']*)'") is { Success: true } m
            ? DateOnly.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d.ToString("yyyy-MM-dd") : m.Groups[1].Value
            : DBNull.Value;
}
