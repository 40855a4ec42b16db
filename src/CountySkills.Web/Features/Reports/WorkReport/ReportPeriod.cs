namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>The period of a work report: one year ("2026"), or a span of years ("2021-2025" for 十四五).</summary>
public sealed record ReportPeriod(int FirstYear, int LastYear)
{
    public string Key => FirstYear == LastYear ? $"{FirstYear}" : $"{FirstYear}-{LastYear}";
    public DateOnly From => new(FirstYear, 1, 1);
    public DateOnly To => new(LastYear, 12, 31);
    /// <summary>The period's title words: "2026年" or "2021—2025年（“十四五”时期）".</summary>
    public string Words => FirstYear == LastYear ? $"{FirstYear}年"
        : $"{FirstYear}—{LastYear}年" + (FiveYearPlan(FirstYear, LastYear) is { } n ? $"（“{n}”时期）" : "");

    /// <summary>十四五 is 2021-2025; 十五五 2026-2030 (the plans since 2001 begin in years ending in 1 or 6).</summary>
    static string? FiveYearPlan(int first, int last)
    {
        if (last - first != 4 || (first - 2001) % 5 != 0 || first < 2001) return null;
        var n = 10 + (first - 2001) / 5;
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return "十" + digits[n - 10] + "五";
    }

    /// <summary>Parses ?year=2026 or ?period=2021-2025; null when malformed or wider than 10 years.</summary>
    public static ReportPeriod? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().Split('-', '—', '~');
        if (parts.Length is < 1 or > 2 || !parts.All(p => int.TryParse(p, out var y) && y is >= 2000 and <= 2100)) return null;
        var (a, b) = (int.Parse(parts[0]), int.Parse(parts[^1]));
        return b < a || b - a > 9 ? null : new ReportPeriod(a, b);
    }
}
