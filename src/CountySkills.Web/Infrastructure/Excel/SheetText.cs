using System.Globalization;
using System.Text;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>Text helpers for header matching and for showing cell values to users.</summary>
public static class SheetText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Folds a header text for matching: full-width ASCII to half-width, all whitespace removed,
    /// （）【】 to (), a leading or trailing '*' (the "required" mark) removed, lower-case.
    /// </summary>
    public static string Normalise(string s)
    {
        var folded = new StringBuilder(s.Length);
        foreach (var original in s)
        {
            var c = original is >= '\uFF01' and <= '\uFF5E' ? (char)(original - 0xFEE0) : original;
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF') continue;
            folded.Append(c switch
            {
                '【' or '[' => '(',
                '】' or ']' => ')',
                _ => char.ToLowerInvariant(c),
            });
        }
        return folded.ToString().Trim('*');
    }

    /// <summary>Text written into a sheet: one that a spreadsheet would take for a formula (= + - @ tab CR) gets a
    /// leading apostrophe (OWASP "CSV injection").</summary>
    public static string? Safe(string? s) => s is { Length: > 0 } && IsFormulaStart(s[0]) ? "'" + s : s;

    /// <summary>The text <see cref="Safe"/> escaped, back as it was: a file the app wrote imports again unchanged.</summary>
    static string Unescaped(string s) => s.Length > 1 && s[0] == '\'' && IsFormulaStart(s[1]) ? s[1..] : s;

    static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A cell value as a user sees it, or null when the cell is blank.</summary>
    public static string? CellText(object? v) => v switch
    {
        null => null,
        string s => NullIfEmpty(Unescaped(s.Trim())),
        double d => NumberText(d),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Invariant),
        bool b => b ? "是" : "否",
        IFormattable f => NullIfEmpty(f.ToString(null, Invariant).Trim()),
        _ => NullIfEmpty(v.ToString()?.Trim()),
    };

    /// <summary>True for null, empty and whitespace-only (incl. U+3000) cells; cheaper than <see cref="CellText"/>.</summary>
    /// <summary>A full date as sheets write it: a date cell, an Excel serial number, or 2026-03-01 / 2026/3/1 / 2026.3.1 / 2026年3月1日.</summary>
    public static DateOnly? Date(object? cell)
    {
        switch (cell)
        {
            case DateTime dt: return DateOnly.FromDateTime(dt);
            case double d when d is > 20_000 and < 80_000: return DateOnly.FromDateTime(DateTime.FromOADate(d));
        }
        var text = CellText(cell);
        if (text is null) return null;
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?(\s+\d{1,2}:\d{2}(:\d{2})?)?$");
        if (!m.Success) return null;
        return DateOnly.TryParseExact($"{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value):D2}-{int.Parse(m.Groups[3].Value):D2}", "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
    }

    public static bool IsBlank(object? v) => v is null || v is string s && string.IsNullOrWhiteSpace(s);

    /// <summary>A header as the file writes it, on one line: for error reports.</summary>
    public static string HeaderDisplay(string text) => text.Replace("\r", "").Replace("\n", "").Trim();

    // Integral values below 1e15 are shown as plain digits so phone numbers don't turn into 1.3812345678E+10.
    private static string NumberText(double d) =>
        double.IsInteger(d) && Math.Abs(d) < 1e15
            ? (d == 0 ? "0" : d.ToString("F0", Invariant))
            : d.ToString("G15", Invariant);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>Maps header texts to canonical keys through normalised synonyms.</summary>
internal sealed class HeaderMatcher
{
    private readonly Dictionary<string, string> _keyBySynonym = new();

    public HeaderMatcher(IReadOnlyDictionary<string, string[]> synonyms)
    {
        foreach (var (key, texts) in synonyms)
            foreach (var text in texts) _keyBySynonym.TryAdd(SheetText.Normalise(text), key);
    }

    /// <summary>Exact match first; only then drop parenthetical suffixes such as "(必填)" one at a time.</summary>
    public string? Match(string? text)
    {
        if (text is null) return null;
        var normalised = SheetText.Normalise(text);
        while (true)
        {
            if (_keyBySynonym.TryGetValue(normalised, out var key)) return key;
            var open = normalised.LastIndexOf('(');
            if (open <= 0 || !normalised.EndsWith(')')) return null;
            normalised = normalised[..open].Trim('*');
        }
    }
}
