using System.Diagnostics;
using Npgsql;

namespace CountySkills.Web.Infrastructure.Backup;

/// <summary>pg_dump / pg_restore found on PATH or in /usr/lib/postgresql/N/bin, connected through libpq environment variables.</summary>
public static class PgTools
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static string? Find(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", tool))
            : [];
        return onPath.Concat(debian).FirstOrDefault(File.Exists);
    }

    public static string Missing(string tool) =>
        $"{tool} was found neither on PATH nor in /usr/lib/postgresql/*/bin: install postgresql-client-15 (apt-get install postgresql-client-15).";

    /// <summary>
    /// libpq's variables from an Npgsql connection string: PGHOST/PGPORT (several hosts as lists), PGUSER, PGPASSWORD, PGDATABASE,
    /// PGSSLMODE. The password travels in the child's environment only, never in its arguments (which `ps` shows).
    /// </summary>
    public static Dictionary<string, string> LibpqEnvironment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var h in (b.Host ?? "localhost").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = h.LastIndexOf(':');
            var hasPort = colon > 0 && !h.StartsWith('[') && int.TryParse(h[(colon + 1)..], out _);
            hosts.Add(hasPort ? h[..colon] : h);
            ports.Add(hasPort ? h[(colon + 1)..] : b.Port.ToString());
        }
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = string.Join(',', hosts),
            ["PGPORT"] = string.Join(',', ports),
            ["PGDATABASE"] = b.Database ?? "postgres",
            ["PGAPPNAME"] = "countyskills-backup",
        };
        if (!string.IsNullOrEmpty(b.Username)) env["PGUSER"] = b.Username;
        if (!string.IsNullOrEmpty(b.Password)) env["PGPASSWORD"] = b.Password;
        if (b.SslMode != SslMode.Prefer) env["PGSSLMODE"] = b.SslMode.ToString().ToLowerInvariant().Replace("verifyca", "verify-ca").Replace("verifyfull", "verify-full");
        return env;
    }

    public static async Task<Run> RunAsync(string tool, string? connectionString, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The app's connection string decides host, port, user and database (over any PG* of the caller's own).
        if (connectionString is not null)
            foreach (var (k, v) in LibpqEnvironment(connectionString)) start.Environment[k] = v;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new(p.ExitCode, await output, await error);
    }

    /// <summary>The table of contents of a custom-format archive, or null when it is not one.</summary>
    public static async Task<IReadOnlyList<string>?> ListAsync(string archive)
    {
        var run = await RunAsync(Find("pg_restore") ?? "pg_restore", null, ["--list", archive]);
        return run.ExitCode == 0 ? run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries) : null;
    }

    /// <summary>The MigrationIds in the archive's copy of __EFMigrationsHistory (its COPY data, read without a server).</summary>
    public static async Task<IReadOnlyList<string>> MigrationsAsync(string archive)
    {
        var run = await RunAsync(Find("pg_restore") ?? "pg_restore", null,
            ["--data-only", $"--table={BackupCommand.MigrationsTable}", "--file=-", archive]);
        var ids = new List<string>();
        var inCopy = false;
        foreach (var line in run.Output.Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal)) inCopy = true;
            else if (line == "\\.") inCopy = false;
            else if (inCopy && line.Length > 0) ids.Add(line.Split('\t')[0]);
        }
        return ids;
    }
}
