using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Brands;

public static class BrandAccess
{
    public static readonly string[] Readers = [Roles.Admin, Roles.CountyOfficer, Roles.Viewer, Roles.Auditor];
    public static readonly string[] Writers = [Roles.Admin, Roles.CountyOfficer];

    public static RouteHandlerBuilder RequireBrandReaders(this RouteHandlerBuilder b) => b.RequireAuthorization(p => p.RequireRole(Readers));
    public static RouteHandlerBuilder RequireBrandWriters(this RouteHandlerBuilder b) => b.RequireAuthorization(p => p.RequireRole(Writers));
}
