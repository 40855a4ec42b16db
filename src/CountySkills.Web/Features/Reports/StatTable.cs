namespace CountySkills.Web.Features.Reports;

/// <summary>How a column's numbers are shown: in the xlsx as a number format, in the JSON as a word.</summary>
public enum StatFormat
{
    /// <summary>Whole numbers (人、人次、个): <c>#,##0</c>.</summary>
    Count,
    /// <summary>Money in yuan with fen: <c>#,##0.00</c>.</summary>
    Yuan,
    /// <summary>A rate held as a fraction (0.853) and shown as a percentage: <c>0.0%</c>.</summary>
    Percent,
    /// <summary>A number with one decimal (a rate already in percent, 天数): <c>0.0</c>.</summary>
    OneDecimal,
}

/// <summary>Where the totals row (合计) stands: under the data rows, right under the header (as many county forms
/// have it: 全县合计 first), or not at all.</summary>
public enum StatTotalsPlacement { Bottom, Top, None }

/// <summary>How a column's value in the totals row comes about: the sum of the data rows (the default), blank, a value
/// given, or a function of the totals row (a rate from two summed columns).</summary>
public sealed class StatTotal
{
    enum Kind { Sum, None, Fixed, Computed }

    readonly Kind _kind;
    readonly decimal? _fixed;
    readonly Func<StatValues, decimal?>? _compute;

    StatTotal(Kind kind, decimal? value = null, Func<StatValues, decimal?>? compute = null) =>
        (_kind, _fixed, _compute) = (kind, value, compute);

    /// <summary>The sum of the data rows that count towards the total (<see cref="StatRow.InTotal"/>); blank when none
    /// of them has a value.</summary>
    public static readonly StatTotal Sum = new(Kind.Sum);

    /// <summary>Left blank (a rate nobody computed, a column that does not add up).</summary>
    public static readonly StatTotal None = new(Kind.None);

    /// <summary>A value the caller supplies (a rate worked out elsewhere).</summary>
    public static StatTotal Fixed(decimal? value) => new(Kind.Fixed, value);

    /// <summary>A function of the totals row: it sees the sums (and fixed values) of every column, and the computed
    /// values of the columns to its left; e.g. <c>t =&gt; StatValues.Ratio(t["employed"], t["trained"])</c>.</summary>
    public static StatTotal Of(Func<StatValues, decimal?> compute) => new(Kind.Computed, compute: compute ?? throw new ArgumentNullException(nameof(compute)));

    /// <summary>True when the totals row holds the sum of the data rows.</summary>
    public bool IsSum => _kind == Kind.Sum;

    internal bool IsComputed => _kind == Kind.Computed;

    internal decimal? Simple(IEnumerable<StatRow> rows, string key) => _kind switch
    {
        Kind.Sum => rows.Where(r => r.InTotal).Aggregate((decimal?)null, (sum, r) => r.Values.GetValueOrDefault(key) is { } v ? (sum ?? 0) + v : sum),
        Kind.Fixed => _fixed,
        _ => null,
    };

    internal decimal? Compute(StatValues totals) => _compute!(totals);
}

/// <summary>A row's values by column key, for <see cref="StatTotal.Of"/>. An unknown key throws (a misspelt key
/// would otherwise give a blank quietly).</summary>
public sealed class StatValues
{
    readonly IReadOnlyDictionary<string, decimal?> _values;
    internal StatValues(IReadOnlyDictionary<string, decimal?> values) => _values = values;

    public decimal? this[string key] => _values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"统计表没有列 {key}");

    /// <summary>part / whole, or null when either is missing or the whole is 0: for rate columns (a fraction, shown with
    /// <see cref="StatFormat.Percent"/>).</summary>
    public static decimal? Ratio(decimal? part, decimal? whole) => part is { } p && whole is { } w && w != 0 ? p / w : null;
}

/// <summary>A column that labels the rows (乡镇, 培训类别, 项目): it stands left of the figures and its header spans every
/// header row. <paramref name="Width"/> in Excel's units (characters of '0'); null: as wide as its widest label.</summary>
public sealed record StatLabelColumn(string Text, double? Width = null);

