using CountySkills.Web.Infrastructure.Auth;

namespace CountySkills.Web.Features.Brands;

public static class BrandAccess
{
    public static readonly string[] Readers = Perm.RolesOf(Perm.BrandsRead);
    public static readonly string[] Writers = Perm.RolesOf(Perm.BrandsWrite);

    public static RouteHandlerBuilder RequireBrandReaders(this RouteHandlerBuilder b) => b.RequirePermission(Perm.BrandsRead);
    public static RouteHandlerBuilder RequireBrandWriters(this RouteHandlerBuilder b) => b.RequirePermission(Perm.BrandsWrite);
}
