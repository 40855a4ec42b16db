using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CountySkills.Tests.Demo;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Infrastructure.Backup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CountySkills.Tests.Foundation;

/// <summary>The demo county with two years of history over a small ledger, to back up and restore.</summary>
public sealed class BackupApp<TProvider> : AppFactory where TProvider : IProvider
{
    public override DatabaseProvider Provider => TProvider.Provider;
    protected override int DemoPeople => 400;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Demo:History"] = "true" };
    public string Database => ConnectionString;
}

/// <summary>
/// The backup and restore commands (the code `backup --to` / `restore --from` run) on a populated database: a restore into a fresh
/// database holds every table of the catalogue with the same rows, and the audit log byte for byte (ADR 0027).
/// </summary>
public abstract class BackupRestoreTests(AppFactory app, string database, ITestOutputHelper output)
{
    protected string Database { get; } = database;
    protected ITestOutputHelper Output { get; } = output;
    protected string Folder { get; } = Directory.CreateTempSubdirectory("cs-backup-").FullName;
    protected IReadOnlyCollection<string> Known => BackupCommand.KnownMigrations(app.Services.CreateScope().ServiceProvider);

    protected abstract Task<SortedDictionary<string, DatabaseFingerprint.Table>> FingerprintAsync(string database);
    protected abstract Task<List<byte[][]>> AuditRowsAsync(string database);
    protected abstract Task<int> BackupAsync(string file, bool force, StringWriter output, StringWriter error);
    protected abstract Task<(int Exit, string Restored)> RestoreIntoFreshAsync(string file, StringWriter output, StringWriter error);
    protected abstract Task DropAsync(string restored);

