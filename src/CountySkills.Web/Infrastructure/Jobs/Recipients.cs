using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Infrastructure.Jobs;

/// <summary>
/// The users a job writes to, each as the <see cref="CurrentUser"/> they are when signed in (the same claims, so the same scope):
/// a job counts what a user would see through <see cref="Scope"/>, never more. Disabled accounts get nothing.
/// </summary>
public sealed class Recipients(IDbContextFactory<AppDbContext> dbs, IUserClaimsPrincipalFactory<AppUser> principals)
{
    public async Task<IReadOnlyList<(string UserId, CurrentUser User)>> InRolesAsync(IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => !u.Disabled && roles.Contains(u.Role)).OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<(string, CurrentUser)>(users.Count);
        foreach (var u in users)
        {
            var who = new CurrentUser();
            who.Set(await principals.CreateAsync(u));
            list.Add((u.Id, who));
        }
        return list;
    }
}

/// <summary>Writing notifications: one per user, kind and county day (<see cref="Notification"/>).</summary>
public static class Notices
{
    /// <summary>Adds the day's notification, or brings the one already written today up to date. Nothing to tell (all figures zero)
    /// writes nothing new. Returns whether the user has a notification of the day afterwards.</summary>
    public static async Task<bool> PutAsync(AppDbContext db, string userId, NotificationKind kind, DateOnly day, int count, int count2, long amountFen,
        string link, DateTime nowUtc, CancellationToken ct)
    {
        var existing = await db.Notifications.SingleOrDefaultAsync(n => n.UserId == userId && n.Kind == kind && n.Day == day, ct);
        if (existing is not null)
        {
            existing.Update(count, count2, amountFen, link);
            return true;
        }
        if (count == 0 && count2 == 0) return false;
        db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Day = day, Count = count, Count2 = count2, AmountFen = amountFen, Link = link, CreatedUtc = nowUtc });
        return true;
    }
}
