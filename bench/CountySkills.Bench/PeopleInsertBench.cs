using System.Diagnostics;
using CountySkills.Web.Data;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace CountySkills.Bench;

/// <summary>
/// Generates N demo people and stores them (a) through the app's own code path (DemoSeeder.StorePeopleAsync: EF Core
/// with the app's model, batches, audit interceptor) and (b) the baseline: a raw prepared SqliteCommand inserting the
/// same rows in one transaction into an identically migrated database. Prints rows/s of both and the ratio.
/// --provider postgres: the same on PostgreSQL databases created for the run (dropped after); the baseline is a raw prepared
/// NpgsqlCommand INSERT in one transaction, while the app's bulk path there is binary COPY (BulkInsert), so the ratio
/// shows what COPY gains over row-by-row inserts rather than what the app's mapping costs.
/// </summary>
public static class PeopleInsertBench
{
    public static async Task RunAsync(int n)
    {
        var dir = Path.Combine(Path.GetTempPath(), "countyskills-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var pg = BenchApp.Postgres;
        var provider = pg is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var run = Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        // A new, empty database: a file in the run's folder, or a PostgreSQL database of the run (dropped at the end).
        async Task<string> Database(string name)
        {
            if (pg is null) return $"Data Source={Path.Combine(dir, name + ".db")}";
            created.Add($"bench_insert_{run}_{name}");
            return await pg.DatabaseAsync(created[^1], fresh: true);
        }
        try
        {
            var clock = TimeProvider.System;
            var sw = Stopwatch.StartNew();
            var people = new DemoPeople(20260101, DateOnly.FromDateTime(DateTime.Today)).Generate(n, DateTime.UtcNow).ToList();
            var generate = sw.Elapsed;

            var appDb = await Database("app");
            var baseDb = await Database("baseline");
            var appFactory = await Migrated(provider, appDb, clock);
            var baseFactory = await Migrated(provider, baseDb, clock);

            // Baseline first, then the app, then the baseline again on a fresh database: the better baseline counts.
            var baseline1 = await Baseline(provider, baseDb, people);
            GC.Collect();
            var seeder = new DemoSeeder(appFactory, clock, new CountySkills.Web.Features.Admin.Settings.CurrentSettings(appFactory, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }), NullLogger<DemoSeeder>.Instance);
            sw.Restart();
            await seeder.StorePeopleAsync(people);
            var app = sw.Elapsed;
            // SQLite keeps any value in any column: the bulk path must write Version as EF does (PostgreSQL's uuid column allows nothing else).
            if (provider == DatabaseProvider.Sqlite)
                await using (var check = await appFactory.CreateDbContextAsync())
                    if (await check.Database.SqlQueryRaw<string>("SELECT typeof(\"Version\") AS \"Value\" FROM \"People\" LIMIT 1").SingleAsync() != "text")
                        throw new InvalidOperationException("bulk path wrote Version in a different storage class than EF");

            // For context: EF Core SaveChanges one row at a time in batches (what ordinary edits use).
            var efFactory = await Migrated(provider, await Database("ef"), clock);
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
            var baseDb2 = await Database("baseline2");
            await Migrated(provider, baseDb2, clock);
            var baseline2 = await Baseline(provider, baseDb2, people);
            var baseline = baseline1 < baseline2 ? baseline1 : baseline2;

            await using (var db = await appFactory.CreateDbContextAsync())
                if (await db.People.CountAsync() != n) throw new InvalidOperationException("app path stored a different number of rows");
            _ = baseFactory;

            double Rate(TimeSpan t) => n / t.TotalSeconds;
            var (raw, bulk) = provider == DatabaseProvider.Postgres
                ? ("prepared NpgsqlCommand INSERT", "bulk path: binary COPY")
                : ("prepared SqliteCommand", "bulk path");
            Table.Print($"people-insert: N = {n:N0}, {(pg is null ? "SQLite" : "PostgreSQL")} (generation {generate.TotalSeconds:F2} s, not counted)",
                ["path", "seconds", "rows/s", "ratio to baseline"],
                [
                    [$"baseline: {raw}, one transaction", $"{baseline.TotalSeconds:F2}", $"{Rate(baseline):N0}", "1.00x"],
                    [$"app: DemoSeeder.StorePeopleAsync ({bulk}, batches of 5,000)", $"{app.TotalSeconds:F2}", $"{Rate(app):N0}", $"{app / baseline:F2}x"],
                    [$"context: EF Core SaveChanges, {efRows.Count:N0} rows", $"{ef.TotalSeconds:F2}", $"{efRows.Count / ef.TotalSeconds:N0}", $"{Rate(baseline) / (efRows.Count / ef.TotalSeconds):F2}x"],
                ]);
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (pg is not null && created.Count > 0)
            {
                await using var admin = new NpgsqlConnection(pg.AdminConnectionString);
                await admin.OpenAsync();
                foreach (var name in created)
                    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
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

    static async Task<IDbContextFactory<AppDbContext>> Migrated(DatabaseProvider provider, string connectionString, TimeProvider clock)
    {
        var options = DatabaseSetup.BuildOptions(provider, connectionString, new AuditInterceptor(clock));
        IDbContextFactory<AppDbContext> factory = new AppDbContextFactory(options, new CurrentUser());
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (provider == DatabaseProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return factory;
    }

    /// <summary>The raw prepared insert of <paramref name="people"/> in one transaction, into the migrated database given.</summary>
    public static Task<TimeSpan> Baseline(DatabaseProvider provider, string connectionString, List<Person> people) =>
        provider == DatabaseProvider.Postgres ? PostgresBaseline(connectionString, people) : SqliteBaseline(connectionString, people);

    static readonly string[] Columns = ["IdNumber", "Name", "Sex", "BirthDate", "Phone", "Education", "HouseholdNumber", "AreaCode", "TownshipCode", "Tags",
        "MonitoredCategory", "MonitoredRiskEliminated", "EmploymentStatus", "Destination", "WorkProvince", "WorkCity", "Industry",
        "WorkingSince", "MonthlyIncomeFen", "CreatedUtc", "Version"];

    /// <summary>PostgreSQL: a prepared INSERT with typed parameters (the columns' own types: date, uuid, timestamptz…), one row a round trip.</summary>
    static async Task<TimeSpan> PostgresBaseline(string connectionString, List<Person> people)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var sw = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand($"INSERT INTO \"People\" ({string.Join(",", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", Columns.Select(c => "@" + c))})", conn, tx);
        NpgsqlDbType Type(string c) => c switch
        {
            "Sex" or "Education" or "Tags" or "MonitoredCategory" or "EmploymentStatus" or "Destination" => NpgsqlDbType.Integer,
            "BirthDate" or "WorkingSince" => NpgsqlDbType.Date,
            "MonitoredRiskEliminated" => NpgsqlDbType.Boolean,
            "MonthlyIncomeFen" => NpgsqlDbType.Bigint,
            "CreatedUtc" => NpgsqlDbType.TimestampTz,
            "Version" => NpgsqlDbType.Uuid,
            _ => NpgsqlDbType.Varchar,
        };
        var p = Columns.ToDictionary(c => c, c => cmd.Parameters.Add(new NpgsqlParameter(c, Type(c))));
        await cmd.PrepareAsync();
        foreach (var x in people)
        {
            p["IdNumber"].Value = x.IdNumber; p["Name"].Value = x.Name; p["Sex"].Value = (int)x.Sex;
            p["BirthDate"].Value = x.BirthDate; p["Phone"].Value = (object?)x.Phone ?? DBNull.Value;
            p["Education"].Value = (int)x.Education; p["HouseholdNumber"].Value = (object?)x.HouseholdNumber ?? DBNull.Value;
            p["AreaCode"].Value = x.AreaCode; p["TownshipCode"].Value = x.TownshipCode; p["Tags"].Value = (int)x.Tags;
            p["MonitoredCategory"].Value = x.MonitoredCategory is { } m ? (int)m : DBNull.Value;
            p["MonitoredRiskEliminated"].Value = x.MonitoredRiskEliminated is { } r ? r : DBNull.Value;
            p["EmploymentStatus"].Value = (int)x.EmploymentStatus; p["Destination"].Value = x.Destination is { } d ? (int)d : DBNull.Value;
            p["WorkProvince"].Value = (object?)x.WorkProvince ?? DBNull.Value; p["WorkCity"].Value = (object?)x.WorkCity ?? DBNull.Value;
            p["Industry"].Value = (object?)x.Industry ?? DBNull.Value;
            p["WorkingSince"].Value = x.WorkingSince is { } w ? w : DBNull.Value;
            p["MonthlyIncomeFen"].Value = x.MonthlyIncomeFen is { } i ? i : DBNull.Value;
            p["CreatedUtc"].Value = x.CreatedUtc; p["Version"].Value = x.Version;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return sw.Elapsed;
    }

    static async Task<TimeSpan> SqliteBaseline(string connectionString, List<Person> people)
    {
        await using var conn = new SqliteConnection(connectionString);
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
        var cols = Columns;
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
