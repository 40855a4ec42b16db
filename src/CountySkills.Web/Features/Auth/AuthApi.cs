namespace CountySkills.Web.Features.Auth;

/// <summary>Every endpoint of Auth (sign-in, the signed-in user, password), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Auth");
        Login.Map(g);
        GetMe.Map(g);
        ChangePassword.Map(g);
        return api;
    }

    /// <summary>The area's pages outside /api (anonymous unless they say otherwise).</summary>
    public static IEndpointRouteBuilder MapAuthPages(this IEndpointRouteBuilder site)
    {
        site.MapAccountEndpoints();
        return site;
    }
}
