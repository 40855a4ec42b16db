using System.Diagnostics;
using Npgsql;

namespace CountySkills.Web.Infrastructure.Backup;

/// <summary>
/// PostgreSQL: a logical copy with pg_dump -Fc, taken inside a snapshot this command exports (so the row counts it prints are
/// those of the copy), and pg_restore into an empty database. The connection comes from the app's connection string and goes to
/// the tools as libpq environment variables: the password never appears on a command line (ADR 0027).
/// </summary>
public static class PostgresBackup
{
    const string UserTables = "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables " +
                              "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";

    public static async Task<int> BackupAsync(string connectionString, string file, bool force, TextWriter output, TextWriter error)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target) && !force) return Fail(error, $"{target} exists: choose another name, or add --force to replace it.");
        if (PgTools.Find("pg_dump") is not { } pgDump) return Fail(error, PgTools.Missing("pg_dump"));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var snapshot = (string)(await new NpgsqlCommand("SELECT pg_export_snapshot()", conn, tx).ExecuteScalarAsync())!;
            var counts = await CountRowsAsync(conn, tx);
            var dump = await PgTools.RunAsync(pgDump, connectionString, ["--format=custom", $"--snapshot={snapshot}", $"--file={temp}"]);
            await tx.CommitAsync();
            if (dump.ExitCode != 0) return Fail(error, $"pg_dump failed ({dump.ExitCode}): {dump.Error.Trim()}");

            var list = await PgTools.ListAsync(temp);
            if (list is null) return Fail(error, "pg_restore --list cannot read the copy: it was deleted.");
            var dataEntries = list.Count(l => l.Contains(" TABLE DATA ", StringComparison.Ordinal));
            if (dataEntries != counts.Count)
                return Fail(error, $"The copy holds data of {dataEntries} tables, the database has {counts.Count}: it was deleted.");
            File.Move(temp, target, overwrite: force);
            output.WriteLine($"Backup written to {target}: {counts.Count} tables, {counts.Values.Sum():N0} rows, {new FileInfo(target).Length:N0} bytes, " +
                             $"in {clock.Elapsed.TotalSeconds:F2} s (pg_dump -Fc; pg_restore --list ok).");
            return 0;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>pg_restore into the configured database, which must exist and be empty (createdb it fresh: a restore never merges).</summary>
    public static async Task<int> RestoreAsync(string connectionString, string file, IReadOnlyCollection<string> knownMigrations,
        TextWriter output, TextWriter error)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup)) return Fail(error, $"There is no file {backup}.");
        if (PgTools.Find("pg_restore") is not { } pgRestore) return Fail(error, PgTools.Missing("pg_restore"));
        var list = await PgTools.ListAsync(backup);
        if (list is null) return Fail(error, $"{backup} is not a pg_dump custom-format archive (pg_restore --list cannot read it).");
        var tables = list.Where(l => l.Contains(" TABLE DATA ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 7).Select(p => p[6]).ToList();
        var migrations = await PgTools.MigrationsAsync(backup);
        if (BackupCommand.Refusal(tables, migrations, knownMigrations) is { } refusal) return Fail(error, $"{backup}: {refusal}");

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            var existing = (long)(await new NpgsqlCommand($"SELECT count(*) FROM ({UserTables}) t", conn).ExecuteScalarAsync())!;
            if (existing > 0)
                return Fail(error, $"Database \"{database}\" is not empty ({existing} tables): restore into a fresh one " +
                                   "(createdb -O countyskills_owner NAME, then point the connection string at it), never over a database in use.");
        }
        var clock = Stopwatch.StartNew();
        var run = await PgTools.RunAsync(pgRestore, connectionString, ["--exit-on-error", "--single-transaction", $"--dbname={database}", backup]);
        if (run.ExitCode != 0) return Fail(error, $"pg_restore failed ({run.ExitCode}), nothing was restored: {run.Error.Trim()}");

        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using (var analyze = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 0 }) await analyze.ExecuteNonQueryAsync();
            await using var tx = await conn.BeginTransactionAsync();
            var counts = await CountRowsAsync(conn, tx);
            output.WriteLine($"Restored {backup} into \"{database}\": {counts.Count} tables, {counts.Values.Sum():N0} rows, in {clock.Elapsed.TotalSeconds:F2} s (analyzed).");
        }
        output.WriteLine(BackupCommand.MigrationsNote(migrations, knownMigrations));
        return 0;
    }

    static async Task<Dictionary<string, long>> CountRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand(UserTables, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) names.Add(r.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var name in names)
            counts[name] = (long)(await new NpgsqlCommand($"SELECT count(*) FROM {name}", conn, tx) { CommandTimeout = 0 }.ExecuteScalarAsync())!;
        return counts;
    }

    static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 1;
    }
}
