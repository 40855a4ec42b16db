using System.Globalization;
using CountySkills.Web.Components.Shared;

namespace CountySkills.Web.Features.Dashboard;

/// <summary>Where a click on a figure of the dashboard leads: the records behind it (an indicator, a period, an area, a group of a breakdown).</summary>
public sealed record DrillTo(string Key, string? By = null, string? Group = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>How the dashboard and the screen write figures: names in the UI's language, money in yuan, rates with one decimal; and the drill-down address.</summary>
public static class Dash
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string Name(string zh, string en) => English ? en : zh;

    public static string Name(GetDashboard.Kpi k) => Name(k.Name, k.NameEn);

    public static string Name(GetDashboard.Series s) => Name(s.Name, s.NameEn);

    public static string Name(GetDashboard.Trend t) => Name(t.Name, t.NameEn);

    /// <summary>A value as shown: fen as yuan, a rate with one decimal, counts with thousands separators.</summary>
    public static string Format(decimal? v, string unit) => v is null ? "—" : unit switch
    {
        "分" => (v.Value / 100m).ToString("N0", CultureInfo.CurrentCulture),
        "%" => v.Value.ToString("0.0", CultureInfo.CurrentCulture),
        _ => v.Value.ToString(v.Value == decimal.Truncate(v.Value) ? "N0" : "N1", CultureInfo.CurrentCulture),
    };

    /// <summary>A value as a chart plots it (fen as yuan).</summary>
    public static double? Plot(decimal? v, string unit) => v is null ? null : (double)(unit == "分" ? v.Value / 100m : v.Value);

    /// <summary>The unit as shown (fen are shown as yuan).</summary>
    public static string Unit(string unit) => English
        ? unit switch { "人次" => "person-times", "人" => "people", "分" or "元" => "yuan", "户" => "businesses", "万元" => "10k yuan", _ => unit }
        : unit == "分" ? "元" : unit;

    /// <summary>"培训人次（人次）" / "Training person-times (person-times)".</summary>
    public static string Caption(string name, string unit) => English ? $"{name} ({Unit(unit)})" : $"{name}（{Unit(unit)}）";

    public static string RecordsUrl(DrillTo d, GetDashboard.View v)
    {
        var (from, to) = (d.From ?? v.From, d.To ?? v.To);
        var url = $"/dashboard/records?key={Uri.EscapeDataString(d.Key)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        if (v.Area is not null) url += $"&area={v.Area}";
        if (d.By is not null && d.Group is not null) url += $"&by={d.By}&group={Uri.EscapeDataString(d.Group)}";
        return url + $"&year={v.Year}";
    }

    /// <summary>The series of a chart a click landed on (by its shown name; the first when the chart has one).</summary>
    public static GetDashboard.Series? SeriesOf(IReadOnlyList<GetDashboard.Series> series, ChartClick c) =>
        series.FirstOrDefault(s => Name(s) == c.SeriesName) ?? series.FirstOrDefault();
}