/// <summary>
/// A cell of the header tree. A leaf (<see cref="Column"/>) is a column of figures with a key; a group
/// (<see cref="Group"/>) stands over its children. Leaves at any depth are fine: a leaf above the deepest level spans
/// the header rows down to the bottom one.
/// </summary>
public sealed class StatHeader
{
    StatHeader(string text, string? key, IReadOnlyList<StatHeader> children, StatFormat format, StatTotal total, double? width)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("统计表的表头不能为空", nameof(text));
        (Text, Key, Children, Format, Total, Width) = (text, key, children, format, total, width);
    }

    public string Text { get; }

    /// <summary>The column's key (rows' values and the JSON use it); null for a group.</summary>
    public string? Key { get; }

    /// <summary>Empty for a leaf.</summary>
    public IReadOnlyList<StatHeader> Children { get; }

    public StatFormat Format { get; }

    public StatTotal Total { get; }

    /// <summary>The column's width in Excel's units (characters of '0'); null: the format's default, or wider for its widest figure.</summary>
    public double? Width { get; }

    public bool IsLeaf => Children.Count == 0;

    /// <summary>A column of figures. <paramref name="total"/> defaults to <see cref="StatTotal.Sum"/>.</summary>
    public static StatHeader Column(string key, string text, StatFormat format = StatFormat.Count, StatTotal? total = null, double? width = null) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("统计表的列须有键", nameof(key))
            : new(text, key, [], format, total ?? StatTotal.Sum, width);

    /// <summary>A rate column (<see cref="StatFormat.Percent"/>, values as fractions), not summed: its total is
    /// <paramref name="total"/> of the totals row, or blank.</summary>
    public static StatHeader Rate(string key, string text, Func<StatValues, decimal?>? total = null, double? width = null) =>
        Column(key, text, StatFormat.Percent, total is null ? StatTotal.None : StatTotal.Of(total), width);

    /// <summary>A group of columns under one header.</summary>
    public static StatHeader Group(string text, params StatHeader[] children) =>
        children is not { Length: > 0 } ? throw new ArgumentException($"表头分组“{text}”没有下级", nameof(children))
            : new(text, null, children.ToArray(), StatFormat.Count, StatTotal.None, null);
}

/// <summary>A header cell placed on the grid: zero-based row (0 = the top header row) and column (0 = the first label
/// column), and how many rows and columns it covers. <see cref="Header"/> is null for a label column.</summary>
public sealed record StatHeaderCell(string Text, int Row, int Column, int RowSpan, int ColumnSpan, StatHeader? Header)
{
    public bool IsMerged => RowSpan > 1 || ColumnSpan > 1;
}

/// <summary>A column of figures: its key, its own text, the texts of the groups above it (top first), its zero-based
/// column on the grid (label columns included) and its header.</summary>
public sealed record StatLeaf(string Key, string Text, IReadOnlyList<string> Path, int Column, StatHeader Header)
{
    public StatFormat Format => Header.Format;
}

/// <summary>The header tree flattened: its depth (header rows), every cell with its spans, and the leaves in column order.</summary>
public sealed class StatHeaderLayout
{
    StatHeaderLayout(int depth, int labelColumns, IReadOnlyList<StatHeaderCell> cells, IReadOnlyList<StatLeaf> leaves) =>
        (Depth, LabelColumnCount, Cells, Leaves) = (depth, labelColumns, cells, leaves);

    /// <summary>The number of header rows: the deepest leaf's level (1 for a flat header).</summary>
    public int Depth { get; }

    public int LabelColumnCount { get; }

    /// <summary>Label columns and leaves.</summary>
    public int ColumnCount => LabelColumnCount + Leaves.Count;

    /// <summary>Every header cell, label columns included, ordered by row then column.</summary>
    public IReadOnlyList<StatHeaderCell> Cells { get; }

    public IReadOnlyList<StatLeaf> Leaves { get; }

    /// <summary>
    /// Lays the header out: a label column spans all <see cref="Depth"/> rows; a group spans one row and the columns of
    /// its leaves; a leaf at level L (0 = top) spans the rows from L down to the bottom header row. Keys must be
    /// unique; there must be a label column and a column of figures.
    /// </summary>
    public static StatHeaderLayout Of(IReadOnlyList<StatLabelColumn> labels, IReadOnlyList<StatHeader> columns)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(columns);
        if (labels.Count == 0) throw new ArgumentException("统计表至少要有一列行标题（如：乡镇）", nameof(labels));
        if (columns.Count == 0) throw new ArgumentException("统计表至少要有一列数字", nameof(columns));
        var depth = columns.Max(DepthOf);
        var cells = new List<StatHeaderCell>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i].Text)) throw new ArgumentException("行标题列的表头不能为空", nameof(labels));
            cells.Add(new StatHeaderCell(labels[i].Text, 0, i, depth, 1, null));
        }
        var leaves = new List<StatLeaf>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Place(StatHeader h, int level)
        {
            var start = labels.Count + leaves.Count;
            if (h.IsLeaf)
            {
                if (!keys.Add(h.Key!)) throw new ArgumentException($"统计表的列键重复：{h.Key}", nameof(columns));
                leaves.Add(new StatLeaf(h.Key!, h.Text, path.ToArray(), start, h));
                cells.Add(new StatHeaderCell(h.Text, level, start, depth - level, 1, h));
                return;
            }
            path.Add(h.Text);
            foreach (var child in h.Children) Place(child, level + 1);
            path.RemoveAt(path.Count - 1);
            cells.Add(new StatHeaderCell(h.Text, level, start, 1, labels.Count + leaves.Count - start, h));
        }

        foreach (var h in columns) Place(h, 0);
        return new StatHeaderLayout(depth, labels.Count, cells.OrderBy(c => c.Row).ThenBy(c => c.Column).ToArray(), leaves);
    }

    static int DepthOf(StatHeader h) => h.IsLeaf ? 1 : 1 + h.Children.Max(DepthOf);
}

