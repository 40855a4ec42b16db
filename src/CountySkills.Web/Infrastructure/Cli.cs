using CountySkills.Web.Data.Demo;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Operator commands of the same binary:
///   migrate                                  apply pending migrations of the configured provider
///   seed [--people N] [--counties N] [--history] [--fresh]  demo county with N people (default 700000); demo accounts in Development only;
///                                            --counties N (default 1, at most 100) seeds a demo province of N counties instead, the people
///                                            spread over them (an empty database only; progress in rows/s and % on the console);
///                                            --fresh first deletes the whole database (Development only, or with --force), so a
///                                            ledger seeded at first start (20,000) can be replaced by a full county;
///                                            --history adds two years of training, certificates, subsidies, placements and
///                                            businesses in proportion to the ledger (once)
///   create-admin --user NAME --password PWD [--force]  create an administrator (or reset one); refuses another role's account without --force
///   reset-password --user NAME [--password PWD]       recovery: a one-time password for any account, to be changed at sign-in
///   backup --to FILE|FOLDER [--force]        a consistent copy while the app runs: SQLite online backup API, PostgreSQL pg_dump -Fc
///   restore --from FILE [--force]            the app stopped: SQLite over the configured file; PostgreSQL into an empty database
/// </summary>
public static class Cli
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        switch (args[0])
        {
            case "migrate":
                await MigrateAsync(sp);
                Console.WriteLine("Database is up to date.");
                return 0;
            case "seed":
                if (args.Contains("--fresh"))
                {
                    if (!app.Environment.IsDevelopment() && !args.Contains("--force"))
                    {
                        Console.Error.WriteLine("seed --fresh deletes the whole database: outside Development it needs --force as well.");
                        return 2;
                    }
                    await using (var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
                        await db.Database.EnsureDeletedAsync();
                    Console.WriteLine("The database was deleted; creating it again.");
                }
                await MigrateAsync(sp);
                var n = int.TryParse(Option(args, "--people"), out var v) ? v : 700_000;
                var counties = int.TryParse(Option(args, "--counties"), out var c) ? c : 1;
                if (counties is < 1 or > DemoProvince.MaxCounties)
                {
                    Console.Error.WriteLine($"--counties must be 1 to {DemoProvince.MaxCounties}.");
                    return 2;
                }
                var started = System.Diagnostics.Stopwatch.StartNew();
                // Demo accounts share a published password: only ever in Development.
                var accounts = app.Environment.IsDevelopment();
                var seeder = sp.GetRequiredService<DemoSeeder>();
                var before = await CountPeopleAsync(sp);
                await seeder.SeedAsync(n, accounts, HistorySeeding.None, counties, Progress(n, started));
                Console.WriteLine(before == 0
                    ? $"Demo {(counties > 1 ? $"province of {counties} counties" : "county")} seeded with {await CountPeopleAsync(sp):N0} people in {started.Elapsed.TotalSeconds:F1} s."
                    : $"The ledger already holds {before:N0} people and was left as it is (seed adds people only to an empty ledger; add --fresh to start over with {n:N0}).");
                if (args.Contains("--history"))
                {
                    started.Restart();
                    var added = await seeder.SeedHistoryAsync();
                    Console.WriteLine(added is null
                        ? "History: already there (or the database holds more than a demo's training), left as it is."
                        : $"History of two years added in {started.Elapsed.TotalSeconds:F1} s: {added}.");
                }
                if (!accounts) Console.WriteLine("No demo accounts were created (not Development); use create-admin.");
                return 0;
            case "create-admin":
                return await CreateAdminAsync(sp, Option(args, "--user"), Option(args, "--password"), args.Contains("--force"));
            case "reset-password":
                return await ResetPasswordAsync(sp, Option(args, "--user"), Option(args, "--password"));
            case "backup":
                return await Backup.BackupCommand.BackupAsync(sp, Option(args, "--to"), args.Contains("--force"));
            case "restore":
                return await Backup.BackupCommand.RestoreAsync(sp, Option(args, "--from"), args.Contains("--force"));
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: migrate | seed [--people N] [--counties N] [--history] [--fresh] | create-admin --user NAME --password PWD [--force] | reset-password --user NAME | backup --to FILE [--force] | restore --from FILE [--force]");
                return 2;
        }
    }

    /// <summary>A line at most every two seconds (and at the end): people stored, % done, rows/s.</summary>
    static Action<int> Progress(int total, System.Diagnostics.Stopwatch clock)
    {
        var last = TimeSpan.Zero;
        return stored =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(2) && stored < total) return;
            last = clock.Elapsed;
            Console.WriteLine($"  people {stored:N0} / {total:N0} ({100.0 * stored / Math.Max(1, total):F1} %), {stored / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} rows/s");
        };
    }

    static async Task<int> CountPeopleAsync(IServiceProvider sp)
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.People.CountAsync();
    }

    public static async Task MigrateAsync(IServiceProvider sp)
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await Data.Reference.ReferenceData.EnsureAsync(db);
    }

    static async Task<int> CreateAdminAsync(IServiceProvider sp, string? user, string? password, bool force)
    {
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(password))
        {
            Console.Error.WriteLine("Usage: create-admin --user NAME --password PWD [--force]");
            return 2;
        }
        await MigrateAsync(sp);
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var existing = await users.FindByNameAsync(user);
        IdentityResult result;
        if (existing is null)
        {
            var admin = new AppUser { UserName = user, DisplayName = "系统管理员", Role = Roles.Admin, LockoutEnabled = true,
                CreatedUtc = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime };
            result = await users.CreateAsync(admin, password);
        }
        else
        {
            if (existing.Role != Roles.Admin && !force)
            {
                Console.Error.WriteLine($"'{user}' exists with role {existing.Role}; it was left unchanged. Choose another name, or add --force to make it an administrator.");
                return 1;
            }
            var token = await users.GeneratePasswordResetTokenAsync(existing);
            result = await users.ResetPasswordAsync(existing, token, password);
            if (result.Succeeded)
            {
                (existing.Role, existing.AreaScope, existing.InstitutionId, existing.EmployerId) = (Roles.Admin, null, null, null);
                (existing.Disabled, existing.DisabledReason, existing.LockoutEnd, existing.MustChangePassword) = (false, null, null, false);
                existing.Version = Guid.NewGuid();
                result = await users.UpdateAsync(existing);
            }
        }
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"Administrator '{user}' is ready.");
        return 0;
    }

    /// <summary>Recovery: a new one-time password for any account (printed once), which must be changed at sign-in.</summary>
    static async Task<int> ResetPasswordAsync(IServiceProvider sp, string? user, string? password)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            Console.Error.WriteLine("Usage: reset-password --user NAME [--password PWD]");
            return 2;
        }
        await MigrateAsync(sp);
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var account = await users.FindByNameAsync(user);
        if (account is null)
        {
            Console.Error.WriteLine($"No account named '{user}'.");
            return 1;
        }
        var otp = password ?? Features.Admin.Users.UserInput.OneTimePassword();
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, otp);
        if (result.Succeeded)
        {
            (account.LockoutEnd, account.AccessFailedCount, account.MustChangePassword, account.Version) = (null, 0, true, Guid.NewGuid());
            result = await users.UpdateAsync(account);
        }
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }
        // The same entry as an administrator's reset, by "system", with the command as its reason.
        await AccountAudit.WriteAsync(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CurrentUser>(),
            "PasswordReset", account, new() { ["mustChangePassword"] = [null, true] }, "命令行 reset-password", CancellationToken.None);
        Console.WriteLine($"One-time password for '{user}': {otp}");
        Console.WriteLine(account.Disabled ? "The account is disabled: enable it in the admin pages before it can sign in." : "It must be changed at the next sign-in.");
        return 0;
    }

    static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
