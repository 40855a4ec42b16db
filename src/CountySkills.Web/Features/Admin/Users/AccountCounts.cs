namespace CountySkills.Web.Features.Admin.Users;

/// <summary>How many accounts need an administrator's eye: locked out, awaiting their first sign-in (a one-time
/// password not yet changed) and disabled; for the administration landing page.</summary>
public static class AccountCounts
{
    public sealed record Counts(int Total, int LockedOut, int AwaitingFirstSignIn, int Disabled);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Counts> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var users = db.Users.AsNoTracking();
            var total = await users.CountAsync(ct);
            var disabled = await users.CountAsync(u => u.Disabled, ct);
            var pending = await users.CountAsync(u => u.MustChangePassword && !u.Disabled, ct);
            // Few accounts carry a lockout end at all; comparing the instants here works the same on SQLite and PostgreSQL.
            var ends = await users.Where(u => u.LockoutEnd != null && !u.Disabled).Select(u => u.LockoutEnd).ToListAsync(ct);
            return new Counts(total, ends.Count(AppUser.LockedOut), pending, disabled);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/admin/users/counts", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(AccountCounts)).WithTags("Admin").RequirePermission(Perm.UsersManage)
        .WithSummary("Accounts locked out, awaiting their first sign-in and disabled (enabled accounts only in the first two)");
}