/// <summary>A data row: its labels (one per label column; null or empty for a blank cell) and its figures by column key
/// (a key not given is blank). <see cref="InTotal"/> false marks a "其中" row, shown but not summed into 合计.</summary>
public sealed record StatRow(IReadOnlyList<string?> Labels, IReadOnlyDictionary<string, decimal?> Values, bool InTotal = true);

/// <summary>
/// A statistical table (统计报表) as the county reports it upward: title, 填报单位, period, 计量单位, a header tree over
/// the columns of figures, label columns, data rows, a totals row the table computes, footer lines and 填报日期.
/// Written as xlsx by <see cref="StatTableWorkbook"/> and as JSON by <see cref="ToJson"/>.
/// <code>
/// var t = new StatTable
/// {
///     Key = "training", Title = "职业技能培训情况表", Unit = "禾丰县人力资源和社会保障局",
///     Period = "2026年1月1日至2026年11月30日", CountUnit = "单位：人次", FilledOn = new(2026, 12, 1),
///     LabelColumns = [new("乡镇")],
///     Columns = [StatHeader.Group("培训人次", StatHeader.Column("all", "合计"), StatHeader.Column("subsidised", "其中：补贴性培训")),
///                StatHeader.Column("amount", "补贴金额", StatFormat.Yuan)],
/// };
/// t.AddRow("城关镇", 120, 80, 36000m);
/// </code>
/// </summary>
public sealed class StatTable
{
    /// <summary>The footer line of most forms; ideographic spaces leave room to sign by hand.</summary>
    public const string DefaultFooterLine = "单位负责人：　　　　　　填表人：　　　　　　联系电话：";

    readonly List<StatRow> _rows = [];
    StatHeaderLayout? _layout;

    /// <summary>A short ASCII name for the table (JSON, file names): "training", "transfer", "brands", "funds".</summary>
    public required string Key { get; init; }

    public required string Title { get; init; }

    /// <summary>填报单位, without the words "填报单位：" (the sheet adds them).</summary>
    public string Unit { get; init; } = "";

    /// <summary>The period as the form writes it: "2026年1月1日至2026年11月30日".</summary>
    public string Period { get; init; } = "";

    /// <summary>计量单位 as written: "单位：人次", "单位：元".</summary>
    public string CountUnit { get; init; } = "";

    public DateOnly FilledOn { get; init; }

    public required IReadOnlyList<StatLabelColumn> LabelColumns { get; init; }

    /// <summary>The header tree over the columns of figures, left to right.</summary>
    public required IReadOnlyList<StatHeader> Columns { get; init; }

    public string TotalsLabel { get; init; } = "合计";

    public StatTotalsPlacement TotalsPlacement { get; init; } = StatTotalsPlacement.Bottom;

    /// <summary>A 栏次 row under the header: 甲、乙… over the label columns, 1, 2, 3… over the figures.</summary>
    public bool ColumnNumbers { get; init; }

    /// <summary>Lines under the table, each across the whole width; the first shares its row with 填报日期.</summary>
    public IReadOnlyList<string> Footer { get; init; } = [DefaultFooterLine];

    /// <summary>The header laid out (computed once, on first use; throws for a malformed header).</summary>
    public StatHeaderLayout Layout => _layout ??= StatHeaderLayout.Of(LabelColumns, Columns);

    public IReadOnlyList<StatRow> Rows => _rows;

    /// <summary>A row under one label column, its figures in column order (as many as there are leaves).</summary>
    public StatRow AddRow(string? label, params decimal?[] values) => AddRow([label], values);

    /// <summary>A row with a label per label column, its figures in column order.</summary>
    public StatRow AddRow(IReadOnlyList<string?> labels, params decimal?[] values) => Add(labels, Positional(values), true);

    /// <summary>A row with its figures by column key (a key not given is blank).</summary>
    public StatRow AddRow(IReadOnlyList<string?> labels, IReadOnlyDictionary<string, decimal?> values, bool inTotal = true) => Add(labels, values, inTotal);

    /// <summary>A "其中" row: shown, not summed into 合计.</summary>
    public StatRow AddPartRow(string? label, params decimal?[] values) => AddPartRow([label], values);

