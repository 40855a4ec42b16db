using System.Security.Claims;
using CountySkills.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CountySkills.Web.Infrastructure.Auth;

public static class AuthSetup
{
    const string Smart = "CountySkills";

    public static IServiceCollection AddIdentityAndScopes(this IServiceCollection services, IWebHostEnvironment env, IConfiguration config)
    {
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddScoped<AccountGate>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        services.AddCascadingAuthenticationState();

        // Keys in the database: every app node can read the cookies and tokens of every other (DESIGN.md, Scale); encrypted there
        // with the configured certificate, which Production requires (KeyProtection, ADR 0013).
        services.AddDataProtection().SetApplicationName("CountySkills").PersistKeysToDbContext<AppDbContext>().ProtectKeysWithConfiguredCertificate(config);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/not-authorised";
            o.Cookie.Name = "cs.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.AddAuthorization(o => o.AddPermissionPolicies());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PermissionResultHandler>();
        services.AddAntiforgery(o => o.Cookie.Name = "cs.af");
        return services;
    }

    static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Makes the request's user the <see cref="CurrentUser"/> of this scope (API and static pages).</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.RequestServices.GetRequiredService<CurrentUser>().Set(ctx.User);
        return next(ctx);
    });
}

/// <summary>Puts the account's one role and its scope into the principal (re-read on every request by <see cref="AccountGate"/>).</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    IDbContextFactory<AppDbContext> dbs, AccountGate gate)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        foreach (var stale in id.FindAll(ClaimTypes.Role).ToList()) id.RemoveClaim(stale);
        if (user.Role.Length > 0) id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        await using var db = await dbs.CreateDbContextAsync();
        id.AddClaims(await gate.ScopeClaimsAsync(db, user.DisplayName, user.AreaScope, user.InstitutionId, user.EmployerId, CancellationToken.None));
        if (user.MustChangePassword) id.AddClaim(new Claim(AccountGate.MustChangeClaim, "true"));
        return id;
    }
}

public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 位" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含小写字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名 {userName} 已存在" };
}
