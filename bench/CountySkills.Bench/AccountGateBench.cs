using System.Diagnostics;
using System.Security.Claims;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Features.People;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Bench;

/// <summary>
/// account-gate: what the per-request account check (AccountGate.RefreshAsync: one primary-key read of the account
/// and the rebuilt principal) costs, among 2,000 accounts, against two baselines measured in the same run: the same
/// primary-key read in hand-written SQL, and the request it guards (the first page of the ledger for a township
/// officer, ListPeople). SQLite, or PostgreSQL with --provider postgres.
/// </summary>
public static class AccountGateBench
{
    const int Accounts = 2_000, Calls = 3_000;

    public static async Task RunAsync(int people)
    {
        await using var app = await BenchApp.StartAsync(people, Roles.TownshipOfficer, DemoCounty.Townships[1].Code);
        var ids = new List<string>();
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            for (var i = 0; i < Accounts; i++)
            {
                var u = new AppUser
                {
                    UserName = $"bench{i:D4}", NormalizedUserName = $"BENCH{i:D4}", DisplayName = $"账户{i}", Role = Roles.TownshipOfficer,
                    AreaScope = DemoCounty.Townships[i % DemoCounty.Townships.Length].Code, SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                db.Users.Add(u);
                ids.Add(u.Id);
            }
            await db.SaveChangesAsync();
        }
        var stamps = new Dictionary<string, string>();
        await using (var db = await app.Factory.CreateDbContextAsync())
            foreach (var u in db.Users) stamps[u.Id] = u.SecurityStamp!;
        var stampType = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;
        ClaimsPrincipal Principal(string id) => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, "x"), new Claim(stampType, stamps[id])], "bench"));
        var gate = new AccountGate(app.Factory, new MemoryCache(new MemoryCacheOptions()), Options.Create(new IdentityOptions()));
        var rnd = new Random(7);
        var sample = Enumerable.Range(0, Calls).Select(_ => ids[rnd.Next(ids.Count)]).ToArray();
        var principals = sample.Select(Principal).ToArray();

        await using var conn = await app.OpenConnectionAsync();
        var rawSql = await Per(Calls, async i =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                SELECT "Id", "UserName", "DisplayName", "Role", "AreaScope", "InstitutionId", "EmployerId", "SecurityStamp", "Disabled", "LockoutEnd", "MustChangePassword"
                FROM "AspNetUsers" WHERE "Id" = @id
                """;
            cmd.With("@id", sample[i]);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
        });
        // The same read as an EF query through the app's context (the gate's first version; each open runs the connection set-up).
        var efRead = await Per(Calls, async i =>
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            await db.Users.AsNoTracking().Where(u => u.Id == sample[i]).Select(u => new { u.Id, u.SecurityStamp, u.Role, u.AreaScope, u.Disabled, u.LockoutEnd }).FirstOrDefaultAsync();
        });
        var refused = 0;
        var check = await Per(Calls, async i => { if (await gate.RefreshAsync(principals[i], default) is null) refused++; });
        var list = new ListPeople.Handler(app.Factory, app.User, app.Clock, app.SearchGate(), new CountySkills.Web.Features.People.LedgerCounts());
        var request = await Per(300, async _ => await list.Handle(new ListPeople.Query(), default));

        Table.Print($"account-gate: the per-request account check among {Accounts:N0} accounts ({Calls:N0} calls, {app.ProviderName}, {people:N0} people)",
            ["what", "median µs", "vs raw PK read", "share of a ledger page request"],
            [
                ["raw SQL primary-key read (baseline)", rawSql.ToString("F1"), "1.00", Share(rawSql, request)],
                ["the read as an EF query through the app's context", efRead.ToString("F1"), (efRead / rawSql).ToString("F2"), Share(efRead, request)],
                ["AccountGate.RefreshAsync (read + principal)", check.ToString("F1"), (check / rawSql).ToString("F2"), Share(check, request)],
                ["ledger first page, township officer (baseline)", request.ToString("F1"), (request / rawSql).ToString("F2"), "100%"],
            ]);
        if (refused > 0) Console.WriteLine($"unexpected: {refused} checks refused a valid account");
    }

    static string Share(double part, double whole) => $"{part / whole * 100:F1}%";

    /// <summary>Median microseconds per call after a warm-up of a tenth of the calls.</summary>
    static async Task<double> Per(int calls, Func<int, Task> call)
    {
        for (var i = 0; i < calls / 10; i++) await call(i);
        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await call(i);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        Array.Sort(times);
        return times[calls / 2];
    }
}
