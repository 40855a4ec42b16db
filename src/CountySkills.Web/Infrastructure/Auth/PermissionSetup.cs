using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>Turns the permission table into authorization policies, endpoint metadata and a 403 with a code.</summary>
public static class PermissionSetup
{
    public static void AddPermissionPolicies(this AuthorizationOptions o)
    {
        foreach (var (permission, roles) in Perm.Table)
            o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireRole(roles));
    }

    /// <summary>This operation needs the permission (one entry of <see cref="Perm.Table"/>).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder b, string permission) where TBuilder : IEndpointConventionBuilder
    {
        _ = Perm.RolesOf(permission);
        b.Add(e => e.Metadata.Add(new PermissionMetadata(permission)));
        return b;
    }

    /// <summary>
    /// Every /api operation gets exactly one permission: the one it names, or else the one its area and verb imply
    /// (GET reads, other verbs write). Applied last, so it sees what each endpoint said of itself.
    /// </summary>
    public static void RequirePermissions(this RouteGroupBuilder api) => ((IEndpointConventionBuilder)api).Finally(e =>
    {
        if (e.Metadata.OfType<IAllowAnonymous>().Any()) return;
        var permission = e.Metadata.OfType<PermissionMetadata>().LastOrDefault()?.Permission;
        if (permission is null)
        {
            permission = Implied(e as RouteEndpointBuilder);
            e.Metadata.Add(new PermissionMetadata(permission));
        }
        e.Metadata.Add(new AuthorizeAttribute(permission));
    });

    static string Implied(RouteEndpointBuilder? e)
    {
        var path = e?.RoutePattern.RawText?.TrimStart('/') ?? "";
        if (path.StartsWith("api/", StringComparison.Ordinal)) path = path[4..];
        var area = path.Split('/')[0];
        var read = e?.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods.All(m => m is "GET" or "HEAD") ?? true;
        return (area, read) switch
        {
            ("people", true) => Perm.PeopleRead,
            ("people", false) => Perm.PeopleWrite,
            ("training", true) => Perm.TrainingRead,
            ("training", false) => Perm.TrainingWrite,
            ("certificates", true) => Perm.CertificatesRead,
            ("certificates", false) => Perm.CertificatesWrite,
            ("subsidies", true) => Perm.SubsidiesRead,
            ("subsidies", false) => Perm.SubsidiesWrite,
            ("employment", true) => Perm.EmploymentRead,
            ("employment", false) => Perm.EmploymentWrite,
            ("brands", true) => Perm.BrandsRead,
            ("brands", false) => Perm.BrandsWrite,
            ("entrepreneurship", true) => Perm.EntrepreneurshipRead,
            ("entrepreneurship", false) => Perm.EntrepreneurshipWrite,
            ("planning" or "indicators", true) => Perm.PlanningRead,
            ("planning" or "indicators", false) => Perm.PlanningWrite,
            ("dashboard" or "regions" or "home", _) => Perm.DashboardRead,
            ("reports", _) => Perm.ReportsRead,
            ("admin", _) => Perm.UsersManage,
            ("audit", _) => Perm.AuditRead,
            ("auth" or "account", _) => Perm.SignedIn,
            _ => throw new InvalidOperationException($"No permission for /api/{path}: name one with RequirePermission."),
        };
    }
}

/// <summary>API refusals by the permission table: 403 ProblemDetails with code <c>permission.denied</c>; pages keep
/// the default (sign-in redirect or the not-authorised page).</summary>
public sealed class PermissionResultHandler : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext ctx, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && ctx.Request.Path.StartsWithSegments("/api"))
        {
            await Http.WriteProblemAsync(ctx, StatusCodes.Status403Forbidden, "您的角色无权使用此功能", "permission.denied",
                new Dictionary<string, object?> { ["role"] = Roles.All.FirstOrDefault(ctx.User.IsInRole) });
            return;
        }
        await _default.HandleAsync(next, ctx, policy, result);
    }
}
