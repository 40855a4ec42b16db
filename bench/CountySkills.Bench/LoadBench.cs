using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CountySkills.Bench;

/// <summary>
/// bench load: the app as it runs in production (its built dll as a process on loopback, a full county seeded by its own `seed`
/// command) driven by wrk with 64 connections, on SQLite then on PostgreSQL. Paths: /healthz (the ceiling: one small query),
/// lookup by ID number (an exact search: counted per user and audited, so the tokens of 32 county officers take turns), the ledger
/// list with random filters as a township officer and as a county officer, a name prefix beside a township filter, the person's
/// profile and the dashboard figures. Each path runs --duration seconds (30) after a short warm-up; the table gives req/s, p50/p99,
/// errors, each path's share of the ceiling and the app's memory.
/// Usage: load [--provider sqlite|postgres|both] [--n 700000] [--duration 30] [--connections 64] [--paths a,b] [--fresh]
/// </summary>
public static class LoadBench
{
    const string Password = "Demo#2026";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var n = int.TryParse(Arg("--n"), out var nn) ? nn : 700_000;
        var seconds = int.TryParse(Arg("--duration"), out var d) ? d : 30;
        var connections = int.TryParse(Arg("--connections"), out var c) ? c : 64;
        var providers = (Arg("--provider") ?? "both").ToLowerInvariant() switch { "sqlite" => ["sqlite"], "postgres" => ["postgres"], _ => new[] { "sqlite", "postgres" } };
        var only = Arg("--paths")?.Split(',');
        await Wrk.EnsureInstalledAsync();
        var rows = new List<string[]>();
        foreach (var provider in providers)
        {
            await using var pg = provider == "postgres" ? await PgServer.StartAsync() : null;
            var cs = pg is null ? $"Data Source={Path.Combine(Path.GetTempPath(), $"countyskills-load-{n}.db")}" : await pg.DatabaseAsync($"cs_load_{n}", args.Contains("--fresh"));
            if (pg is null && args.Contains("--fresh")) File.Delete(new SqliteConnectionStringBuilder(cs).DataSource);
            var db = provider == "postgres" ? "Postgres" : "Sqlite";
            var sw = Stopwatch.StartNew();
            Console.WriteLine(await AppProcess.CommandAsync(db, cs, "seed", "--people", n.ToString()));
            await PrepareAsync(db, cs);
            Console.WriteLine($"{db}: county of {n:N0} ready in {sw.Elapsed.TotalSeconds:F0} s");
            await using var app = await AppProcess.StartAsync(db, cs);
            var sample = await Sample.TakeAsync(db, cs);
            var tokens = await TokensAsync(app);
            var dir = Directory.CreateTempSubdirectory("cs-load.").FullName;
            var suite = Paths(sample).Where(p => only is null || only.Contains(p.Name)).ToList();
            Wrk.Outcome? ceiling = null;
            foreach (var (name, paths, who) in suite)
            {
                var t = who switch { "town" => [tokens.Town], "county" => [tokens.County], "bench" => tokens.Bench, _ => Array.Empty<string>() };
                await Wrk.RunAsync(name, app.Port, paths, t, connections, Math.Min(5, seconds), dir); // warm-up
                var o = await Wrk.RunAsync(name, app.Port, paths, t, connections, seconds, dir);
                ceiling ??= o;
                var (rss, peak, anon) = app.Memory();
                rows.Add([db, name, o.PerSecond.ToString("F0"), o.P50Ms.ToString("F1"), o.P99Ms.ToString("F1"), o.Errors.ToString(),
                    $"{100 * o.PerSecond / ceiling.PerSecond:F0}%", $"{rss} / {peak} / {anon}"]);
                Console.WriteLine(string.Join(" | ", rows[^1]));
            }
            Directory.Delete(dir, true);
        }
        Table.Print($"load: {n:N0} people, wrk {connections} connections, {seconds} s per path, loopback (share = req/s against /healthz in the same run)",
            ["db", "path", "req/s", "p50 ms", "p99 ms", "errors", "share of /healthz", "RSS / peak / own MB"], rows);
        return rows.Any(r => r[5] != "0") ? 1 : 0;
    }

    static IEnumerable<(string Name, IReadOnlyList<string> Paths, string Who)> Paths(Sample s)
    {
        var rnd = new Random(7);
        string?[] tags = [null, null, "脱贫户", "监测对象", "留守妇女", "农民工", "退役军人"];
        string?[] statuses = [null, null, "未就业", "务农", "省外就业", "县内就业"];
        string Filters(bool county)
        {
            var q = new List<string>();
            void Add(string k, string? v) { if (v is not null) q.Add($"{k}={Uri.EscapeDataString(v)}"); }
            if (county && rnd.Next(3) == 0) Add("townshipCode", s.Townships[rnd.Next(s.Townships.Count)]);
            else if (!county && rnd.Next(6) == 0) Add("villageCode", s.TownVillages[rnd.Next(s.TownVillages.Count)]);
            Add("tag", tags[rnd.Next(tags.Length)]);
            Add("status", statuses[rnd.Next(statuses.Length)]);
            if (rnd.Next(3) == 0) Add("ageMin", (16 + rnd.Next(20)).ToString());
            if (rnd.Next(3) == 0) Add("ageMax", (40 + rnd.Next(20)).ToString());
            if (rnd.Next(4) == 0) Add("q", s.Surnames[rnd.Next(s.Surnames.Count)]);
            if (rnd.Next(4) == 0) Add("sort", "name");
            Add("page", (1 + rnd.Next(3)).ToString());
            return "/api/people?" + string.Join("&", q) + "&pageSize=20";
        }
        List<string> Many(Func<string> f) => Enumerable.Range(0, 2000).Select(_ => f()).ToList();
        yield return ("healthz", ["/healthz"], "none");
        yield return ("lookup by ID number", s.IdNumbers.Select(i => "/api/people/by-id-number/" + i).ToList(), "bench");
        yield return ("ledger list, township officer", Many(() => Filters(false)), "town");
        yield return ("ledger list, county officer", Many(() => Filters(true)), "county");
        yield return ("name prefix (q=surname)", s.Surnames.Select(x => "/api/people?q=" + Uri.EscapeDataString(x) + "&pageSize=20").ToList(), "county");
        yield return ("township filter", s.Townships.Select(x => "/api/people?townshipCode=" + x + "&pageSize=20").ToList(), "county");
        yield return ("person profile", s.PersonIds.Select(i => "/api/people/" + i).ToList(), "county");
        yield return ("dashboard figures", ["/api/dashboard"], "county");
    }

    sealed record Tokens(string County, string Town, string[] Bench);

    /// <summary>Signs in the county officer, the township officer and the 32 bench officers, and lifts the exact-search limit to its
    /// maximum (10,000 a minute a user) as an admin would for a lookup-heavy day.</summary>
    static async Task<Tokens> TokensAsync(AppProcess app)
    {
        async Task<string> Login(string user)
        {
            var r = await app.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password });
            r.EnsureSuccessStatusCode();
            return (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        var admin = await Login("admin");
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/admin/settings/exact-search-per-minute") { Content = JsonContent.Create(new { perMinute = 10_000, reason = "负载测试：按身份证号查找的高峰" }) };
        put.Headers.Authorization = new("Bearer", admin);
        var set = await app.Http.SendAsync(put);
        if (!set.IsSuccessStatusCode) Console.WriteLine($"exact-search limit not changed: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync()}");
        var bench = new List<string>();
        foreach (var i in Enumerable.Range(1, BenchUsers)) bench.Add(await Login($"bench{i:D2}"));
        return new Tokens(await Login("county"), await Login("town01"), [.. bench]);
    }

    const int BenchUsers = 32;

    /// <summary>Statistics for the planner, and 32 county officers cloned from the demo's (same password), for the lookup.</summary>
    static async Task PrepareAsync(string provider, string cs)
    {
        await using var conn = Sample.Open(provider, cs);
        await conn.OpenAsync();
        await Sample.ExecAsync(conn, provider == "Postgres" ? "VACUUM ANALYZE" : "ANALYZE");
        var cols = new List<string>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT * FROM \"AspNetUsers\" WHERE 1 = 0";
            await using var r = await cmd.ExecuteReaderAsync();
            for (var i = 0; i < r.FieldCount; i++) cols.Add(r.GetName(i));
        }
        string Value(string col, int i) => col switch
        {
            "Id" => $"'bench-{i:D2}'", "UserName" => $"'bench{i:D2}'", "NormalizedUserName" => $"'BENCH{i:D2}'", "Email" or "NormalizedEmail" => "NULL",
            "SecurityStamp" or "ConcurrencyStamp" => $"'{Guid.NewGuid():N}'", "DisplayName" => $"'负载测试{i:D2}'", _ => $"\"{col}\"",
        };
        for (var i = 1; i <= BenchUsers; i++)
        {
            await Sample.ExecAsync(conn, $"DELETE FROM \"AspNetUserRoles\" WHERE \"UserId\" = 'bench-{i:D2}'");
            await Sample.ExecAsync(conn, $"DELETE FROM \"AspNetUsers\" WHERE \"Id\" = 'bench-{i:D2}'");
            await Sample.ExecAsync(conn, $"INSERT INTO \"AspNetUsers\" ({string.Join(",", cols.Select(x => $"\"{x}\""))}) " +
                $"SELECT {string.Join(",", cols.Select(x => Value(x, i)))} FROM \"AspNetUsers\" WHERE \"UserName\" = 'county'");
            await Sample.ExecAsync(conn, $"INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") SELECT 'bench-{i:D2}', \"RoleId\" FROM \"AspNetUserRoles\" " +
                "WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'county')");
        }
    }
}
