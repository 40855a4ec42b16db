using FluentValidation;
using FluentValidation.Results;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// What every settings change shares: a reason, the version the editor saw (`basedOn`; none for a setting never set), and saving
/// the next version so that of two changes made from the same version only the first is kept (the other is 409 settings.stale).
/// </summary>
public static class SettingChange
{
    public const int MaxReason = 500;

    public static IRuleBuilderOptions<T, string?> ChangeReason<T>(this IRuleBuilder<T, string?> rule) => rule
        .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("请写明调整原因（如文件号或通知名称）")
        .MaximumLength(MaxReason).WithMessage($"调整原因不超过 {MaxReason} 个字");

    /// <summary>The validator's field errors as the 400 the API returns (camelCase fields), or null when valid.</summary>
    public static Failure? Refusal(ValidationResult r) => r.IsValid ? null : Result.Invalid(Http.CamelKeys(r.ToDictionary()));

    public static Failure Stale() => Result.Conflict("该设置刚被他人修改，请刷新后在最新版本上修改") with { Code = "settings.stale" };

    /// <summary>Saves <paramref name="value"/> (JSON) as the next version of <paramref name="key"/>; audited by the interceptor with the reason.</summary>
    public static async Task<Result<SettingVersion>> SaveAsync(AppDbContext db, string key, string value, string reason, long? basedOn, CurrentUser user,
        DateTime nowUtc, CancellationToken ct)
    {
        if (!user.Has(Perm.SettingsWrite)) return Result.Forbidden("只有系统管理员可以修改系统设置") with { Code = "permission.denied" };
        var current = await CurrentSettings.LatestAsync(db, key, ct);
        if ((basedOn ?? 0) != (current?.Id ?? 0)) return Stale();
        if (current?.Value == value) return Result.Refused(new("settings.unchanged", "内容与当前设置相同，无需保存"));
        var next = SettingVersion.After(current, key, value, reason, user.UserName, nowUtc);
        db.SettingVersions.Add(next);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Stale(); }
        return next;
    }
}
