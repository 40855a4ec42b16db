using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CountySkills.Bench;

/// <summary>
/// Debian's wrk driving one path set against the app on loopback: a Lua script picks, for each request, a random path of the list
/// and a random token of the set (so a per-user limit sees many users), and its done() prints requests, p50/p99 and errors
/// (non-2xx answers and socket errors) as one line this class parses.
/// </summary>
public static class Wrk
{
    public sealed record Outcome(string Name, long Requests, double Seconds, double P50Ms, double P99Ms, long Errors, string Sample)
    {
        public double PerSecond => Requests / Seconds;
    }

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists("/usr/bin/wrk")) return;
        Console.WriteLine("Installing wrk (Debian package)…");
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        await PgServer.RunAsync("/bin/sh", "-c", $"{sudo}apt-get install -y -qq wrk >/dev/null || ({sudo}apt-get update -qq && {sudo}apt-get install -y -qq wrk >/dev/null)");
    }

    /// <summary>Runs wrk for <paramref name="seconds"/> against http://127.0.0.1:port with the given paths and bearer tokens.</summary>
    public static async Task<Outcome> RunAsync(string name, int port, IReadOnlyList<string> paths, IReadOnlyList<string> tokens, int connections, int seconds, string dir)
    {
        var script = Path.Combine(dir, name + ".lua");
        await File.WriteAllTextAsync(script, Lua(paths, tokens));
        var psi = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, $"http://127.0.0.1:{port}" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ")) ?? throw new InvalidOperationException("wrk printed no result:\n" + stdout + await p.StandardError.ReadToEndAsync());
        var f = line.Split(' ');
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new Outcome(name, (long)D(1), D(2) / 1e6, D(3) / 1000, D(4) / 1000, (long)D(5) + (long)D(6), paths[0]);
    }

    static string Lua(IReadOnlyList<string> paths, IReadOnlyList<string> tokens)
    {
        static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new StringBuilder();
        sb.Append("local paths = {").AppendJoin(",\n", paths.Select(Quote)).AppendLine("}");
        sb.Append("local tokens = {").AppendJoin(",\n", tokens.Select(Quote)).AppendLine("}");
        sb.AppendLine("""
            local n = 0
            function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end
            function request()
              local headers = { ["Accept"] = "application/json" }
              if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] end
              return wrk.format("GET", paths[math.random(#paths)], headers)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                e.status, e.connect + e.read + e.write + e.timeout))
            end
            """);
        return sb.ToString();
    }
}