    public StatRow AddPartRow(IReadOnlyList<string?> labels, params decimal?[] values) => Add(labels, Positional(values), false);

    Dictionary<string, decimal?> Positional(decimal?[] values)
    {
        var leaves = Layout.Leaves;
        if (values.Length != leaves.Count)
            throw new ArgumentException($"{Title}：一行应有 {leaves.Count} 个数，给了 {values.Length} 个", nameof(values));
        return leaves.Select((l, i) => (l.Key, values[i])).ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
    }

    StatRow Add(IReadOnlyList<string?> labels, IReadOnlyDictionary<string, decimal?> values, bool inTotal)
    {
        var layout = Layout;
        if (labels.Count != layout.LabelColumnCount)
            throw new ArgumentException($"{Title}：一行应有 {layout.LabelColumnCount} 个行标题，给了 {labels.Count} 个", nameof(labels));
        var cells = new Dictionary<string, decimal?>(layout.Leaves.Count, StringComparer.Ordinal);
        foreach (var leaf in layout.Leaves) cells[leaf.Key] = values.GetValueOrDefault(leaf.Key);
        if (values.Keys.FirstOrDefault(k => !cells.ContainsKey(k)) is { } unknown)
            throw new ArgumentException($"{Title}：没有列 {unknown}", nameof(values));
        var row = new StatRow(labels.ToArray(), cells, inTotal);
        _rows.Add(row);
        return row;
    }

    /// <summary>
    /// The totals row by column key, in column order: first each column's sum (of the rows with
    /// <see cref="StatRow.InTotal"/>) or fixed value, then the computed columns left to right.
    /// </summary>
    public IReadOnlyDictionary<string, decimal?> Totals()
    {
        var leaves = Layout.Leaves;
        var totals = new Dictionary<string, decimal?>(leaves.Count, StringComparer.Ordinal);
        foreach (var leaf in leaves) totals[leaf.Key] = leaf.Header.Total.Simple(_rows, leaf.Key);
        var view = new StatValues(totals);
        foreach (var leaf in leaves.Where(l => l.Header.Total.IsComputed)) totals[leaf.Key] = leaf.Header.Total.Compute(view);
        return totals;
    }

    /// <summary>The table as the JSON endpoint returns it.</summary>
    public StatTableJson ToJson() => new(
        Key, Title, Unit, Period, CountUnit, FilledOn,
        LabelColumns.Select(c => c.Text).ToArray(),
        Layout.Leaves.Select(l => new StatColumnJson(l.Key, l.Text, l.Path, StatTableJson.FormatName(l.Format), l.Header.Total.IsSum)).ToArray(),
        _rows.Select(r => new StatRowJson(r.Labels, r.Values, r.InTotal)).ToArray(),
        TotalsPlacement == StatTotalsPlacement.None ? null : TotalsLabel,
        TotalsPlacement == StatTotalsPlacement.None ? null : Totals(),
        Footer);
}

/// <summary>
/// A <see cref="StatTable"/> as JSON (camelCase under the web defaults): <c>{key, title, unit, period, countUnit,
/// filledOn: "2026-12-01", labelColumns: ["乡镇"], columns: [{key, label, path: [group labels, top first], format:
/// "count"|"yuan"|"percent"|"decimal1", summed}], rows: [{labels: [...], values: {colKey: number|null}, inTotal}],
/// totalsLabel: "合计", totals: {colKey: number|null}, footer: [...]}</c>. Rates are fractions (0.853); totals and
/// totalsLabel are null when the table has no totals row.
/// </summary>
public sealed record StatTableJson(
    string Key, string Title, string Unit, string Period, string CountUnit, DateOnly FilledOn,
    IReadOnlyList<string> LabelColumns, IReadOnlyList<StatColumnJson> Columns, IReadOnlyList<StatRowJson> Rows,
    string? TotalsLabel, IReadOnlyDictionary<string, decimal?>? Totals, IReadOnlyList<string> Footer)
{
    /// <summary>Where the figures were read (GET /api/reports/{key}): "primary" or "replica", complete up to dataAsOf (ADR 0028).</summary>
    public string? Source { get; init; }
    public DateTime? DataAsOf { get; init; }
    public double? LagSeconds { get; init; }

    internal static string FormatName(StatFormat f) => f switch
    {
        StatFormat.Yuan => "yuan",
        StatFormat.Percent => "percent",
        StatFormat.OneDecimal => "decimal1",
        _ => "count",
    };
}

public sealed record StatColumnJson(string Key, string Label, IReadOnlyList<string> Path, string Format, bool Summed);

public sealed record StatRowJson(IReadOnlyList<string?> Labels, IReadOnlyDictionary<string, decimal?> Values, bool InTotal);
