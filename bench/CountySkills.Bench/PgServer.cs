using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CountySkills.Bench;

/// <summary>
/// The PostgreSQL server a bench runs against: the one CS_TEST_PG names, else a PostgreSQL 15 of Debian's package started as
/// test.sh starts it (initdb into a temporary folder, a free loopback port, as the postgres user when run as root) and stopped at
/// the end. Production-like settings: fsync on, synchronous_commit off (like SQLite's synchronous=NORMAL in WAL: a crash may lose
/// the last commits, never corrupt), shared_buffers 512 MB.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    const string Bin = "/usr/lib/postgresql/15/bin";
    string? _dir;
    public required string AdminConnectionString { get; init; }

    public static async Task<PgServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CS_TEST_PG") is { Length: > 0 } given) return new PgServer { AdminConnectionString = given };
        if (!File.Exists(Path.Combine(Bin, "initdb"))) throw new InvalidOperationException("PostgreSQL 15 is not installed (apt-get install postgresql-15), and CS_TEST_PG is not set.");
        var dir = Directory.CreateTempSubdirectory("cs-bench-pg.").FullName;
        var root = Environment.UserName == "root";
        if (root) await RunAsync("chown", "postgres", dir);
        var port = FreePort();
        await RunAs(root, Path.Combine(Bin, "initdb"), "-D", dir + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await RunAs(root, Path.Combine(Bin, "pg_ctl"), "-D", dir + "/data", "-l", dir + "/pg.log", "-w", "-o",
            $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB -c synchronous_commit=off -c work_mem=16MB", "start");
        Console.WriteLine($"PostgreSQL 15 started on 127.0.0.1:{port} ({dir})");
        return new PgServer { _dir = dir, AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres" };
    }

    /// <summary>A connection string to database <paramref name="name"/>, created empty when <paramref name="fresh"/> or missing.</summary>
    public async Task<string> DatabaseAsync(string name, bool fresh)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", conn);
        var there = await exists.ExecuteScalarAsync() is not null;
        if (there && fresh) await Exec(conn, $"DROP DATABASE \"{name}\" WITH (FORCE)");
        if (!there || fresh) await Exec(conn, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dir is null) return;
        await RunAs(Environment.UserName == "root", Path.Combine(Bin, "pg_ctl"), "-D", _dir + "/data", "-m", "immediate", "stop");
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    static Task RunAs(bool root, string file, params string[] args) =>
        root ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : RunAsync(file, args);

    public static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await error}{await output}");
    }
}
