using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// The brand and entrepreneurship forms' words for what validators and handlers say. On Chinese pages a field keeps the validator's or
/// handler's (more specific) sentence; on English pages it says what the field needs (<c>{prefix}.Invalid.{field}</c>), and a refusal's code
/// keys its sentence (<c>BF.Code.{code}</c>).
/// </summary>
public static class BrandText
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    static string Camel(string field) => string.Join('.', field.Split('.').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));

    /// <summary>One field's message (field named as the API names it).</summary>
    public static string Field(IStringLocalizer L, string prefix, string field, string message, string? code = null) =>
        !English ? message
        : code is not null && L["BF.Code." + code] is { ResourceNotFound: false } c ? c.Value
        : L[$"{prefix}.Invalid.{Camel(field)}"] is { ResourceNotFound: false } f ? f.Value : L["BF.Form.Invalid"].Value;

    /// <summary>A form's per-field check through the request's own validator, in the page's language.</summary>
    public static Func<object, string, Task<IEnumerable<string>>> Localised(IStringLocalizer L, string prefix, Func<object, string, Task<IEnumerable<string>>> check) =>
        async (model, property) =>
        {
            var errors = (await check(model, property)).ToList();
            return errors.Count == 0 || !English ? errors : [Field(L, prefix, property, errors[0])];
        };

    /// <summary>The field errors of a failed result, one sentence per field (keys as the API names them).</summary>
    public static Dictionary<string, string> Fields<T>(IStringLocalizer L, string prefix, Result<T> r) =>
        r.Errors?.Where(e => e.Value.Length > 0).ToDictionary(e => e.Key, e => Field(L, prefix, e.Key, string.Join("；", e.Value), r.Code)) ?? [];

    /// <summary>The sentence for a failure that names no field.</summary>
    public static string Refusal<T>(IStringLocalizer L, Result<T> r) =>
        !English && !string.IsNullOrEmpty(r.Detail) ? r.Detail
        : r.Code is { } code && L["BF.Code." + code] is { ResourceNotFound: false } c ? c.Value
        : (r.Outcome switch { Outcome.Conflict => L["BF.Form.Conflict"], Outcome.NotFound => L["BF.Form.NotFound"], Outcome.Forbidden => L["BF.Form.Forbidden"], _ => L["BF.Form.Failed"] }).Value;

    /// <summary>A star scheme step's certificate as people read it: the occupation's name and the level.</summary>
    public static string Certificate(IStringLocalizer L, IReadOnlyDictionary<string, string> names, StarStep.Cert c) =>
        $"{OccupationNames.Of(names, c.OccupationCode)} {L["BF.Level." + ((SkillLevel)c.Level)]}";
}
