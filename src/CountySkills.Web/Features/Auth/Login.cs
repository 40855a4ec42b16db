using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Auth;

/// <summary>Sign-in with user name and password; used by the API (bearer token) and the sign-in page (cookie).</summary>
public static class Login
{
    public sealed record Command(string UserName, string Password);
    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("请输入用户名").MaximumLength(100);
            RuleFor(x => x.Password).NotEmpty().WithMessage("请输入密码").MaximumLength(200);
        }
    }

    public enum Verdict { Ok, Wrong, LockedOut, NotAllowed }

    public sealed class Handler(UserManager<AppUser> users, SignInManager<AppUser> signIn, IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        /// <summary>Checks the password (counting failures towards lockout) and records the attempt in the audit log.</summary>
        public async Task<(Verdict Verdict, AppUser? User)> Check(Command cmd, CancellationToken ct)
        {
            var user = await users.FindByNameAsync(cmd.UserName.Trim());
            if (user is null)
            {
                await Record(cmd.UserName, null, AuditEntry.SignInFailed, "unknown user", ct);
                return (Verdict.Wrong, null);
            }
            var r = await signIn.CheckPasswordSignInAsync(user, cmd.Password, lockoutOnFailure: true);
            var verdict = r.Succeeded ? Verdict.Ok : r.IsLockedOut ? Verdict.LockedOut : r.IsNotAllowed ? Verdict.NotAllowed : Verdict.Wrong;
            await Record(user.UserName!, user.Id, r.Succeeded ? AuditEntry.SignIn : AuditEntry.SignInFailed, verdict.ToString(), ct);
            return (verdict, user);
        }

        public static string MessageOf(Verdict v) => v switch
        {
            Verdict.LockedOut => "连续输错密码次数过多，账户已锁定 15 分钟，请稍后再试或联系管理员",
            Verdict.NotAllowed => "该账户暂不允许登录，请联系管理员",
            _ => "用户名或密码错误",
        };

        async Task Record(string userName, string? userId, string action, string outcome, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = userId, UserName = userName.Length > 100 ? userName[..100] : userName,
                Action = action, Entity = "Account", EntityKey = userId ?? "-",
                Changes = System.Text.Json.JsonSerializer.Serialize(new { outcome }),
            });
            await db.SaveChangesAsync(ct);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/auth/login", async Task<IResult> (Command cmd, Handler handler, SignInManager<AppUser> signIn, CancellationToken ct) =>
        {
            var (verdict, user) = await handler.Check(cmd, ct);
            if (verdict != Verdict.Ok) return Http.Problem(StatusCodes.Status401Unauthorized, Handler.MessageOf(verdict));
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        })
        .AllowAnonymous()
        .WithName(nameof(Login))
        .WithSummary("Sign in; returns a bearer token { tokenType, accessToken, expiresIn, refreshToken }")
        .Produces<TokenResponse>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .WithValidation<Command>();
}
