namespace CountySkills.Web.Features.Auth;

/// <summary>Who am I: role and scope (area, institution or employer) with their names.</summary>
public static class GetMe
{
    public sealed record Me(string UserName, string DisplayName, string? Role, string? AreaScope, string ScopeName, long? InstitutionId, long? EmployerId);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user)
    {
        public async Task<Me> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            string? name = null;
            if (user.InstitutionId is { } iid) name = await db.Institutions.Where(i => i.Id == iid).Select(i => i.Name).FirstOrDefaultAsync(ct);
            else if (user.EmployerId is { } eid) name = await db.Employers.Where(e => e.Id == eid).Select(e => e.Name).FirstOrDefaultAsync(ct);
            else if (user.AreaScope is { } area) name = await db.Regions.Where(r => r.Code == area).Select(r => r.Name).FirstOrDefaultAsync(ct);
            return new Me(user.UserName, user.DisplayName, user.Role, user.AreaScope, name ?? "全部辖区", user.InstitutionId, user.EmployerId);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/auth/me", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(GetMe));
}
