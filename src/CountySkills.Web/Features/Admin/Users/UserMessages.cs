using System.Globalization;
using CountySkills.Web.Infrastructure.Excel;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>
/// The account pages' words for what the handlers refuse. A refusal's code keys its sentence in the resources; a field
/// error keeps the handler's (Chinese, more specific) sentence on Chinese pages and says what the field needs on
/// English ones.
/// </summary>
public static class UserMessages
{
    static readonly HashSet<string> Codes = ["user.duplicate", "user.last_admin", "user.self", "user.stale", "user.already_disabled", "user.not_disabled"];

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sentence for a refusal that names no field.</summary>
    public static string Refusal(IStringLocalizer L, string? code, string? detail) =>
        code is not null && Codes.Contains(code) ? L["Users.Code." + code] : English || string.IsNullOrEmpty(detail) ? L["Users.Failed"] : detail;

    /// <summary>One field's message (field named as the API names it: userName, areaCode, reason...).</summary>
    public static string Field(IStringLocalizer L, string field, string message) => English ? L["Users.Invalid." + field] : message;

    /// <summary>The field errors of a result, one sentence per field.</summary>
    public static Dictionary<string, string> Fields(IStringLocalizer L, IDictionary<string, string[]>? errors) =>
        errors?.Where(e => e.Value.Length > 0).ToDictionary(e => e.Key, e => Field(L, e.Key, string.Join("；", e.Value))) ?? [];

    /// <summary>An onboarding report's row problems in the page's language (the file's own column headers stay).</summary>
    public static ImportReport Report(IStringLocalizer L, ImportReport report)
    {
        if (!English) return report;
        for (var i = 0; i < report.Errors.Count; i++) report.Errors[i] = report.Errors[i] with { Message = Problem(L, report.Errors[i]) };
        return report;
    }

    static string Problem(IStringLocalizer L, ImportError e)
    {
        var column = ImportUsers.Columns.FirstOrDefault(c => c.Value.Contains(e.Column)).Key;
        return e.Code switch
        {
            "value.invalid" when column is ImportUsers.UserName or ImportUsers.DisplayName or ImportUsers.Phone or ImportUsers.Role => L["Users.Invalid." + column],
            "row.example" or "user.scope_required" or "user.scope_invalid" or "user.duplicate" => L["Users.ImportErr." + e.Code],
            _ => Refusal(L, e.Code, null),
        };
    }

    /// <summary>A form's per-field check through the request's own validator, in the page's language.</summary>
    public static Func<object, string, Task<IEnumerable<string>>> Localised(IStringLocalizer L, Func<object, string, Task<IEnumerable<string>>> check) =>
        async (model, property) =>
        {
            var errors = (await check(model, property)).ToList();
            if (errors.Count == 0 || !English) return errors;
            return [L["Users.Invalid." + char.ToLowerInvariant(property[0]) + property[1..]]];
        };
}
