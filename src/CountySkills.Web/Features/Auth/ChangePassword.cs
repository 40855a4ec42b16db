using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Auth;

/// <summary>
/// Any signed-in user changes their own password (the one-time password must be changed before anything else).
/// The same policy as everywhere; the new password may not equal the old. The session stays signed in: only an
/// administrator's reset, a disable or a lockout ends sessions (ADR 0011).
/// </summary>
public static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string NewPassword);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("请输入当前密码").MaximumLength(200);
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage("请输入新密码").MaximumLength(200);
            RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).WithMessage("新密码不能与当前密码相同")
                .When(x => !string.IsNullOrEmpty(x.NewPassword));
        }
    }

    public sealed record Changed(string UserName, bool MustChangePassword);

    public sealed class Handler(UserManager<AppUser> users, CurrentUser me, IValidator<Command> validator, IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result<Changed>> Handle(Command cmd, CancellationToken ct)
        {
            var v = await validator.ValidateAsync(cmd, ct);
            if (!v.IsValid) return Result.Invalid(Http.CamelKeys(v.ToDictionary())) with { Code = v.Errors.Any(e => e.PropertyName == nameof(Command.NewPassword) && e.ErrorMessage.Contains("相同")) ? "password.same" : null };
            var user = me.UserId is { } id ? await users.FindByIdAsync(id) : null;
            if (user is null) return Result.NotFound("没有找到当前账户");
            if (!await users.CheckPasswordAsync(user, cmd.CurrentPassword))
            {
                await users.AccessFailedAsync(user); // counts towards the lockout like a failed sign-in
                return Result.Invalid("currentPassword", "当前密码不正确") with { Code = "password.wrong" };
            }
            var errors = new List<string>();
            foreach (var pv in users.PasswordValidators)
            {
                var r = await pv.ValidateAsync(users, user, cmd.NewPassword);
                errors.AddRange(r.Errors.Select(e => e.Description));
            }
            if (errors.Count > 0) return Result.Invalid(new Dictionary<string, string[]> { ["newPassword"] = [.. errors] }) with { Code = "password.policy" };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, cmd.NewPassword);
            user.MustChangePassword = false;
            user.Version = Guid.NewGuid();
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded) return Result.Conflict("账户刚被管理员修改，请重新登录后再试");
            await AccountAudit.WriteAsync(dbs, clock, me, "PasswordChanged", user, new() { ["mustChangePassword"] = [true, false] }, null, ct);
            return new Changed(user.UserName!, false);
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/account/password", async (Command cmd, Handler h, CancellationToken ct) =>
            (await h.Handle(cmd, ct)).ToHttp())
        .WithName(nameof(ChangePassword)).WithTags("Account")
        .WithSummary("Change one's own password (required after a one-time password)");
}
