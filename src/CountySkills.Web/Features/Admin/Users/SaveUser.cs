using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>
/// Create an account (a generated one-time password, shown once, to be changed at first sign-in) or change one's
/// display name, phone, role and scope. The change applies to the account's next request; the last enabled
/// administrator cannot be demoted.
/// </summary>
public static class SaveUser
{
    public sealed record Created(string Id, string UserName, string OneTimePassword);

    public sealed class Handler(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbs, IValidator<UserInput> validator, CurrentUser me, TimeProvider clock)
    {
        public async Task<Result<Created>> Create(UserInput input, CancellationToken ct)
        {
            await using var operation = scopes.CreateAsyncScope();
            var users = Users(operation);
            var v = await validator.ValidateAsync(input, ct);
            if (!v.IsValid) return Result.Invalid(Http.CamelKeys(v.ToDictionary()));
            await using var db = await dbs.CreateDbContextAsync(ct);
            var scope = await input.ResolveScopeAsync(db, ct);
            if (!scope.IsOk) return scope.AsFailure();
            var name = input.UserName.Trim();
            if (await users.FindByNameAsync(name) is not null)
                return Duplicate(name);
            var (role, area, inst, emp) = scope.Value;
            var user = new AppUser
            {
                UserName = name, DisplayName = input.DisplayName.Trim(), PhoneNumber = Blank(input.Phone), Role = role, AreaScope = area,
                InstitutionId = inst, EmployerId = emp, MustChangePassword = true, LockoutEnabled = true, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            var otp = UserInput.OneTimePassword();
            var r = await users.CreateAsync(user, otp);
            if (!r.Succeeded)
                return r.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                    ? Duplicate(name)
                    : Result.Invalid("userName", string.Join("；", r.Errors.Select(e => e.Description)));
            await AccountAudit.WriteAsync(dbs, clock, me, "UserCreated", user, Fields(user), null, ct);
            return new Created(user.Id, user.UserName!, otp);
        }

        public async Task<Result<ListUsers.Item>> Update(string id, UserInput input, CancellationToken ct)
        {
            await using var operation = scopes.CreateAsyncScope();
            var users = Users(operation);
            var v = await validator.ValidateAsync(input, ct);
            if (!v.IsValid) return Result.Invalid(Http.CamelKeys(v.ToDictionary()));
            if (input.Version is null) return Result.Invalid("version", "缺少版本号（version），请先读取该账户");
            var user = await users.FindByIdAsync(id);
            if (user is null) return Result.NotFound("没有找到该账户");
            if (user.Version != input.Version) return Stale();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var scope = await input.ResolveScopeAsync(db, ct);
            if (!scope.IsOk) return scope.AsFailure();
            var (role, area, inst, emp) = scope.Value;
            if (!string.Equals(input.UserName.Trim(), user.UserName, StringComparison.Ordinal))
            {
                if (await users.FindByNameAsync(input.UserName.Trim()) is { } other && other.Id != user.Id)
                    return Duplicate(input.UserName.Trim());
            }
            if (user.Role == Roles.Admin && role != Roles.Admin && !user.Disabled && !await OtherEnabledAdminsAsync(db, user.Id, ct))
                return Result.Conflict("这是唯一启用的系统管理员，不能改为其他角色；请先为他人开设管理员账户") with { Code = "user.last_admin" };
            var keepPhone = UserInput.IsMasked(input.Phone);
            if (keepPhone && (user.PhoneNumber is null || Domain.Phone.Mask(user.PhoneNumber) != input.Phone!.Trim()))
                return Result.Invalid("phone", "手机号应为以 1 开头的 11 位数字");
            var before = Fields(user);
            user.DisplayName = input.DisplayName.Trim();
            if (!keepPhone) user.PhoneNumber = Blank(input.Phone);
            (user.Role, user.AreaScope, user.InstitutionId, user.EmployerId) = (role, area, inst, emp);
            if (!string.Equals(input.UserName.Trim(), user.UserName, StringComparison.Ordinal)) await users.SetUserNameAsync(user, input.UserName.Trim());
            user.Version = Guid.NewGuid();
            var r = await users.UpdateAsync(user);
            if (!r.Succeeded) return Stale();
            var changes = Diff(before, Fields(user));
            if (changes.Count > 0) await AccountAudit.WriteAsync(dbs, clock, me, "UserUpdated", user, changes, null, ct);
            return (await ListUsers.ViewsAsync(db, [user], ct))[0];
        }
    }

    /// <summary>Identity's manager for one operation. A Blazor circuit's DI scope lives as long as the circuit, and so would
    /// the store's DbContext with every account it once read: stale after anyone else's change (a sign-in, another
    /// administrator), which UpdateAsync then refuses as a conflict. Each operation reads the account afresh.</summary>
    public static UserManager<AppUser> Users(AsyncServiceScope operation) => operation.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    public static Task<bool> OtherEnabledAdminsAsync(AppDbContext db, string id, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != id && u.Role == Roles.Admin && !u.Disabled, ct);

    static Failure Stale() => Result.Conflict("该账户已被他人修改，请刷新后重试") with { Code = "user.stale" };

    static Failure Duplicate(string name) => Result.Conflict($"用户名 {name} 已被使用（不区分大小写）") with { Code = "user.duplicate" };

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The audited fields of an account as [null, value] (phone masked): a creation as it stands, the two
    /// sides of an edit for <see cref="Diff"/>.</summary>
    static Dictionary<string, object?[]> Fields(AppUser u) => new()
    {
        ["userName"] = [null, u.UserName], ["displayName"] = [null, u.DisplayName], ["phone"] = [null, u.PhoneNumber is { } p ? Domain.Phone.Mask(p) : null],
        ["role"] = [null, u.Role], ["areaScope"] = [null, u.AreaScope], ["institutionId"] = [null, u.InstitutionId], ["employerId"] = [null, u.EmployerId],
    };

    static Dictionary<string, object?[]> Diff(Dictionary<string, object?[]> before, Dictionary<string, object?[]> after) =>
        after.Where(kv => !Equals(before[kv.Key][1], kv.Value[1])).ToDictionary(kv => kv.Key, kv => new[] { before[kv.Key][1], kv.Value[1] });

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/admin/users", async (UserInput input, Handler h, CancellationToken ct) =>
                (await h.Create(input, ct)).ToHttp(c => TypedResults.Created($"/api/admin/users/{c.Id}", c)))
            .WithName("CreateUser").WithTags("Admin").RequirePermission(Perm.UsersManage)
            .WithSummary("Create an account; answers 201 with a one-time password shown once (to be changed at first sign-in)");
        api.MapPut("/admin/users/{id}", async (string id, UserInput input, Handler h, CancellationToken ct) => (await h.Update(id, input, ct)).ToHttp())
            .WithName("UpdateUser").WithTags("Admin").RequirePermission(Perm.UsersManage)
            .WithSummary("Change display name, phone, role and scope (with version; stale: 409); the masked phone as read keeps the stored number; applies at the account's next request");
    }
}
