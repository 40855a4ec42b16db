using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>
/// Every request (and every action in a Blazor circuit) is checked against the account as it is now, not as it was
/// when the cookie or token was issued: a disabled, locked-out or re-passworded account is signed out at once, and
/// a changed role or scope applies to the next request with the same token. One primary-key read per request;
/// nothing is cached that two app nodes could disagree on (only the list of top-level regions, reference data).
/// </summary>
public sealed class AccountGate(IDbContextFactory<AppDbContext> dbs, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public const string MustChangeClaim = "cs:must-change";

    sealed record State(string Id, string UserName, string DisplayName, string Role, string? AreaScope, long? InstitutionId, long? EmployerId,
        string? SecurityStamp, bool Disabled, DateTimeOffset? LockoutEnd, bool MustChangePassword);

    /// <summary>
    /// One primary-key read, on the context's connection opened directly: every request pays for it, so it skips EF's
    /// per-open connection set-up (bench account-gate). Same SQL on SQLite and PostgreSQL.
    /// </summary>
    static async Task<State?> Load(AppDbContext db, string id, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT "Id", "UserName", "DisplayName", "Role", "AreaScope", "InstitutionId", "EmployerId", "SecurityStamp", "Disabled", "LockoutEnd", "MustChangePassword"
            FROM "AspNetUsers" WHERE "Id" = @id
            """;
        var p = cmd.CreateParameter();
        p.ParameterName = "@id";
        p.Value = id;
        cmd.Parameters.Add(p);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        T? Or<T>(int i) => r.IsDBNull(i) ? default : r.GetFieldValue<T>(i);
        return new State(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Or<string>(4), Or<long?>(5), Or<long?>(6),
            Or<string>(7), r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetBoolean(10));
    }

    /// <summary>The principal as the account stands now, or null when the account may no longer act.</summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity is not { IsAuthenticated: true } old) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var s = await Load(db, id, ct);
        if (s is null || s.Disabled || AppUser.LockedOut(s.LockoutEnd)) return null;
        var stampType = identity.Value.ClaimsIdentity.SecurityStampClaimType;
        if (s.SecurityStamp != principal.FindFirstValue(stampType)) return null;

        var fresh = new ClaimsIdentity(old.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        fresh.AddClaim(new Claim(ClaimTypes.NameIdentifier, s.Id));
        fresh.AddClaim(new Claim(ClaimTypes.Name, s.UserName));
        fresh.AddClaim(new Claim(stampType, s.SecurityStamp ?? ""));
        if (s.Role.Length > 0) fresh.AddClaim(new Claim(ClaimTypes.Role, s.Role));
        foreach (var c in await ScopeClaimsAsync(db, s.DisplayName, s.AreaScope, s.InstitutionId, s.EmployerId, ct)) fresh.AddClaim(c);
        if (s.MustChangePassword) fresh.AddClaim(new Claim(MustChangeClaim, "true"));
        return new ClaimsPrincipal(fresh);
    }

    /// <summary>The scope claims of an account (also used when a token or cookie is first issued).</summary>
    public async Task<List<Claim>> ScopeClaimsAsync(AppDbContext db, string displayName, string? area, long? institutionId, long? employerId, CancellationToken ct)
    {
        var claims = new List<Claim> { new(ScopeClaims.DisplayName, displayName) };
        if (area is { Length: > 0 })
        {
            claims.Add(new Claim(ScopeClaims.Area, area));
            // When the scope holds every top-level area of this installation (a county officer of a one-county
            // installation), queries need no area filter at all.
            var roots = await cache.GetOrCreateAsync("regions:roots", async e =>
            {
                e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
                return await db.Regions.Where(r => r.ParentCode == null).Select(r => r.Code).ToListAsync(ct);
            }) ?? [];
            if (roots.Count > 0 && roots.All(r => r.StartsWith(area, StringComparison.Ordinal)))
                claims.Add(new Claim(ScopeClaims.AreaCoversAll, "true"));
        }
        if (institutionId is { } inst) claims.Add(new Claim(ScopeClaims.Institution, inst.ToString()));
        if (employerId is { } emp) claims.Add(new Claim(ScopeClaims.Employer, emp.ToString()));
        return claims;
    }

    /// <summary>API calls a user who must change their password may still make.</summary>
    public static bool AllowedBeforePasswordChange(PathString path) =>
        path.StartsWithSegments("/api/account/password") || path.StartsWithSegments("/api/auth");

    internal static async Task<bool> RefuseUntilPasswordChanged(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api"))
        {
            if (AllowedBeforePasswordChange(path)) return false;
            await Http.WriteProblemAsync(ctx, StatusCodes.Status403Forbidden, "首次登录或密码被重置后，须先修改密码（POST /api/account/password）", "password.must_change");
            return true;
        }
        // Pages: everything but the account pages, Blazor's own traffic and static files leads to the change form.
        var isPage = HttpMethods.IsGet(ctx.Request.Method) && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/_blazor")
            && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content") && !Path.HasExtension(path.Value);
        if (!isPage) return false;
        ctx.Response.Redirect("/account/password");
        return true;
    }
}

public static class AccountGateSetup
{
    public static IApplicationBuilder UseAccountGate(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            var gate = ctx.RequestServices.GetRequiredService<AccountGate>();
            var fresh = await gate.RefreshAsync(ctx.User, ctx.RequestAborted);
            if (fresh is null)
            {
                var viaCookie = !ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
                if (viaCookie) await ctx.SignOutAsync(IdentityConstants.ApplicationScheme);
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                ctx.User = fresh;
                if (fresh.HasClaim(AccountGate.MustChangeClaim, "true") && await AccountGate.RefuseUntilPasswordChanged(ctx)) return;
            }
        }
        await next(ctx);
    });

}
