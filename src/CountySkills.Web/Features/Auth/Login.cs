using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CountySkills.Web.Features.Auth;

/// <summary>
/// Sign-in with user name and password; used by the API (bearer token) and the sign-in page (cookie). An unknown user
/// and a wrong password get the same answer in comparable time; failures are throttled per address and per user name.
/// </summary>
public static class Login
{
    public sealed record Command(string UserName, string Password);
    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, bool MustChangePassword);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("请输入用户名").MaximumLength(100);
            RuleFor(x => x.Password).NotEmpty().WithMessage("请输入密码").MaximumLength(200);
        }
    }

    public enum Verdict { Ok, Wrong, LockedOut, Disabled, Throttled, Invalid }

    public sealed record Attempt(Verdict Verdict, AppUser? User, int RetryAfterSeconds = 0)
    {
        /// <summary>The field errors when the request itself was not valid (<see cref="Verdict.Invalid"/>).</summary>
        public Failure? Refused { get; init; }

        public string Code => Verdict switch
        {
            Verdict.LockedOut => "auth.locked_out", Verdict.Disabled => "auth.disabled", Verdict.Throttled => "auth.throttled", _ => "auth.invalid",
        };

        public string Message => Verdict switch
        {
            Verdict.LockedOut => "连续输错密码次数过多，账户已锁定 15 分钟，请稍后再试或联系管理员",
            Verdict.Disabled => "该账户已停用，请联系系统管理员",
            Verdict.Throttled => $"登录失败次数过多，请 {RetryAfterSeconds} 秒后再试",
            Verdict.Invalid => Refused?.Detail ?? "请输入用户名和密码",
            _ => "用户名或密码错误",
        };
    }

    public sealed class Handler(UserManager<AppUser> users, SignInManager<AppUser> signIn, IDbContextFactory<AppDbContext> dbs, TimeProvider clock,
        SignInThrottle throttle, IHttpContextAccessor http, IValidator<Command> validator)
    {
        /// <summary>Stands in for the hash of an unknown user, so a miss costs what a wrong password costs.</summary>
        static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "not-a-password-" + Guid.NewGuid());

        /// <summary>Checks the password (counting failures towards lockout) and records the attempt in the audit log.</summary>
        public async Task<Attempt> Check(Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return new Attempt(Verdict.Invalid, null) { Refused = bad };
            var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var name = cmd.UserName.Trim();
            if (throttle.RetryAfter(address, name) is { } wait)
            {
                await Record(name, null, AuditEntry.SignInFailed, "throttled", address, ct);
                return new Attempt(Verdict.Throttled, null, wait);
            }
            var user = await users.FindByNameAsync(name);
            Attempt result;
            if (user is null)
            {
                users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash, cmd.Password);
                result = new Attempt(Verdict.Wrong, null);
            }
            else if (await users.IsLockedOutAsync(user) || user.Disabled)
            {
                // Said only to whoever knows the password: a locked or disabled account is no existence oracle.
                var right = await users.CheckPasswordAsync(user, cmd.Password);
                result = new Attempt(!right ? Verdict.Wrong : user.Disabled ? Verdict.Disabled : Verdict.LockedOut, user);
            }
            else
            {
                var r = await signIn.CheckPasswordSignInAsync(user, cmd.Password, lockoutOnFailure: true);
                result = new Attempt(r.Succeeded ? Verdict.Ok : Verdict.Wrong, user);
            }
            if (result.Verdict == Verdict.Ok)
            {
                user!.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
                await users.UpdateAsync(user);
            }
            else throttle.Failed(address, name);
            await Record(user?.UserName ?? name, user?.Id, result.Verdict == Verdict.Ok ? AuditEntry.SignIn : AuditEntry.SignInFailed,
                user is null ? "unknown user" : result.Verdict.ToString(), address, ct);
            return result;
        }

        async Task Record(string userName, string? userId, string action, string outcome, string? address, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = userId, UserName = userName.Length > 100 ? userName[..100] : userName,
                Action = action, Entity = "Account", EntityKey = userId ?? "-",
                Changes = System.Text.Json.JsonSerializer.Serialize(new { outcome, address }),
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The ProblemDetails of a refused attempt (429 with Retry-After when throttled).</summary>
    public static IResult Refusal(Attempt a, HttpContext ctx)
    {
        if (a.Verdict == Verdict.Throttled)
        {
            ctx.Response.Headers.RetryAfter = a.RetryAfterSeconds.ToString();
            return Http.Problem(StatusCodes.Status429TooManyRequests, a.Message, a.Code);
        }
        return Http.Problem(StatusCodes.Status401Unauthorized, a.Message, a.Code);
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/auth/login", async Task<IResult> (Command cmd, Handler handler, SignInManager<AppUser> signIn,
            IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, HttpContext ctx, CancellationToken ct) =>
        {
            var attempt = await handler.Check(cmd, ct);
            if (attempt.Refused is { } bad) return ((Result<TokenResponse>)bad).ToHttp();
            if (attempt.Verdict != Verdict.Ok) return Refusal(attempt, ctx);
            var principal = await signIn.CreateUserPrincipalAsync(attempt.User!);
            var o = bearer.Get(IdentityConstants.BearerScheme);
            var props = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + o.BearerTokenExpiration };
            var token = o.BearerTokenProtector.Protect(new AuthenticationTicket(principal, props, IdentityConstants.BearerScheme));
            return TypedResults.Ok(new TokenResponse("Bearer", token, (long)o.BearerTokenExpiration.TotalSeconds, attempt.User!.MustChangePassword));
        })
        .AllowAnonymous()
        .WithName(nameof(Login))
        .WithSummary("Sign in; returns a bearer token { tokenType, accessToken, expiresIn, mustChangePassword }")
        .Produces<TokenResponse>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesValidationProblem();
}
