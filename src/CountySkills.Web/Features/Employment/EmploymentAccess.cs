using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Employment;

/// <summary>Who may read and change employment records.</summary>
public static class EmploymentAccess
{
    /// <summary>Placements and follow-ups: county staff and auditors (all), township officers (their people), employers (their workers).</summary>
    public static readonly string[] Readers = Perm.RolesOf(Perm.EmploymentRead);
    /// <summary>Record placements and follow-ups: county staff and township officers (their people).</summary>
    public static readonly string[] Writers = Perm.RolesOf(Perm.EmploymentWrite);
    /// <summary>Keep employers, bases and agreements.</summary>
    public static readonly string[] County = Perm.RolesOf(Perm.EmploymentCounty);

    public static RouteHandlerBuilder RequireWorkReaders(this RouteHandlerBuilder b) => b.RequirePermission(Perm.EmploymentRead);
    public static RouteHandlerBuilder RequireWorkWriters(this RouteHandlerBuilder b) => b.RequirePermission(Perm.EmploymentWrite);
    public static RouteHandlerBuilder RequireWorkCounty(this RouteHandlerBuilder b) => b.RequirePermission(Perm.EmploymentCounty);

    /// <summary>Create, edit or close job orders of an employer: county staff any, employer staff their own.</summary>
    public static bool MayWriteOrdersOf(this CurrentUser user, long employerId) =>
        user.IsCounty() || (user.IsInRole(Roles.EmployerStaff) && user.EmployerId == employerId);

    public static IQueryable<Placement> Visible(this IQueryable<Placement> q, CurrentUser user) => q.WorkVisibleTo(user, p => p.EmployerId);
    public static IQueryable<FollowUp> Visible(this IQueryable<FollowUp> q, CurrentUser user) => q.WorkVisibleTo(user, f => f.EmployerId);
}
