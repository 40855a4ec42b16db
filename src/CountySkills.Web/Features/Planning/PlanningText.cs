using System.Globalization;
using CountySkills.Web.Features.Indicators;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CountySkills.Web.Features.Planning;

/// <summary>The planning pages' words: indicator and department names in the page's language, numbers, statuses, and the handlers'
/// refusals (a code keys its sentence on English pages; Chinese pages keep the handler's more specific sentence).</summary>
public static class PlanningText
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string Indicator(string key) => Catalogue.Find(key) is { } i ? (English ? i.NameEn : i.Name) : key;

    public static string Department(Department d) => English && !string.IsNullOrEmpty(d.NameEn) ? d.NameEn : d.Name;

    public static string Department(Departments.View d) => English && !string.IsNullOrEmpty(d.NameEn) ? d.NameEn : d.Name;

    /// <summary>A unit of the catalogue (人次, 人, %, 户, 分, 元, 万元) in the page's language.</summary>
    public static string Unit(IStringLocalizer L, string unit) =>
        !English || unit is "%" or "" ? unit : L["Plan.Unit." + unit] is { ResourceNotFound: false } u ? u.Value : unit;

    /// <summary>A figure as the tables show it: thousands separated, at most two decimals; a dash for none.</summary>
    public static string N(decimal? v) => v is { } x ? x.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";

    public static string Percent(decimal? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static Color StatusColor(string status) => status switch
    {
        ProgressRules.Ahead => Color.Success,
        ProgressRules.OnTrack => Color.Info,
        ProgressRules.Behind => Color.Warning,
        _ => Color.Error,
    };

    public static string LightCss(string light) => light switch
    {
        ProgressRules.Green => "#2e7d32",
        ProgressRules.Yellow => "#f9a825",
        _ => "#c62828",
    };

    static readonly HashSet<string> Codes =
    [
        "plan.reason_required", "plan.issued", "plan.empty", "plan.split_mismatch", "plan.year_issued", "plan.stale", "plan.indicator_unknown",
        "plan.indicator_duplicate", "plan.target_negative", "plan.split_code_unknown", "plan.split_duplicate", "plan.split_kind", "plan.bands_order",
        "plan.title", "plan.year", "plan.points", "version.required", "department.stale", "department.code_taken", "department.in_use", "leadership.stale",
        "reported.duplicate", "reported.not_reported_indicator", "reported.future_month", "reported.area_unknown", "reported.value", "reported.stale",
        "file.too_large", "file.type",
    ];

    /// <summary>The sentence for a failed result.</summary>
    public static string Refusal(IStringLocalizer L, string? code, string? detail) =>
        !English && !string.IsNullOrEmpty(detail) ? detail : code is not null && Codes.Contains(code) ? L["Plan.Code." + code] : L["Plan.Failed"];

    /// <summary>Every field error of a result, one line each ("items[0].target: …").</summary>
    public static IReadOnlyList<string> Errors(IStringLocalizer L, Infrastructure.Failure f) =>
        f.Errors is { Count: > 0 } errors
            ? errors.Select(e => English ? $"{e.Key}: {Refusal(L, f.Code, null)}" : string.Join("；", e.Value)).ToList()
            : [Refusal(L, f.Code, f.Detail)];

    public static IReadOnlyList<string> Errors<T>(IStringLocalizer L, Result<T> r) => r.IsOk ? [] : Errors(L, r.AsFailure());
}
