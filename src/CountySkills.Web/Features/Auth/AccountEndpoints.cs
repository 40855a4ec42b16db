using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Auth;

/// <summary>Browser sign-out (a form post with an anti-forgery token).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();
}
