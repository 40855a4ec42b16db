using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>The home page's figures, counted from the database within the caller's scope.</summary>
public static class GetHomeSummary
{
    public sealed record Summary(
        string ScopeName, int Townships, int Villages, int People, int PovertyAlleviated, int Monitored,
        int WorkingOutsideCounty, int Institutions, int Employers);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, Auth.GetMe.Handler me)
    {
        public async Task<Summary> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var people = db.People.VisibleTo(user);
            var scope = user.AreaScope;
            var regions = db.Regions.AsQueryable();
            if (scope is not null) regions = regions.Where(r => r.Code.StartsWith(scope));
            if (!user.CanSeeArea(scope ?? "")) regions = regions.Where(_ => false);
            var institutions = user.IsInRole(Roles.InstitutionStaff) ? 1
                : user.IsInRole(Roles.EmployerStaff) ? 0
                : await db.Institutions.VisibleTo(user).CountAsync(ct);
            var employers = user.IsInRole(Roles.EmployerStaff) ? 1
                : user.IsInRole(Roles.InstitutionStaff) ? 0
                : await db.Employers.CountAsync(ct);
            return new Summary(
                (await me.Handle(ct)).ScopeName,
                await regions.CountAsync(r => r.Level == AreaLevel.Township, ct),
                await regions.CountAsync(r => r.Level == AreaLevel.Village, ct),
                await people.CountAsync(ct),
                await people.CountAsync(p => (p.Tags & PersonTags.PovertyAlleviated) != 0, ct),
                await people.CountAsync(p => (p.Tags & PersonTags.Monitored) != 0, ct),
                await people.CountAsync(p => p.EmploymentStatus == EmploymentStatus.OutOfCountyInProvince || p.EmploymentStatus == EmploymentStatus.OutOfProvince, ct),
                institutions, employers);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/dashboard/summary",
            async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(GetHomeSummary)).WithSummary("Counts for the home page within the caller's scope");
}
