using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CountySkills.Web.Components.Shared;

/// <summary>One value of a chart: its category (or slice) name, its value, and the code a click hands back (a region code,
/// an occupation code, a month "2026-03"…) for drill-down. A null value is a gap (a month not reached yet).</summary>
public sealed record ChartPoint(string Name, double? Value, string? Code = null);

/// <summary>One named series of points. The series of a chart share categories: the first series' point names are the axis.</summary>
public sealed record ChartSeriesData(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>What a click on a bar, a line's point or a slice hands to <c>EChart.OnClick</c>.</summary>
public sealed record ChartClick(string? SeriesName, string? Name, string? Code, int DataIndex, double? Value);

/// <summary>
/// An Apache ECharts option (https://echarts.apache.org/en/option.html) for <see cref="EChart"/>, serialised camelCase with nulls
/// left out. Build the common kinds with <see cref="Bar"/>, <see cref="Bars"/>, <see cref="StackedBar"/>, <see cref="Line"/>,
/// <see cref="YearOverYear"/>, <see cref="Pie"/> and <see cref="Ring"/>, then adjust with the <c>With…</c> methods or the
/// properties. Functions (formatters as code) cannot pass: use ECharts' string templates ("{b}: {c}人"). ADR 0017.
/// </summary>
public sealed class ChartOption
{
    /// <summary>The font of every text in a chart (the canvas does not take the page's CSS); EChart adds it to any option.</summary>
    public const string FontFamily = "\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public ChartTitle? Title { get; set; }
    public ChartTooltip? Tooltip { get; set; }
    public ChartLegend? Legend { get; set; }
    public ChartGrid? Grid { get; set; }
    public ChartAxis? XAxis { get; set; }
    public ChartAxis? YAxis { get; set; }
    public List<ChartSeries> Series { get; set; } = [];
    public ChartTextStyle? TextStyle { get; set; } = new() { FontFamily = FontFamily };
    /// <summary>The palette, in series (bars, lines) or slice (pie) order.</summary>
    public string[]? Color { get; set; }
    /// <summary>"transparent" lets the page's panel show through (the dark screen).</summary>
    public string? BackgroundColor { get; set; }
    public bool? Animation { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    // ---- the common kinds ----

    /// <summary>One series of bars, vertical or (<paramref name="horizontal"/>, first point on top) horizontal.</summary>
    public static ChartOption Bar(string? title, IEnumerable<ChartPoint> points, string? seriesName = null, bool horizontal = false) =>
        Bars(title, [new ChartSeriesData(seriesName ?? "", points.ToList())], horizontal).WithLegend(seriesName is not null);

    /// <summary>Several series of bars side by side per category (or stacked, see <see cref="StackedBar"/>).</summary>
    public static ChartOption Bars(string? title, IEnumerable<ChartSeriesData> series, bool horizontal = false, bool stacked = false)
    {
        var list = series.ToList();
        var o = Axes(title, list, horizontal, boundaryGap: true);
        o.Tooltip = new() { Trigger = "axis", AxisPointer = new() { Type = "shadow" } };
        foreach (var s in list)
            o.Series.Add(new()
            {
                Type = "bar", Name = NameOf(s), Data = Data(s.Points), Stack = stacked ? "total" : null, BarMaxWidth = 40,
                Emphasis = stacked ? new() { Focus = "series" } : null,
            });
        return o;
    }

    /// <summary>Series of bars stacked on each other per category (e.g. placed locally / in the province / outside).</summary>
    public static ChartOption StackedBar(string? title, IEnumerable<ChartSeriesData> series, bool horizontal = false) =>
        Bars(title, series, horizontal, stacked: true);

    /// <summary>One line per series over the categories of the first.</summary>
    public static ChartOption Line(string? title, IEnumerable<ChartSeriesData> series, bool smooth = false, bool area = false)
    {
        var list = series.ToList();
        var o = Axes(title, list, horizontal: false, boundaryGap: false);
        o.Tooltip = new() { Trigger = "axis" };
        foreach (var s in list)
            o.Series.Add(new()
            {
                Type = "line", Name = NameOf(s), Data = Data(s.Points), Smooth = smooth ? true : null,
                AreaStyle = area ? new() { Opacity = 0.15 } : null, SymbolSize = 7,
            });
        return o;
    }

    /// <summary>This year against last year, by month: twelve categories (month names of the current culture), two lines.
    /// A list shorter than 12 leaves the later months empty. Each point's code is its month, "2026-03" / "2025-03".</summary>
    public static ChartOption YearOverYear(string? title, int year, IReadOnlyList<double?> thisYear, IReadOnlyList<double?> lastYear,
        string thisYearName, string lastYearName, bool smooth = false)
    {
        var months = CultureInfo.CurrentCulture.DateTimeFormat;
        ChartSeriesData Of(string name, int y, IReadOnlyList<double?> values) => new(name, Enumerable.Range(1, 12)
            .Select(m => new ChartPoint(months.GetAbbreviatedMonthName(m), m <= values.Count ? values[m - 1] : null, $"{y:D4}-{m:D2}"))
            .ToList());
        var o = Line(title, [Of(thisYearName, year, thisYear), Of(lastYearName, year - 1, lastYear)], smooth);
        o.Series[1].LineStyle = new() { Type = "dashed" };
        return o;
    }

    /// <summary>A pie, or with <paramref name="ring"/> a ring (doughnut); the legend lists the slices.</summary>
    public static ChartOption Pie(string? title, IEnumerable<ChartPoint> points, string? seriesName = null, bool ring = false)
    {
        var o = new ChartOption
        {
            Title = TitleOf(title),
            Tooltip = new() { Trigger = "item", Formatter = "{b}: {c} ({d}%)" },
            Legend = new() { Bottom = 0, Type = "scroll" },
        };
        o.Series.Add(new()
        {
            Type = "pie", Name = seriesName, Data = Data(points),
            Radius = ring ? new[] { "42%", "66%" } : "66%",
            Center = new[] { "50%", title is null ? "46%" : "52%" },
            Label = new() { Show = true, Formatter = "{b}\n{d}%" },
            ItemStyle = ring ? new() { BorderRadius = 4, BorderWidth = 2, BorderColor = "rgba(128,128,128,0.15)" } : null,
        });
        return o;
    }

    /// <summary><see cref="Pie"/> as a ring.</summary>
    public static ChartOption Ring(string? title, IEnumerable<ChartPoint> points, string? seriesName = null) => Pie(title, points, seriesName, ring: true);

    // ---- adjustments ----

    public ChartOption WithSubtitle(string? subtitle)
    {
        if (Title is null) Title = new() { Subtext = subtitle };
        else Title.Subtext = subtitle;
        if (Grid is not null && subtitle is not null) Grid.Top = 64;
        if (subtitle is not null && Series is [{ Type: "pie" } pie]) pie.Center = new[] { "50%", "56%" };
        return this;
    }

    /// <summary>Names the axes (e.g. "乡镇", "人"); on a horizontal bar chart the category axis is the vertical one.</summary>
    public ChartOption WithAxisNames(string? category, string? value)
    {
        var (c, v) = CategoryAndValueAxes();
        if (c is not null) c.Name = category;
        if (v is not null) v.Name = value;
        return this;
    }

    /// <summary>Category labels: every one shown (<paramref name="all"/>) and turned by <paramref name="rotate"/> degrees.</summary>
    public ChartOption WithCategoryLabels(int rotate = 0, bool all = true)
    {
        var (c, _) = CategoryAndValueAxes();
        if (c is not null) c.AxisLabel = new() { Rotate = rotate == 0 ? null : rotate, Interval = all ? 0 : null };
        return this;
    }

    /// <summary>Whole steps on the value axis (counts: no 0.5 person).</summary>
    public ChartOption WithWholeNumbers()
    {
        var (_, v) = CategoryAndValueAxes();
        if (v is not null) v.MinInterval = 1;
        return this;
    }

    /// <summary>A string template for the value axis' labels, e.g. "{value}%".</summary>
    public ChartOption WithValueLabels(string formatter)
    {
        var (_, v) = CategoryAndValueAxes();
        if (v is not null) v.AxisLabel = new() { Formatter = formatter };
        return this;
    }

    /// <summary>Writes each value on its bar, point or slice (<paramref name="formatter"/>: an ECharts template, e.g. "{c}人").</summary>
    public ChartOption WithDataLabels(bool show = true, string? formatter = null)
    {
        foreach (var s in Series)
        {
            s.Label ??= new();
            s.Label.Show = show;
            if (formatter is not null) s.Label.Formatter = formatter;
            if (s.Type == "bar" && s.Label.Position is null)
                s.Label.Position = s.Stack is not null ? "inside" : YAxis?.Type == "category" ? "right" : "top";
        }
        return this;
    }

    public ChartOption WithLegend(bool show = true)
    {
        if (!show) Legend = null;
        else Legend ??= new() { Bottom = 0, Type = "scroll" };
        if (Grid is not null) Grid.Bottom = Legend is null ? 8 : 32;
        return this;
    }

    public ChartOption WithColors(params string[] colors)
    {
        Color = colors;
        return this;
    }

    /// <summary>No background of its own, for charts on a coloured panel (the dark screen).</summary>
    public ChartOption Transparent()
    {
        BackgroundColor = "transparent";
        return this;
    }

    public ChartOption WithAnimation(bool on)
    {
        Animation = on;
        return this;
    }

    // ---- helpers ----

    static ChartTitle? TitleOf(string? title) => title is null ? null : new() { Text = title, Left = "left" };

    static string? NameOf(ChartSeriesData s) => s.Name.Length == 0 ? null : s.Name;

    static List<ChartDatum> Data(IEnumerable<ChartPoint> points) =>
        points.Select(p => new ChartDatum { Name = p.Name, Value = p.Value, Code = p.Code }).ToList();

    static ChartOption Axes(string? title, IReadOnlyList<ChartSeriesData> series, bool horizontal, bool boundaryGap)
    {
        var categories = new ChartAxis
        {
            Type = "category", Data = series.Count == 0 ? [] : series[0].Points.Select(p => p.Name).ToList(),
            BoundaryGap = boundaryGap ? null : false, Inverse = horizontal ? true : null,
            AxisLabel = horizontal ? new() { Interval = 0 } : null,
        };
        var values = new ChartAxis { Type = "value" };
        var legend = series.Count > 1;
        return new ChartOption
        {
            Title = TitleOf(title),
            Legend = legend ? new() { Bottom = 0, Type = "scroll" } : null,
            // The grid's box holds the axis labels and names too ("same"), so a legend below it does not cover them.
            Grid = new() { Left = 8, Right = 24, Top = title is null ? 16 : 44, Bottom = legend ? 32 : 8, OuterBoundsMode = "same" },
            XAxis = horizontal ? values : categories,
            YAxis = horizontal ? categories : values,
        };
    }

    (ChartAxis? Category, ChartAxis? Value) CategoryAndValueAxes() =>
        XAxis?.Type == "category" ? (XAxis, YAxis) : (YAxis, XAxis);
}

public sealed class ChartTitle
{
    public string? Text { get; set; }
    public string? Subtext { get; set; }
    /// <summary>"left", "center", "right" or a number of pixels.</summary>
    public object? Left { get; set; }
    public object? Top { get; set; }
    public ChartTextStyle? TextStyle { get; set; }
}

public sealed class ChartTooltip
{
    /// <summary>"axis" (bars, lines) or "item" (pie).</summary>
    public string? Trigger { get; set; }
    public ChartAxisPointer? AxisPointer { get; set; }
    /// <summary>A string template: {a} series, {b} name, {c} value, {d} percent (pie).</summary>
    public string? Formatter { get; set; }
}

public sealed class ChartAxisPointer
{
    /// <summary>"line", "shadow", "cross" or "none".</summary>
    public string? Type { get; set; }
}

public sealed class ChartLegend
{
    public bool? Show { get; set; }
    /// <summary>"plain" or "scroll" (many items).</summary>
    public string? Type { get; set; }
    public object? Left { get; set; }
    public object? Right { get; set; }
    public object? Top { get; set; }
    public object? Bottom { get; set; }
    /// <summary>"horizontal" or "vertical".</summary>
    public string? Orient { get; set; }
}

public sealed class ChartGrid
{
    public object? Left { get; set; }
    public object? Right { get; set; }
    public object? Top { get; set; }
    public object? Bottom { get; set; }
    /// <summary>ECharts 6: "same" keeps axis labels and names inside Left/Right/Top/Bottom; "auto" only inside the chart.</summary>
    public string? OuterBoundsMode { get; set; }
}

public sealed class ChartAxis
{
    /// <summary>"category" or "value".</summary>
    public string? Type { get; set; }
    public string? Name { get; set; }
    public List<string>? Data { get; set; }
    public bool? BoundaryGap { get; set; }
    /// <summary>Categories from the top (horizontal bars: the first point on top).</summary>
    public bool? Inverse { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    /// <summary>The smallest step between ticks: 1 keeps counts of people off 0.5.</summary>
    public double? MinInterval { get; set; }
    public ChartAxisLabel? AxisLabel { get; set; }
}

public sealed class ChartAxisLabel
{
    /// <summary>0 shows every label.</summary>
    public int? Interval { get; set; }
    public int? Rotate { get; set; }
    /// <summary>A string template, e.g. "{value}人".</summary>
    public string? Formatter { get; set; }
}

public sealed class ChartSeries
{
    /// <summary>"bar", "line" or "pie" (any ECharts series type).</summary>
    public string Type { get; set; } = "bar";
    public string? Name { get; set; }
    public List<ChartDatum> Data { get; set; } = [];
    /// <summary>Series with the same stack name are stacked.</summary>
    public string? Stack { get; set; }
    /// <summary>Pie: "60%" or an inner and outer radius ["40%", "65%"].</summary>
    public object? Radius { get; set; }
    public object? Center { get; set; }
    public bool? Smooth { get; set; }
    public double? SymbolSize { get; set; }
    public object? BarMaxWidth { get; set; }
    public ChartLabel? Label { get; set; }
    public ChartItemStyle? ItemStyle { get; set; }
    public ChartLineStyle? LineStyle { get; set; }
    public ChartAreaStyle? AreaStyle { get; set; }
    public ChartEmphasis? Emphasis { get; set; }
}

/// <summary>One data item: ECharts keeps <c>code</c> on it and hands it back with a click.</summary>
public sealed class ChartDatum
{
    public string? Name { get; set; }
    /// <summary>Written even when null: ECharts draws null as a gap.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Value { get; set; }
    public string? Code { get; set; }
    public ChartItemStyle? ItemStyle { get; set; }
}

public sealed class ChartLabel
{
    public bool? Show { get; set; }
    /// <summary>"top", "inside", "right", "outside"…</summary>
    public string? Position { get; set; }
    public string? Formatter { get; set; }
}

public sealed class ChartItemStyle
{
    public string? Color { get; set; }
    public object? BorderRadius { get; set; }
    public double? BorderWidth { get; set; }
    public string? BorderColor { get; set; }
}

public sealed class ChartLineStyle
{
    /// <summary>"solid", "dashed" or "dotted".</summary>
    public string? Type { get; set; }
    public double? Width { get; set; }
}

public sealed class ChartAreaStyle
{
    public double? Opacity { get; set; }
}

public sealed class ChartEmphasis
{
    /// <summary>"series" dims the other series while one is hovered.</summary>
    public string? Focus { get; set; }
}

public sealed class ChartTextStyle
{
    public string? FontFamily { get; set; }
    public double? FontSize { get; set; }
    public string? Color { get; set; }
}
