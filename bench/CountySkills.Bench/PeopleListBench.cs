using System.Diagnostics;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Features.People;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Bench;

/// <summary>
/// The ledger list (count + one page) on a full county of N people through ListPeople.Handler: median and p95 over
/// 200 random filter combinations, for a county officer and a township officer. Baseline: the same number of calls
/// of the cheapest query (first page, no filter) in the same run.
/// </summary>
public static class PeopleListBench
{
    static readonly LedgerCounts Counts = new();

    public static async Task RunAsync(int n)
    {
        var sw = Stopwatch.StartNew();
        var reuse = Path.Combine(Path.GetTempPath(), $"countyskills-bench-people-{n}.db");
        await using var county = await BenchApp.StartAsync(people: n, reuse: reuse);
        Console.WriteLine($"database of {n:N0} people ready in {sw.Elapsed.TotalSeconds:F1} s ({county.Where}, kept for the next run)");
        await using (var db = await county.Factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        var handler = new ListPeople.Handler(county.Factory, county.User, county.Clock, county.SearchGate(), Counts);

        var townUser = new CountySkills.Web.Infrastructure.CurrentUser();
        townUser.Set(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "t"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.TownshipOfficer),
             new System.Security.Claims.Claim(ScopeClaims.Area, DemoCounty.Townships[1].Code)], "bench")));
        var townHandler = new ListPeople.Handler(county.Factory, townUser, county.Clock, county.SearchGate(townUser), Counts);

        var rnd = new Random(7);
        var townships = DemoCounty.Townships.Select(t => t.Code).ToArray();
        var villages = DemoCounty.Regions().Where(r => r.Level == CountySkills.Web.Domain.AreaLevel.Village).Select(r => r.Code).ToArray();
        string?[] tags = [null, null, "脱贫户", "监测对象", "留守妇女", "农民工", "退役军人"];
        string?[] statuses = [null, null, "未就业", "务农", "省外就业", "县内就业"];
        string?[] names = [null, null, null, "王", "李", "张伟"];
        ListPeople.Query Random() => new()
        {
            TownshipCode = rnd.Next(3) == 0 ? townships[rnd.Next(townships.Length)] : null,
            VillageCode = rnd.Next(8) == 0 ? villages[rnd.Next(villages.Length)] : null,
            Tag = tags[rnd.Next(tags.Length)], Status = statuses[rnd.Next(statuses.Length)], Q = names[rnd.Next(names.Length)],
            AgeMin = rnd.Next(3) == 0 ? 16 + rnd.Next(20) : null, AgeMax = rnd.Next(3) == 0 ? 40 + rnd.Next(20) : null,
            Page = 1 + rnd.Next(3), PageSize = 20, Sort = rnd.Next(4) == 0 ? "name" : null,
        };

        async Task<double[]> Measure(ListPeople.Handler h, Func<ListPeople.Query> next, int count = 200)
        {
            var times = new double[count];
            var slow = new List<(double Ms, ListPeople.Query Q)>();
            for (var i = 0; i < count; i++)
            {
                var q = next();
                if (q.VillageCode is { } v && q.TownshipCode is { } t && !v.StartsWith(t)) q = q with { VillageCode = null };
                var s = Stopwatch.StartNew();
                var r = await h.Handle(q, default);
                times[i] = s.Elapsed.TotalMilliseconds;
                slow.Add((times[i], q));
                if (!r.IsOk && r.Outcome != CountySkills.Web.Infrastructure.Outcome.Forbidden) throw new InvalidOperationException(r.Detail);
            }
            Array.Sort(times);
            if (Environment.GetEnvironmentVariable("BENCH_SLOW") is not null)
                foreach (var (ms, q) in slow.OrderByDescending(x => x.Ms).Take(8)) Console.WriteLine($"  slow {ms:F0} ms: {q}");
            return times;
        }

        await Measure(handler, Random, 20); // warm-up
        var baseline = await Measure(handler, () => new ListPeople.Query());
        var countyTimes = await Measure(handler, Random);
        var townTimes = await Measure(townHandler, () => Random() with { TownshipCode = null, VillageCode = null });
        static string P(double[] t, double q) => t[(int)Math.Min(t.Length - 1, Math.Round(q * (t.Length - 1)))].ToString("F1");
        Table.Print($"people-list: {n:N0} people, {county.ProviderName}, 200 random filter combinations each (count + page of 20)",
            ["query", "median ms", "p95 ms", "max ms", "p95 ratio to baseline"],
            [
                ["baseline: first page, no filter", P(baseline, 0.5), P(baseline, 0.95), P(baseline, 1), "1.00x"],
                ["county officer, random filters", P(countyTimes, 0.5), P(countyTimes, 0.95), P(countyTimes, 1), $"{double.Parse(P(countyTimes, 0.95)) / double.Parse(P(baseline, 0.95)):F2}x"],
                ["township officer, random filters", P(townTimes, 0.5), P(townTimes, 0.95), P(townTimes, 1), $"{double.Parse(P(townTimes, 0.95)) / double.Parse(P(baseline, 0.95)):F2}x"],
            ]);
    }
}
