using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Auth;

/// <summary>Browser sign-out: a form post that must carry the anti-forgery token.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (HttpContext ctx, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(ctx))
                return Http.Problem(StatusCodes.Status400BadRequest, "表单已过期或来源不明，请刷新页面后重试");
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery().ExcludeFromDescription();
}
