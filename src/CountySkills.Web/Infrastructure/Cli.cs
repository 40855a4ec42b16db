using CountySkills.Web.Data.Demo;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Operator commands of the same binary:
///   migrate                                  apply pending migrations of the configured provider
///   seed [--people N]                        demo county with N people (default 700000); demo accounts in Development only
///   create-admin --user NAME --password PWD  create (or reset) an administrator; the way to get one in Production
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
                await MigrateAsync(sp);
                var n = int.TryParse(Option(args, "--people"), out var v) ? v : 700_000;
                var started = DateTime.UtcNow;
                // Demo accounts share a published password: only ever in Development.
                var accounts = app.Environment.IsDevelopment();
                await sp.GetRequiredService<DemoSeeder>().SeedAsync(n, accounts);
                Console.WriteLine($"Demo county seeded with up to {n:N0} people in {(DateTime.UtcNow - started).TotalSeconds:F1} s (an existing ledger is left as it is).");
                if (!accounts) Console.WriteLine("No demo accounts were created (not Development); use create-admin.");
                return 0;
            case "create-admin":
                return await CreateAdminAsync(sp, Option(args, "--user"), Option(args, "--password"));
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands: migrate | seed [--people N] | create-admin --user NAME --password PWD");
                return 2;
        }
    }

    public static async Task MigrateAsync(IServiceProvider sp)
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await Data.Reference.ReferenceData.EnsureAsync(db);
    }

    static async Task<int> CreateAdminAsync(IServiceProvider sp, string? user, string? password)
    {
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(password))
        {
            Console.Error.WriteLine("Usage: create-admin --user NAME --password PWD");
            return 2;
        }
        await MigrateAsync(sp);
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var existing = await users.FindByNameAsync(user);
        IdentityResult result;
        if (existing is null)
        {
            var admin = new AppUser { UserName = user, DisplayName = "系统管理员" };
            result = await users.CreateAsync(admin, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(admin, Roles.Admin);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(existing);
            result = await users.ResetPasswordAsync(existing, token, password);
            if (result.Succeeded && !await users.IsInRoleAsync(existing, Roles.Admin)) result = await users.AddToRoleAsync(existing, Roles.Admin);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(existing, null);
        }
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine($"Administrator '{user}' is ready.");
        return 0;
    }

    static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