    /// <summary>Writes through HTTP that the audit log records: sign-ins, a new person, an edit, a setting changed with a reason.</summary>
    async Task AuditedWritesAsync()
    {
        var county = await app.ClientFor("county");
        var admin = await app.ClientFor("admin");
        var id = Ids.New(1986);
        var created = await HttpAssert.Json(await county.PostAsJsonAsync("/api/people",
            new { idNumber = id, name = "备份“引号”\\测试", villageCode = "419921101001", phone = "13644440001", employmentStatus = "Farming" }), HttpStatusCode.Created);
        var personId = created.GetProperty("id").GetInt64();
        await HttpAssert.Json(await county.PutAsJsonAsync($"/api/people/{personId}",
            new { idNumber = id, name = "备份测试乙", villageCode = "419921101001", phone = "13644440002", employmentStatus = "Farming", version = created.GetProperty("version").GetGuid() }));
        var settings = (await HttpAssert.Json(await admin.GetAsync("/api/admin/settings"))).GetProperty("exactSearchPerMinute");
        var version = settings.GetProperty("version");
        await HttpAssert.Json(await admin.PutAsJsonAsync("/api/admin/settings/exact-search-per-minute",
            new { perMinute = 25, reason = "备份演练\n第二行", basedOn = version.ValueKind == System.Text.Json.JsonValueKind.Number ? version.GetInt64() : (long?)null }));
    }

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_has_every_table_with_the_same_rows_and_the_audit_log_byte_for_byte()
    {
        await AuditedWritesAsync();
        var before = await FingerprintAsync(Database);
        var auditBefore = await AuditRowsAsync(Database);
        Assert.True(auditBefore.Count >= 5, $"{auditBefore.Count} audit entries");
        Assert.Contains(BackupCommand.MigrationsTable, string.Join(" ", before.Keys));
        Assert.Contains("AspNetUsers", string.Join(" ", before.Keys));

        var file = Path.Combine(Folder, "copy");
        var (o, e) = (new StringWriter(), new StringWriter());
        var clock = Stopwatch.StartNew();
        Assert.True(await BackupAsync(file, false, o, e) == 0, e.ToString());
        Output.WriteLine($"{o}{clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("Backup written to", o.ToString());
        Assert.Equal(1, await BackupAsync(file, false, new StringWriter(), e = new StringWriter()));
        Assert.Contains("--force", e.ToString());
        // Nothing wrote meanwhile, so the copy is of this state; only a clustered job store's heartbeat (qrtz_ tables) may move
        // on its own, and for those the copy holds the state before or after.
        var meanwhile = await FingerprintAsync(Database);
        var moving = before.Keys.Where(t => before[t] != meanwhile[t]).ToList();
        Assert.All(moving, t => Assert.Contains("qrtz_", t, StringComparison.OrdinalIgnoreCase));

        (o, e) = (new StringWriter(), new StringWriter());
        var (exit, restored) = await RestoreIntoFreshAsync(file, o, e);
        try
        {
            Assert.True(exit == 0, e.ToString());
            Output.WriteLine(o.ToString());
            Assert.Contains("Migrations: all", o.ToString());
            var after = await FingerprintAsync(restored);
            Assert.Equal(before.Keys, after.Keys);
            foreach (var (table, expected) in before)
                Assert.True(expected == after[table] || (moving.Contains(table) && meanwhile[table] == after[table]),
                    $"{table}: {expected} before, {after[table]} restored");
            Output.WriteLine($"{before.Count} tables and schema lists compared, {before.Values.Sum(t => t.Rows):N0} rows; {auditBefore.Count} audit entries");

            var auditAfter = await AuditRowsAsync(restored);
            Assert.Equal(auditBefore.Count, auditAfter.Count);
            for (var i = 0; i < auditBefore.Count; i++)
                for (var c = 0; c < auditBefore[i].Length; c++)
                    Assert.True(auditBefore[i][c].AsSpan().SequenceEqual(auditAfter[i][c]), $"audit row {i}, column {c} differs");
            await AuditLogStaysAppendOnlyAsync(restored);
        }
        finally
        {
            await DropAsync(restored);
        }
    }

    protected abstract Task AuditLogStaysAppendOnlyAsync(string restored);

    [Fact]
    public async Task A_file_that_is_not_a_CountySkills_backup_is_refused()
    {
        var junk = Path.Combine(Folder, "junk.bin");
        await File.WriteAllTextAsync(junk, "not a database");
        var e = new StringWriter();
        var (exit, restored) = await RestoreIntoFreshAsync(junk, new StringWriter(), e);
        await DropAsync(restored);
        Assert.Equal(1, exit);
        Assert.Contains("not a", e.ToString());
    }
}

public sealed class BackupRestoreTests_Sqlite(BackupApp<OnSqlite> app, ITestOutputHelper output)
    : BackupRestoreTests(app, SqliteBackup.DatabasePath(app.Database)!, output), IClassFixture<BackupApp<OnSqlite>>
{
    /// <summary>
    /// Another connection commits in a loop (one row into each of two tables per transaction) while backups are taken: every copy
    /// passes integrity_check, its two tables hold the same count, and that count lies between the commits seen before and after.
    /// </summary>
    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_is_a_state_that_existed()
    {
        await using (var setup = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await setup.OpenAsync();
            await new SqliteCommand("CREATE TABLE IF NOT EXISTS ProbeA (N INTEGER PRIMARY KEY, Payload BLOB); CREATE TABLE IF NOT EXISTS ProbeB (N INTEGER PRIMARY KEY, Payload BLOB);", setup).ExecuteNonQueryAsync();
        }
        long committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            await using var w = new SqliteConnection($"Data Source={Database};Pooling=False");
            await w.OpenAsync();
            await new SqliteCommand("PRAGMA busy_timeout=10000;", w).ExecuteNonQueryAsync();
            var payload = new byte[8192];
            for (long n = 1; !stop.IsCancellationRequested; n++)
            {
                await using var tx = w.BeginTransaction();
                foreach (var t in new[] { "ProbeA", "ProbeB" })
                {
                    Random.Shared.NextBytes(payload);
                    await using var cmd = new SqliteCommand($"INSERT INTO {t} (N, Payload) VALUES ($n, $p)", w, tx);
                    cmd.Parameters.AddWithValue("$n", n);
                    cmd.Parameters.AddWithValue("$p", payload);
                    await cmd.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
                Interlocked.Exchange(ref committed, n);
            }
        });
        try
        {
            while (Interlocked.Read(ref committed) < 50) await Task.Delay(10);
            for (var i = 0; i < 4; i++)
            {
                var low = Interlocked.Read(ref committed);
                var file = Path.Combine(Folder, $"live-{i}.db");
                var e = new StringWriter();
                Assert.True(await SqliteBackup.BackupAsync(app.Database, file, false, new StringWriter(), e) == 0, e.ToString());
                var high = Interlocked.Read(ref committed) + 1; // a commit may land between the copy and this read
                Assert.False(writer.IsCompleted, "the writer stopped");
                var check = await SqliteBackup.InspectAsync(file);
                Assert.True(check.Sound, check.Problem);
                Assert.Equal(check.Tables["ProbeA"], check.Tables["ProbeB"]);
                Assert.InRange(check.Tables["ProbeA"], low, high);
                Output.WriteLine($"copy {i}: {check.Tables["ProbeA"]} probe rows (between {low} and {high}), {new FileInfo(file).Length:N0} bytes");
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
            await using var drop = new SqliteConnection($"Data Source={Database};Pooling=False");
            await drop.OpenAsync();
            await new SqliteCommand("DROP TABLE ProbeA; DROP TABLE ProbeB;", drop).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_restore_over_a_database_the_app_holds_open_is_refused()
    {
        var file = Path.Combine(Folder, "for-restore.db");
        Assert.Equal(0, await SqliteBackup.BackupAsync(app.Database, file, false, new StringWriter(), new StringWriter()));
        // The app under test is running and its pool holds connections to the database.
        await using (var scope = app.Scope())
        await using (var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>().CreateDbContext())
            _ = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.People);
        var e = new StringWriter();
        Assert.Equal(1, await SqliteBackup.RestoreAsync(app.Database, file, true, Known, new StringWriter(), e));
        Assert.Contains("stop the app", e.ToString());
    }

    protected override Task<SortedDictionary<string, DatabaseFingerprint.Table>> FingerprintAsync(string database) => DatabaseFingerprint.SqliteAsync(database);
    protected override Task<List<byte[][]>> AuditRowsAsync(string database) => DatabaseFingerprint.SqliteRowsAsync(database, "AuditEntries", "Id");
    protected override Task<int> BackupAsync(string file, bool force, StringWriter o, StringWriter e) => SqliteBackup.BackupAsync(app.Database, file, force, o, e);

    protected override async Task<(int, string)> RestoreIntoFreshAsync(string file, StringWriter o, StringWriter e)
    {
        var restored = Path.Combine(Folder, "restored-" + Guid.NewGuid().ToString("N")[..6] + ".db");
        return (await SqliteBackup.RestoreAsync($"Data Source={restored}", file, false, Known, o, e), restored);
    }

    protected override Task DropAsync(string restored)
    {
        foreach (var f in new[] { restored, restored + "-wal", restored + "-shm" }) File.Delete(f);
        return Task.CompletedTask;
    }

    protected override async Task AuditLogStaysAppendOnlyAsync(string restored)
    {
        await using var db = new SqliteConnection($"Data Source={restored};Pooling=False");
        await db.OpenAsync();
        await Assert.ThrowsAsync<SqliteException>(() => new SqliteCommand("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'", db).ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<SqliteException>(() => new SqliteCommand("DELETE FROM \"AuditEntries\"", db).ExecuteNonQueryAsync());
    }
}

public sealed class BackupRestoreTests_Postgres(BackupApp<OnPostgres> app, ITestOutputHelper output)
    : BackupRestoreTests(app, app.Database, output), IClassFixture<BackupApp<OnPostgres>>
{
    protected override Task<SortedDictionary<string, DatabaseFingerprint.Table>> FingerprintAsync(string database) => DatabaseFingerprint.PostgresAsync(database);
    protected override Task<List<byte[][]>> AuditRowsAsync(string database) => DatabaseFingerprint.PostgresRowsAsync(database, "AuditEntries", "Id");
    protected override Task<int> BackupAsync(string file, bool force, StringWriter o, StringWriter e) => PostgresBackup.BackupAsync(app.Database, file, force, o, e);

    protected override async Task<(int, string)> RestoreIntoFreshAsync(string file, StringWriter o, StringWriter e)
    {
        var name = "cs_restored_" + Guid.NewGuid().ToString("N")[..12];
        await Admin($"CREATE DATABASE \"{name}\"");
        var restored = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name }.ConnectionString;
        return (await PostgresBackup.RestoreAsync(restored, file, Known, o, e), restored);
    }

    protected override async Task DropAsync(string restored)
    {
        NpgsqlConnection.ClearAllPools();
        await Admin($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(restored).Database}\" WITH (FORCE)");
    }

    protected override async Task AuditLogStaysAppendOnlyAsync(string restored)
    {
        await using var db = new NpgsqlConnection(restored);
        await db.OpenAsync();
        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"UserName\" = 'x'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\"" })
            Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, db).ExecuteNonQueryAsync())).MessageText);
    }

    /// <summary>The operator's scripts: deploy/backup/pg-backup.sh keeps the newest copies, pg-restore.sh restores one into a new database
    /// and, as a restore drill, compares every table with the source.</summary>
    [Fact]
    public async Task The_backup_scripts_keep_the_newest_copies_and_restore_one_identical_to_the_source()
    {
        var env = PgTools.LibpqEnvironment(app.Database);
        var source = env["PGDATABASE"];
        var dir = Path.Combine(Folder, "scripts");
        var first = await Script(env, "pg-backup.sh", "-d", dir, "-k", "1", source);
        Assert.True(first.ExitCode == 0, first.Error);
        await Task.Delay(1100); // names are dated to the second
        var second = await Script(env, "pg-backup.sh", "-d", dir, "-k", "1", source);
        Assert.True(second.ExitCode == 0, second.Error);
        Output.WriteLine(second.Output);
        var kept = Assert.Single(Directory.GetFiles(dir, "*.dump"));
        Assert.True(File.Exists(kept + ".sha256"));

        var restored = "cs_script_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var run = await Script(env, "pg-restore.sh", kept, restored, "--compare", source);
            Output.WriteLine(run.Output + run.Error);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("tables identical", run.Output);
            var again = await Script(env, "pg-restore.sh", kept, restored);
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("exists", again.Error);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin($"DROP DATABASE IF EXISTS \"{restored}\" WITH (FORCE)");
        }
    }

    static Task<PgTools.Run> Script(Dictionary<string, string> env, string script, params string[] args)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CountySkills.slnx"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        return PgTools.RunAsync("bash", null, [Path.Combine(root, "deploy", "backup", script), .. args], env);
    }

    static async Task Admin(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await conn.OpenAsync();
        await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
    }
}
