using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// The employment forms' words: enum words from the resources, and the handlers' refusals and field errors in the page's language
/// (Chinese pages keep the validator's own, more specific sentence; English pages say what the field needs, keyed by form and field).
/// </summary>
public static class EmpText
{
    static readonly HashSet<string> Codes = ["agreement.terminated", "agreement.end_before_start", "job_order.closed", "job_order.has_class"];

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>Joins words of a list as the page's language does (、 or a comma).</summary>
    public static string List(IEnumerable<string> words) => string.Join(English ? ", " : "、", words);

    /// <summary>An enum word (AgreementStatus.Active, EventKind.JobFair…).</summary>
    public static string Word<T>(IStringLocalizer L, T value) where T : struct, Enum => L[$"{typeof(T).Name}.{value}"];

    /// <summary>The sentence for a failure that names no field.</summary>
    public static string Refusal(IStringLocalizer L, Failure f) =>
        !English && !string.IsNullOrEmpty(f.Detail) ? f.Detail
        : f.Code is { } c && Codes.Contains(c) ? L["EmpF.Code." + c]
        : f.Outcome == Outcome.Conflict ? L["EmpF.Stale"] : f.Outcome == Outcome.Forbidden ? L["EmpF.Forbidden"] : L["EmpF.Failed"];

    /// <summary>One field's message (field named as the API names it: wageMaxFen, deadline…).</summary>
    public static string Field(IStringLocalizer L, string form, string field, string message, string? code = null) =>
        !English ? message
        : code is not null && Codes.Contains(code) ? L["EmpF.Code." + code]
        : L[$"EmpF.Invalid.{form}.{field}"] is { ResourceNotFound: false } s ? s : L["EmpF.InvalidField"];

    /// <summary>A form's per-field check through the request's own validator, in the page's language.</summary>
    public static Func<object, string, Task<IEnumerable<string>>> Localised(IStringLocalizer L, string form, Func<object, string, Task<IEnumerable<string>>> check) =>
        async (model, property) =>
        {
            var errors = (await check(model, property)).ToList();
            if (errors.Count == 0 || !English) return errors;
            return [Field(L, form, char.ToLowerInvariant(property[0]) + property[1..], errors[0])];
        };
}

/// <summary>A form's errors from the handler: per field (shown at the field) and a general one (shown above the buttons).</summary>
public sealed class FormErrors(IStringLocalizer L, string form)
{
    Dictionary<string, string> _fields = [];

    /// <summary>Fields the form shows; an error on any other field is shown as the general one.</summary>
    public HashSet<string> Shown { get; } = [];
    public string? General { get; private set; }

    public bool Has(string field) => _fields.ContainsKey(field);
    public string? Msg(string field) => _fields.GetValueOrDefault(field);
    public void Clear(string field) => _fields.Remove(field);
    public void Reset() => (_fields, General) = ([], null);

    public void Set(Failure f)
    {
        _fields = f.Errors?.Where(e => e.Value.Length > 0).ToDictionary(e => e.Key, e => EmpText.Field(L, form, e.Key, string.Join("；", e.Value), f.Code)) ?? [];
        var other = _fields.Where(e => !Shown.Contains(e.Key)).Select(e => e.Value).ToList();
        General = f.Errors is null or { Count: 0 } ? EmpText.Refusal(L, f) : other.Count > 0 ? string.Join("；", other) : null;
    }
}
