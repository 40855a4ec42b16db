using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>The home page's figures, counted from the database within the caller's scope.</summary>
public static class GetHomeSummary
{
    public sealed record Summary(
        string ScopeName, int Townships, int Villages, int People, int PovertyAlleviated, int Monitored,
        int WorkingOutsideCounty, int Institutions, int Employers, int ClassesInProgress, int TrainedThisYear, int CertificatesThisYear,
        int ClaimsAwaitingReview, int SubsidisedThisYear);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, Auth.GetMe.Handler me, TimeProvider clock)
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
            // Training this calendar year: classes within scope (institution staff: their own), or the township's own people.
            var (from, to) = (new DateOnly(clock.Today().Year, 1, 1), new DateOnly(clock.Today().Year + 1, 1, 1));
            var classes = db.Classes.OwnedBy(user);
            var enrolments = db.Enrolments.Where(e => e.Status == EnrolmentStatus.Active && e.Class!.StartDate >= from && e.Class.StartDate < to);
            enrolments = user.IsInRole(Roles.TownshipOfficer)
                ? enrolments.Where(e => people.Any(p => p.Id == e.PersonId))
                : enrolments.Where(e => classes.Any(c => c.Id == e.ClassId));
            var trained = await enrolments.CountAsync(ct);
            var inProgress = await classes.CountAsync(c => c.Status == ClassStatus.InProgress, ct);
            var certificates = await db.Certificates.VisibleTo(user).CountAsync(c => c.IssuedOn >= from && c.IssuedOn < to && c.RevokedUtc == null, ct);
            // Subsidies: claims waiting for the county's review, and person-times approved this year (institution staff: their own).
            var claims = db.Claims.OwnedBy(user);
            var awaiting = await claims.CountAsync(c => c.Status == ClaimStatus.Submitted, ct);
            var subsidised = await db.ClaimLines.CountAsync(l => l.Decision == LineDecision.Approved
                && claims.Any(c => c.Id == l.ClaimId && c.ClaimedOn >= from && c.ClaimedOn < to && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid)), ct);
            return new Summary(
                (await me.Handle(ct)).ScopeName,
                await regions.CountAsync(r => r.Level == AreaLevel.Township, ct),
                await regions.CountAsync(r => r.Level == AreaLevel.Village, ct),
                await people.CountAsync(ct),
                await people.CountAsync(p => (p.Tags & PersonTags.PovertyAlleviated) != 0, ct),
                await people.CountAsync(p => (p.Tags & PersonTags.Monitored) != 0, ct),
                await people.CountAsync(p => p.EmploymentStatus == EmploymentStatus.OutOfCountyInProvince || p.EmploymentStatus == EmploymentStatus.OutOfProvince, ct),
                institutions, employers, inProgress, trained, certificates, awaiting, subsidised);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/dashboard/summary",
            async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
        .WithName(nameof(GetHomeSummary)).WithSummary("Counts for the home page within the caller's scope");
}
