using System.Security.Cryptography;
using FluentValidation;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>
/// What an administrator enters for an account, for the form, the API and the onboarding sheet alike. The scope a
/// role needs: a township officer a township (9-digit area code), institution staff an institution, employer staff an
/// employer; a viewer may be limited to a township; a county officer, viewer, auditor or administrator may be limited to a province
/// (2-digit area code), a city (4) or a county (6), and without one works for the whole installation.
/// </summary>
public sealed class UserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Phone { get; set; }
    public string Role { get; set; } = "";
    public string? AreaCode { get; set; }
    public long? InstitutionId { get; set; }
    public long? EmployerId { get; set; }
    /// <summary>The version the edit was made from (updates only).</summary>
    public Guid? Version { get; set; }

    public sealed class Validator : AbstractValidator<UserInput>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("请输入用户名").Length(2, 50).WithMessage("用户名应为 2 至 50 个字符")
                .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("用户名只能包含字母、数字、点、下划线和短横线，且以字母或数字开头");
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage("请输入姓名").MaximumLength(50).WithMessage("姓名最多 50 个字");
            // An edit may send back the masked phone it read (138****5678): that keeps the number the account has.
            RuleFor(x => x.Phone).Must((x, p) => string.IsNullOrWhiteSpace(p) || Domain.Phone.IsValid(p.Trim()) || (x.Version is not null && IsMasked(p)))
                .WithMessage("手机号应为以 1 开头的 11 位数字");
            RuleFor(x => x.Role).Must(r => Roles.Parse(r) is not null).WithMessage("请选择角色：系统管理员、县级业务人员、乡镇专干、培训机构人员、用工单位人员、领导查阅或审计监督");
        }
    }

    /// <summary>A phone as the account list shows it (138****5678), standing for the number already stored.</summary>
    public static bool IsMasked(string? phone) => phone?.Trim() is { Length: 11 } p && p[3..7] == "****";

    /// <summary>The role's scope, checked against the places, institutions and employers the installation has.
    /// A failure names its field with code user.scope_required or user.scope_invalid.</summary>
    public async Task<Result<(string Role, string? Area, long? Institution, long? Employer)>> ResolveScopeAsync(AppDbContext db, CancellationToken ct)
    {
        var role = Roles.Parse(Role)!;
        static Failure Required(string field, string message) => Result.Invalid(field, message) with { Code = "user.scope_required" };
        static Failure Wrong(string field, string message) => Result.Invalid(field, message) with { Code = "user.scope_invalid" };
        var area = string.IsNullOrWhiteSpace(AreaCode) ? null : AreaCode.Trim();
        switch (role)
        {
            case Roles.TownshipOfficer:
            case Roles.Viewer when area is { Length: 9 } or { Length: not (2 or 4 or 6) }:
                if (area is null) return Required("areaCode", "乡镇专干须指定所管辖的乡镇");
                if (area.Length != 9 || !area.All(char.IsAsciiDigit) || !await db.Regions.AnyAsync(r => r.Code == area && r.Level == AreaLevel.Township, ct))
                    return Wrong("areaCode", $"“{area}”不是本系统中的乡镇（须为 9 位乡镇区划代码）");
                return (role, area, null, null);
            case Roles.CountyOfficer or Roles.Viewer or Roles.Auditor or Roles.Admin when area is not null:
                // A province (2 digits), a city (4) or a county (6) the installation holds places of.
                if (area.Length is not (2 or 4 or 6) || !area.All(char.IsAsciiDigit) || !await db.Regions.AnyAsync(r => r.Code.StartsWith(area), ct))
                    return Wrong("areaCode", $"“{area}”不是本系统中的省、市或县（须为 2 位省级、4 位市级或 6 位县级区划代码）");
                return (role, area, null, null);
            case Roles.InstitutionStaff:
                if (InstitutionId is not { } inst) return Required("institutionId", "培训机构人员须指定所属培训机构");
                if (!await db.Institutions.AnyAsync(i => i.Id == inst, ct)) return Wrong("institutionId", "没有找到该培训机构");
                return (role, null, inst, null);
            case Roles.EmployerStaff:
                if (EmployerId is not { } emp) return Required("employerId", "用工单位人员须指定所属用工单位");
                if (!await db.Employers.AnyAsync(e => e.Id == emp, ct)) return Wrong("employerId", "没有找到该用工单位");
                return (role, null, null, emp);
            default:
                return (role, null, null, null);
        }
    }

    /// <summary>A one-time password the policy accepts: 12 characters with upper and lower case, digits and a symbol,
    /// without look-alikes (0/O, 1/l/I), and without the characters a spreadsheet takes for a formula (= + - @): the
    /// onboarding workbook would otherwise have to write such a password with a leading apostrophe.</summary>
    public static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "#$%&*?!";
        const string all = upper + lower + digits + symbols;
        var chars = new[] { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) }.Concat(Enumerable.Range(0, 8).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }
}
