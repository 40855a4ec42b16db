using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CountySkills.Web.Infrastructure.Backup;

/// <summary>
/// SQLite through its online backup API (sqlite3_backup, one step): the copy is one consistent snapshot even while the app
/// runs and writes (WAL: readers never block writers), unlike a file copy, which can catch the database and its -wal file
/// at different moments. Written under a temporary name, checked with integrity_check, then renamed (ADR 0027).
/// </summary>
public static class SqliteBackup
{
    public static async Task<int> BackupAsync(string connectionString, string file, bool force, TextWriter output, TextWriter error)
    {
        var source = DatabasePath(connectionString);
        if (source is null || !File.Exists(source))
            return Fail(error, $"There is no SQLite database at {source ?? connectionString}: nothing to back up.");
        var target = Path.GetFullPath(file);
        if (SamePath(source, target)) return Fail(error, "The backup cannot overwrite the database it copies.");
        if (File.Exists(target) && !force) return Fail(error, $"{target} exists: choose another name, or add --force to replace it.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var temp = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        try
        {
            await using (var from = Open(source, SqliteOpenMode.ReadWrite))
            await using (var to = Open(temp, SqliteOpenMode.ReadWriteCreate))
            {
                await ExecAsync(from, "PRAGMA busy_timeout=10000;");
                from.BackupDatabase(to);
                // One self-contained file: no -wal beside it (the app turns WAL on again when it opens a restored copy).
                await ExecAsync(to, "PRAGMA journal_mode=DELETE;");
            }
            var check = await InspectAsync(temp);
            if (!check.Sound) return Fail(error, $"The copy failed its integrity check and was deleted: {check.Problem}");
            File.Move(temp, target, overwrite: force);
            output.WriteLine($"Backup written to {target}: {check.Tables.Count} tables, {check.Rows:N0} rows, {new FileInfo(target).Length:N0} bytes, " +
                             $"in {clock.Elapsed.TotalSeconds:F2} s (integrity_check ok; {check.Migrations.Count} migrations).");
            return 0;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Copies a backup over the configured database (or into a new file). Refuses a file that is not a sound CountySkills database
    /// or that comes from a newer version, and a database another process holds open (the app: stop every node first).
    /// </summary>
    public static async Task<int> RestoreAsync(string connectionString, string file, bool force, IReadOnlyCollection<string> knownMigrations,
        TextWriter output, TextWriter error)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup)) return Fail(error, $"There is no file {backup}.");
        var target = DatabasePath(connectionString);
        if (target is null) return Fail(error, "The configured SQLite database is not a file: nothing to restore into.");
        if (SamePath(backup, target)) return Fail(error, "The backup is the configured database itself.");
        Inspection check;
        try { check = await InspectAsync(backup); }
        catch (SqliteException e) { return Fail(error, $"{backup} is not a readable SQLite database ({e.Message})."); }
        if (!check.Sound) return Fail(error, $"{backup} fails its integrity check: {check.Problem}");
        if (BackupCommand.Refusal(check.Tables.Keys, check.Migrations, knownMigrations) is { } refusal) return Fail(error, $"{backup}: {refusal}");

        var clock = Stopwatch.StartNew();
        if (File.Exists(target))
        {
            await using var to = Open(target, SqliteOpenMode.ReadWrite);
            try
            {
                // An open connection of another process (the app keeps pooled ones) holds the WAL index: no exclusive lock then.
                await ExecAsync(to, "PRAGMA busy_timeout=0; PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", timeoutSeconds: 2);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                return Fail(error, $"{target} is in use by another process: stop the app (every node) before a restore, then run it again.");
            }
            var tables = await ScalarAsync(to, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
            if (tables > 0 && !force)
                return Fail(error, $"{target} holds a database ({tables} tables): add --force to replace it with the backup (take a backup of it first).");
            await ExecAsync(to, "PRAGMA journal_mode=DELETE;");
            await using (var from = Open(backup, SqliteOpenMode.ReadOnly)) from.BackupDatabase(to);
            await ExecAsync(to, "PRAGMA journal_mode=WAL;");
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
            await using (var to = Open(temp, SqliteOpenMode.ReadWriteCreate))
            {
                await using (var from = Open(backup, SqliteOpenMode.ReadOnly)) from.BackupDatabase(to);
                await ExecAsync(to, "PRAGMA journal_mode=WAL;");
            }
            File.Move(temp, target);
        }
        var restored = await InspectAsync(target);
        if (!restored.Sound) return Fail(error, $"The restored database fails its integrity check: {restored.Problem}");
        output.WriteLine($"Restored {backup} into {target}: {restored.Tables.Count} tables, {restored.Rows:N0} rows, in {clock.Elapsed.TotalSeconds:F2} s.");
        output.WriteLine(BackupCommand.MigrationsNote(restored.Migrations, knownMigrations));
        return 0;
    }

    public sealed record Inspection(bool Sound, string? Problem, IReadOnlyDictionary<string, long> Tables, IReadOnlyList<string> Migrations)
    {
        public long Rows => Tables.Values.Sum();
    }

    /// <summary>integrity_check, every table's row count, and the migrations the file has.</summary>
    public static async Task<Inspection> InspectAsync(string path)
    {
        await using var db = Open(path, SqliteOpenMode.ReadOnly);
        var problems = new List<string>();
        await using (var cmd = new SqliteCommand("PRAGMA integrity_check", db))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) problems.Add(r.GetString(0));
        var sound = problems is ["ok"];
        var tables = new Dictionary<string, long>();
        var names = new List<string>();
        await using (var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", db))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) names.Add(r.GetString(0));
        foreach (var name in names) tables[name] = await ScalarAsync(db, $"SELECT count(*) FROM \"{name.Replace("\"", "\"\"")}\"");
        var migrations = new List<string>();
        if (tables.ContainsKey(BackupCommand.MigrationsTable))
        {
            await using var cmd = new SqliteCommand($"SELECT \"MigrationId\" FROM \"{BackupCommand.MigrationsTable}\" ORDER BY 1", db);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) migrations.Add(r.GetString(0));
        }
        return new(sound, sound ? null : string.Join("; ", problems.Take(5)), tables, migrations);
    }

    public static string? DatabasePath(string connectionString)
    {
        var ds = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return ds is "" or ":memory:" || ds.StartsWith("file::memory:", StringComparison.Ordinal) ? null : Path.GetFullPath(ds);
    }

    static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    static async Task ExecAsync(SqliteConnection c, string sql, int timeoutSeconds = 30)
    {
        // Microsoft.Data.Sqlite retries a busy database until the command timeout.
        await using var cmd = new SqliteCommand(sql, c) { CommandTimeout = timeoutSeconds };
        await using var r = await cmd.ExecuteReaderAsync(); // PRAGMA journal_mode answers with a row
        do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
    }

    static async Task<long> ScalarAsync(SqliteConnection c, string sql)
    {
        await using var cmd = new SqliteCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 1;
    }
}
