using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CountySkills.Bench;

/// <summary>
/// Generates N demo people and stores them (a) through the app's own code path (DemoSeeder.StorePeopleAsync: EF Core
/// with the app's model, batches, audit interceptor) and (b) the baseline: a raw prepared SqliteCommand inserting the
/// same rows in one transaction into an identically migrated database. Prints rows/s of both and the ratio.
/// </summary>
public static class PeopleInsertBench
{
    public static async Task RunAsync(int n)
    {
        var dir = Path.Combine(Path.GetTempPath(), "countyskills-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var clock = TimeProvider.System;
            var sw = Stopwatch.StartNew();
            var people = new DemoPeople(20260101, DateOnly.FromDateTime(DateTime.Today)).Generate(n, DateTime.UtcNow).ToList();
            var generate = sw.Elapsed;

            var appFactory = await Migrated(Path.Combine(dir, "app.db"), clock);
            var baseFactory = await Migrated(Path.Combine(dir, "baseline.db"), clock);

            // Baseline first, then the app, then the baseline again on a fresh file: the better baseline counts.
            var baseline1 = await Baseline(Path.Combine(dir, "baseline.db"), people);
            GC.Collect();
            var seeder = new DemoSeeder(appFactory, clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(appFactory, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }), NullLogger<DemoSeeder>.Instance);
            sw.Restart();
            await seeder.StorePeopleAsync(people);
            var app = sw.Elapsed;
            await using (var check = await appFactory.CreateDbContextAsync())
                if (await check.Database.SqlQueryRaw<string>("SELECT typeof(\"Version\") AS \"Value\" FROM \"People\" LIMIT 1").SingleAsync() != "text")
                    throw new InvalidOperationException("bulk path wrote Version in a different storage class than EF");

            // For context: EF Core SaveChanges one row at a time in batches (what ordinary edits use).
            var efFactory = await Migrated(Path.Combine(dir, "ef.db"), clock);
            var efRows = people.Take(Math.Min(n, 20_000)).Select(Clone).ToList();
            sw.Restart();
            foreach (var chunk in efRows.Chunk(5_000))
            {
                await using var db = await efFactory.CreateDbContextAsync();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.People.AddRange(chunk);
                await db.SaveChangesAsync();
            }
            var ef = sw.Elapsed;
            await Migrated(Path.Combine(dir, "baseline2.db"), clock);
            var baseline2 = await Baseline(Path.Combine(dir, "baseline2.db"), people);
            var baseline = baseline1 < baseline2 ? baseline1 : baseline2;

            await using (var db = await appFactory.CreateDbContextAsync())
                if (await db.People.CountAsync() != n) throw new InvalidOperationException("app path stored a different number of rows");
            _ = baseFactory;

            double Rate(TimeSpan t) => n / t.TotalSeconds;
            Table.Print($"people-insert: N = {n:N0} (generation {generate.TotalSeconds:F2} s, not counted)",
                ["path", "seconds", "rows/s", "ratio to baseline"],
                [
                    ["baseline: prepared SqliteCommand, one transaction", $"{baseline.TotalSeconds:F2}", $"{Rate(baseline):N0}", "1.00x"],
                    ["app: DemoSeeder.StorePeopleAsync (bulk path, batches of 5,000)", $"{app.TotalSeconds:F2}", $"{Rate(app):N0}", $"{app / baseline:F2}x"],
                    [$"context: EF Core SaveChanges, {efRows.Count:N0} rows", $"{ef.TotalSeconds:F2}", $"{efRows.Count / ef.TotalSeconds:N0}", $"{Rate(baseline) / (efRows.Count / ef.TotalSeconds):F2}x"],
                ]);
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    static Person Clone(Person p)
    {
        var c = Person.Create(IdNumber.Parse(p.IdNumber), p.Name, p.AreaCode, p.CreatedUtc);
        c.Phone = p.Phone;
        c.Tags = p.Tags;
        c.EmploymentStatus = p.EmploymentStatus;
        return c;
    }

    static async Task<IDbContextFactory<AppDbContext>> Migrated(string file, TimeProvider clock)
    {
        var options = DatabaseSetup.BuildOptions(DatabaseProvider.Sqlite, $"Data Source={file}", new AuditInterceptor(clock));
        IDbContextFactory<AppDbContext> factory = new AppDbContextFactory(options, new CurrentUser());
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return factory;
    }

    public static async Task<TimeSpan> Baseline(string file, List<Person> people)
    {
        await using var conn = new SqliteConnection($"Data Source={file}");
        await conn.OpenAsync();
        await using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = SqlitePragmas.Sql; // the same settings the app's connections get
            await pragma.ExecuteNonQueryAsync();
        }
        var sw = Stopwatch.StartNew();
        await using var tx = conn.BeginTransaction();
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        string[] cols = ["IdNumber", "Name", "Sex", "BirthDate", "Phone", "Education", "HouseholdNumber", "AreaCode", "TownshipCode", "Tags",
            "MonitoredCategory", "MonitoredRiskEliminated", "EmploymentStatus", "Destination", "WorkProvince", "WorkCity", "Industry",
            "WorkingSince", "MonthlyIncomeFen", "CreatedUtc", "Version"];
        cmd.CommandText = $"INSERT INTO People ({string.Join(",", cols)}) VALUES ({string.Join(",", cols.Select(c => "$" + c))})";
        var p = cols.ToDictionary(c => c, c => cmd.Parameters.Add(new SqliteParameter("$" + c, null)));
        cmd.Prepare();
        foreach (var x in people)
        {
            p["IdNumber"].Value = x.IdNumber; p["Name"].Value = x.Name; p["Sex"].Value = (int)x.Sex;
            p["BirthDate"].Value = x.BirthDate.ToString("yyyy-MM-dd"); p["Phone"].Value = (object?)x.Phone ?? DBNull.Value;
            p["Education"].Value = (int)x.Education; p["HouseholdNumber"].Value = (object?)x.HouseholdNumber ?? DBNull.Value;
            p["AreaCode"].Value = x.AreaCode; p["TownshipCode"].Value = x.TownshipCode; p["Tags"].Value = (int)x.Tags;
            p["MonitoredCategory"].Value = x.MonitoredCategory is { } m ? (int)m : DBNull.Value;
            p["MonitoredRiskEliminated"].Value = x.MonitoredRiskEliminated is { } r ? r : DBNull.Value;
            p["EmploymentStatus"].Value = (int)x.EmploymentStatus; p["Destination"].Value = x.Destination is { } d ? (int)d : DBNull.Value;
            p["WorkProvince"].Value = (object?)x.WorkProvince ?? DBNull.Value; p["WorkCity"].Value = (object?)x.WorkCity ?? DBNull.Value;
            p["Industry"].Value = (object?)x.Industry ?? DBNull.Value;
            p["WorkingSince"].Value = x.WorkingSince is { } w ? w.ToString("yyyy-MM-dd") : DBNull.Value;
            p["MonthlyIncomeFen"].Value = x.MonthlyIncomeFen is { } i ? i : DBNull.Value;
            p["CreatedUtc"].Value = x.CreatedUtc; p["Version"].Value = x.Version.ToString().ToUpperInvariant();
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return sw.Elapsed;
    }
}
