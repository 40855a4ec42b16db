using System.Globalization;
using System.Text.RegularExpressions;
using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>
/// The figures a narrative may name in braces: every indicator of the catalogue by its Chinese name ({培训人次}, {持证率} …), and the
/// county's own ({县名}, {乡镇数}, {行政村数}, {台账人数}, {期间}, {年度}). A placeholder the platform does not know stays as written
/// and is listed, so the preview can point at it.
/// </summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\{(\S[^{}\r\n]{0,29})\}")]
    private static partial Regex Braced();

    public sealed record Filled(string Text, IReadOnlyList<string> Unknown);

    /// <summary>What a placeholder looks like in a text: a name in braces (no line break, at most 30 characters).</summary>
    public static Regex Pattern => Braced();

    /// <summary>A name as placeholders compare it: without spaces, so {培训结束后第6个月就业率} is the indicator 培训结束后第 6 个月就业率.</summary>
    public static string Normalise(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c)));

    public static Filled Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var unknown = new List<string>();
        Dictionary<string, string>? squashed = null;
        var result = Braced().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var v)) return v;
            squashed ??= values.GroupBy(kv => Normalise(kv.Key)).ToDictionary(g => g.Key, g => g.First().Value);
            if (squashed.TryGetValue(Normalise(name), out v)) return v;
            unknown.Add(name);
            return m.Value;
        });
        return new Filled(result, unknown.Distinct().ToList());
    }

    /// <summary>The names a narrative may use, with what each means (for the editor's help).</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Known =>
    [
        ("县名", "县的名称"), ("乡镇数", "乡镇（街道）个数"), ("行政村数", "行政村（社区）个数"), ("台账人数", "劳动力台账在册人数"), ("期间", "报告期间，如 2026年"), ("年度", "报告的最后一年"),
        .. Catalogue.All.Select(i => (i.Name, i.Definition)),
    ];

    /// <summary>A figure as a report writes it: 12,345 人次 → "12345"; a rate "66.7%"; money in fen → "123.45万元".</summary>
    public static string Format(Indicator ind, decimal? value)
    {
        if (value is null) return "—";
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        return ind.Unit switch
        {
            "%" => value.Value.ToString("0.0", zh) + "%",
            "分" when ind.Kind == IndicatorKind.Median => (value.Value / 100).ToString("#,##0", zh) + "元",
            "分" => (value.Value / 1_000_000m).ToString("#,##0.00", zh) + "万元",
            "万元" => value.Value.ToString("#,##0.##", zh) + "万元",
            _ => value.Value.ToString("0.##", zh),
        };
    }
}
