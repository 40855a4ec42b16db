using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>
/// Disable (with a reason), enable, unlock and reset the password of an account. Disabling and resetting end the
/// account's sessions at its next request (the security stamp changes); an administrator cannot disable themselves,
/// and the last enabled administrator stays.
/// </summary>
public static class AccountActions
{
    public sealed record Body(string? Reason);
    public sealed record Done(string Id, string UserName, bool Disabled, bool LockedOut, bool MustChangePassword, Guid Version, string? OneTimePassword = null);

    public sealed class Handler(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbs, CurrentUser me, TimeProvider clock)
    {
        public async Task<Result<Done>> Disable(string id, string? reason, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(reason)) return Result.Invalid("reason", "请填写停用原因");
            if (reason.Trim().Length > 500) return Result.Invalid("reason", "停用原因最多 500 字");
            await using var operation = scopes.CreateAsyncScope();
            var users = SaveUser.Users(operation);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.NotFound("没有找到该账户");
            if (user.Id == me.UserId) return Result.Conflict("不能停用自己的账户") with { Code = "user.self" };
            if (user.Disabled) return Result.Conflict("该账户已停用") with { Code = "user.already_disabled" };
            await using (var db = await dbs.CreateDbContextAsync(ct))
                if (user.Role == Roles.Admin && !await SaveUser.OtherEnabledAdminsAsync(db, user.Id, ct))
                    return Result.Conflict("这是唯一启用的系统管理员，不能停用") with { Code = "user.last_admin" };
            user.Disabled = true;
            user.DisabledReason = reason.Trim();
            return await Save(users, user, "UserDisabled", new() { ["disabled"] = [false, true] }, reason.Trim(), stamp: true, ct);
        }

        public async Task<Result<Done>> Enable(string id, string? reason, CancellationToken ct)
        {
            await using var operation = scopes.CreateAsyncScope();
            var users = SaveUser.Users(operation);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.NotFound("没有找到该账户");
            if (!user.Disabled) return Result.Conflict("该账户未停用") with { Code = "user.not_disabled" };
            user.Disabled = false;
            user.DisabledReason = null;
            return await Save(users, user, "UserEnabled", new() { ["disabled"] = [true, false] }, reason, stamp: false, ct);
        }

        public async Task<Result<Done>> Unlock(string id, string? reason, CancellationToken ct)
        {
            await using var operation = scopes.CreateAsyncScope();
            var users = SaveUser.Users(operation);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.NotFound("没有找到该账户");
            var was = user.LockoutEnd;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return await Save(users, user, "UserUnlocked", new() { ["lockoutEnd"] = [was?.UtcDateTime, null] }, reason, stamp: false, ct);
        }

        public async Task<Result<Done>> ResetPassword(string id, string? reason, CancellationToken ct)
        {
            await using var operation = scopes.CreateAsyncScope();
            var users = SaveUser.Users(operation);
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.NotFound("没有找到该账户");
            var otp = UserInput.OneTimePassword();
            user.PasswordHash = users.PasswordHasher.HashPassword(user, otp);
            user.MustChangePassword = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            var r = await Save(users, user, "PasswordReset", new() { ["mustChangePassword"] = [null, true] }, reason, stamp: true, ct);
            return r.IsOk ? r.Value! with { OneTimePassword = otp } : r;
        }

        async Task<Result<Done>> Save(UserManager<AppUser> users, AppUser user, string action, Dictionary<string, object?[]> changes, string? reason, bool stamp, CancellationToken ct)
        {
            if (stamp) user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.Version = Guid.NewGuid();
            var r = await users.UpdateAsync(user);
            if (!r.Succeeded) return Result.Conflict("该账户刚被他人修改，请刷新后重试") with { Code = "user.stale" };
            await AccountAudit.WriteAsync(dbs, clock, me, action, user, changes, reason, ct);
            return new Done(user.Id, user.UserName!, user.Disabled, AppUser.LockedOut(user.LockoutEnd), user.MustChangePassword, user.Version);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users/{id}").WithTags("Admin").RequirePermission(Perm.UsersManage);
        users.MapPost("/disable", async (string id, Body? body, Handler h, CancellationToken ct) => (await h.Disable(id, body?.Reason, ct)).ToHttp())
            .WithName("DisableUser").WithSummary("Disable an account with a reason {reason}; its cookies and tokens are refused from the next request");
        users.MapPost("/enable", async (string id, Body? body, Handler h, CancellationToken ct) => (await h.Enable(id, body?.Reason, ct)).ToHttp())
            .WithName("EnableUser");
        users.MapPost("/unlock", async (string id, Body? body, Handler h, CancellationToken ct) => (await h.Unlock(id, body?.Reason, ct)).ToHttp())
            .WithName("UnlockUser");
        users.MapPost("/reset-password", async (string id, Body? body, Handler h, CancellationToken ct) => (await h.ResetPassword(id, body?.Reason, ct)).ToHttp())
            .WithName("ResetUserPassword").WithSummary("A new one-time password (shown once); the account's sessions end and it must change it");
    }
}
