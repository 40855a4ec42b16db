using Microsoft.AspNetCore.Identity;

namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>A sign-in account. Its scope (area prefix, institution or employer) travels as claims.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Area-code prefix the user is limited to (township officers); null = whole installation.</summary>
    public string? AreaScope { get; set; }
    public long? InstitutionId { get; set; }
    public long? EmployerId { get; set; }
    /// <summary>The account's one role (<see cref="Roles"/>); read on every request, so a change applies at once.</summary>
    public string Role { get; set; } = "";
    public bool Disabled { get; set; }
    public string? DisabledReason { get; set; }
    /// <summary>Set by a generated (one-time) password: every API call but changing it is refused until it is changed.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime? LastSignInUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Optimistic concurrency: an edit made from an older version is a 409.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether a lockout end is still ahead. Identity's lockout reads the system clock (it takes no
    /// TimeProvider), so every "locked out now" is judged on that clock, or the gate and the list would disagree with it.</summary>
    public static bool LockedOut(DateTimeOffset? lockoutEnd) => lockoutEnd > DateTimeOffset.UtcNow;
}

public static class Roles
{
    public const string Admin = nameof(Admin), CountyOfficer = nameof(CountyOfficer), TownshipOfficer = nameof(TownshipOfficer),
        InstitutionStaff = nameof(InstitutionStaff), EmployerStaff = nameof(EmployerStaff), Viewer = nameof(Viewer), Auditor = nameof(Auditor);

    public static readonly string[] All = [Admin, CountyOfficer, TownshipOfficer, InstitutionStaff, EmployerStaff, Viewer, Auditor];

    /// <summary>The roles' Chinese names (as the UI shows them and as an onboarding sheet may name them).</summary>
    public static readonly IReadOnlyDictionary<string, string> ZhNames = new Dictionary<string, string>
    {
        [Admin] = "系统管理员", [CountyOfficer] = "县级业务人员", [TownshipOfficer] = "乡镇专干", [InstitutionStaff] = "培训机构人员",
        [EmployerStaff] = "用工单位人员", [Viewer] = "领导查阅", [Auditor] = "审计监督",
    };

    /// <summary>A role by its key (any case) or its Chinese name; null when it is none of them.</summary>
    public static string? Parse(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        return All.FirstOrDefault(r => string.Equals(r, t, StringComparison.OrdinalIgnoreCase))
            ?? ZhNames.FirstOrDefault(kv => kv.Value == t || (t.Length >= 2 && kv.Value.StartsWith(t, StringComparison.Ordinal))).Key
            ?? (t is "县级" or "县局" or "业务人员" ? CountyOfficer : t is "领导" or "县领导" ? Viewer : t is "审计" or "纪检" or "财务" ? Auditor : t is "管理员" ? Admin : null);
    }

    /// <summary>Roles that may change data at all (Viewer and Auditor never may).</summary>
    public const string Writers = $"{Admin},{CountyOfficer},{TownshipOfficer},{InstitutionStaff},{EmployerStaff}";
}

public static class ScopeClaims
{
    public const string Area = "cs:area", AreaCoversAll = "cs:area-all", Institution = "cs:institution", Employer = "cs:employer", DisplayName = "cs:name";
}
