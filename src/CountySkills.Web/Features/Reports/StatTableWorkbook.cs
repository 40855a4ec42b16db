using System.Globalization;
using System.IO.Compression;
using System.Text;
using CountySkills.Web.Infrastructure.Excel;
using SpreadCheetah;
using SpreadCheetah.Metadata;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace CountySkills.Web.Features.Reports;

/// <summary>
/// Writes a <see cref="StatTable"/> as the one-sheet xlsx a county sends upward: the title across the whole width; a
/// line with 填报单位 (left), the period (centre) and 计量单位 (right); the multi-row header with its merged cells; the
/// data rows and the totals row (bold) with borders; the footer with 填报日期. Figures are numbers with number formats
/// (#,##0; #,##0.00 for yuan; 0.0% for rates; 0.0), never text. Panes are frozen under the header and right of the
/// label columns; the page is A4 landscape, one page wide. Every text cell goes through <see cref="SheetText.Safe"/>.
/// </summary>
public static class StatTableWorkbook
{
    public const string ContentType = UploadForm.Xlsx;

    const double CountWidth = 10, YuanWidth = 14, RateWidth = 9;
    const double LineHeight = 14.5; // points per line of 11-point text

    /// <summary>The file's name: "职业技能培训情况表-20261201.xlsx".</summary>
    public static string FileName(StatTable table) =>
        $"{string.Concat(table.Title.Split(Path.GetInvalidFileNameChars()))}-{table.FilledOn:yyyyMMdd}.xlsx";

    /// <summary>The table as the response: the file, written asynchronously into the response body.</summary>
    public static IResult Result(StatTable table, CancellationToken ct)
    {
        _ = table.Layout; // a malformed header throws here, before the response starts
        return Results.Stream(body => WriteAsync(body, table, ct), ContentType, FileName(table));
    }

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>, which may be a response body (asynchronous writes only, not
    /// seekable). A statistical table is small (aggregates: tens, at most hundreds of rows; some kilobytes), so the file
    /// is made in memory: SpreadCheetah writes the sheet, which is then given the print setup SpreadCheetah cannot write
    /// (A4 landscape, one page wide, centred, the title and header rows repeated on every page), as a form is printed,
    /// stamped and sent upward; the finished file is copied to the output asynchronously. (The zip writer writes
    /// synchronously, which a response body refuses, so it never writes to the output itself.)
    /// </summary>
    public static async Task WriteAsync(Stream output, StatTable table, CancellationToken ct)
    {
        var sheet = SheetName(table.Title);
        var plan = Plan.Of(table);
        using var plain = new MemoryStream();
        await WriteBookAsync(plain, table, plan, sheet, ct);
        plain.Position = 0;
        using var file = new MemoryStream();
        WithPrintSetup(plain, file, sheet, plan.HeaderBottom);
        file.Position = 0;
        await file.CopyToAsync(output, ct);
        await output.FlushAsync(ct);
    }

    /// <summary>
    /// How the sheet is laid out before it is written: the column widths; where 填报单位, the period and 计量单位 stand
    /// (one line of three parts when they fit the width, else the period on a line of its own under the title, centred,
    /// and 填报单位 / 计量单位 on the next); the rows (1-based) of the first and last header rows (the last is the 栏次
    /// row when there is one).
    /// </summary>
    sealed record Plan(double[] Widths, string Unit, (int Left, int Right)? Sides, int HeaderTop, int HeaderBottom)
    {
        public static Plan Of(StatTable table)
        {
            var widths = StatTableWorkbook.Widths(table, table.Layout);
            var unit = string.IsNullOrWhiteSpace(table.Unit) ? "" : "填报单位：" + table.Unit;
            var sides = StatTableWorkbook.Sides(widths, unit, table.Period, table.CountUnit);
            var top = sides is null && table.Period.Length > 0 ? 4 : 3;
            return new Plan(widths, unit, sides, top, top + table.Layout.Depth - 1 + (table.ColumnNumbers ? 1 : 0));
        }
    }

    static void WithPrintSetup(Stream source, Stream output, string sheetName, int titleRows)
    {
        // Worksheet: sheetPr comes first; printOptions, pageMargins and pageSetup after mergeCells (last here).
        // Workbook: definedNames after sheets.
        const string FitToPage = "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
        const string PageSetup = "<printOptions horizontalCentered=\"1\"/>"
            + "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>";
        var titles = "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
            + System.Security.SecurityElement.Escape($"'{sheetName.Replace("'", "''")}'!$1:${titleRows}") + "</definedName></definedNames>";

        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName is not ("xl/worksheets/sheet1.xml" or "xl/workbook.xml")) { from.CopyTo(to); continue; }
            using var reader = new StreamReader(from, Encoding.UTF8);
            var xml = reader.ReadToEnd();
            xml = entry.FullName == "xl/workbook.xml"
                ? Insert(xml, "</sheets>", after: true, titles)
                : Insert(Insert(xml, "<worksheet", after: true, FitToPage), "</worksheet>", after: false, PageSetup);
            to.Write(Encoding.UTF8.GetBytes(xml));
        }
    }

    /// <summary>Puts <paramref name="insert"/> before the tag found, or after it (after its '&gt;').</summary>
    static string Insert(string xml, string tag, bool after, string insert)
    {
        var at = xml.IndexOf(tag, StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"SpreadCheetah wrote no {tag}");
        if (after) at = xml.IndexOf('>', at) + 1;
        return string.Concat(xml.AsSpan(0, at), insert, xml.AsSpan(at));
    }

    static async Task WriteBookAsync(Stream output, StatTable table, Plan plan, string sheetName, CancellationToken ct)
    {
        var layout = table.Layout;
        var n = layout.ColumnCount;
        var labels = layout.LabelColumnCount;
        var depth = layout.Depth;
        var widths = plan.Widths;
        var headerTop = plan.HeaderTop;
        var headerBottom = plan.HeaderBottom;

        var options = new SpreadCheetahOptions
        {
            DefaultFont = new DefaultFont { Name = "SimSun", Size = 11 }, // 宋体 (SpreadCheetah refuses a name under 3 characters)
            DocumentProperties = new DocumentProperties { Title = table.Title, Author = table.Unit, Subject = table.Period },
        };
        await using var book = await Spreadsheet.CreateNewAsync(output, options, ct);
        var sheetOptions = new WorksheetOptions { FrozenRows = headerBottom, FrozenColumns = labels };
        for (var c = 0; c < n; c++) sheetOptions.Column(c + 1).Width = widths[c];
        await book.StartWorksheetAsync(sheetName, sheetOptions, ct);
        var s = new Styles(book);

        // Title.
        var row = new Cell[n];
        Fill(row, s.Plain);
        row[0] = Text(table.Title, s.Title);
        await book.AddRowAsync(row, new RowOptions { Height = 32 }, ct);
        book.MergeCells(Range(1, 0, 1, n - 1));

        // 填报单位 (left) / period (centre) / 计量单位 (right): on one line, or the period on a line of its own first.
        var sheetRow = 1;
        if (plan.Sides is (var left, var right))
        {
            Fill(row, s.Plain);
            row[0] = Text(plan.Unit, s.Left);
            row[left] = Text(table.Period, s.Centre);
            row[n - right] = Text(table.CountUnit, s.Right);
            await book.AddRowAsync(row, new RowOptions { Height = 20 }, ct);
            sheetRow++;
            MergeRun(book, sheetRow, 0, left - 1);
            MergeRun(book, sheetRow, left, n - right - 1);
            MergeRun(book, sheetRow, n - right, n - 1);
        }
        else
        {
            if (table.Period.Length > 0)
            {
                Fill(row, s.Plain);
                row[0] = Text(table.Period, s.Centre);
                await book.AddRowAsync(row, new RowOptions { Height = 20 }, ct);
                MergeRun(book, ++sheetRow, 0, n - 1);
            }
            Fill(row, s.Plain);
            var countColumns = n > 1 ? Math.Min(n - 1, Cover(widths, TextWidth(table.CountUnit) + 1, fromRight: true)) : 0;
            if (countColumns == 0) row[0] = Text(string.Join("　", new[] { plan.Unit, table.CountUnit }.Where(t => t.Length > 0)), s.Left);
            else
            {
                row[0] = Text(plan.Unit, s.Left);
                row[n - countColumns] = Text(table.CountUnit, s.Right);
            }
            await book.AddRowAsync(row, new RowOptions { Height = 20 }, ct);
            sheetRow++;
            MergeRun(book, sheetRow, 0, n - countColumns - 1);
            if (countColumns > 0) MergeRun(book, sheetRow, n - countColumns, n - 1);
        }

        // The header: every grid cell bordered (covered cells too, so a merged cell's border is whole).
        var heights = HeaderHeights(layout, widths);
        for (var r = 0; r < depth; r++)
        {
            Fill(row, s.Header);
            foreach (var cell in layout.Cells.Where(c => c.Row == r)) row[cell.Column] = Text(cell.Text, s.Header);
            await book.AddRowAsync(row, new RowOptions { Height = heights[r] }, ct);
        }
        foreach (var cell in layout.Cells.Where(c => c.IsMerged))
            book.MergeCells(Range(headerTop + cell.Row, cell.Column, headerTop + cell.Row + cell.RowSpan - 1, cell.Column + cell.ColumnSpan - 1));
        if (table.ColumnNumbers)
        {
            for (var c = 0; c < labels; c++) row[c] = Text(c < Stems.Length ? Stems[c].ToString() : "", s.Header);
            for (var i = 0; i < layout.Leaves.Count; i++) row[labels + i] = new Cell(i + 1, s.Header);
            await book.AddRowAsync(row, Body, ct);
        }

        sheetRow = headerBottom;
        if (table.TotalsPlacement == StatTotalsPlacement.Top) await TotalsAsync();
        foreach (var data in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var c = 0; c < labels; c++) row[c] = Text(data.Labels[c], s.Label);
            foreach (var leaf in layout.Leaves) row[leaf.Column] = Number(data.Values.GetValueOrDefault(leaf.Key), s.Numbers[(int)leaf.Format]);
            var lines = Enumerable.Range(0, labels).Max(c => Math.Ceiling(TextWidth(data.Labels[c]) / Math.Max(1, widths[c] - 2)));
            await book.AddRowAsync(row, lines > 1 ? new RowOptions { Height = Math.Min(lines * LineHeight + 5, 120) } : Body, ct);
            sheetRow++;
        }
        if (table.TotalsPlacement == StatTotalsPlacement.Bottom) await TotalsAsync();

        // Footer: the first line shares its row with 填报日期 (right) when both fit; further lines take the whole width.
        // Otherwise 填报日期 has a row of its own, after the lines, on the right.
        var filled = $"填报日期：{table.FilledOn.Year}年{table.FilledOn.Month}月{table.FilledOn.Day}日";
        var footer = table.Footer;
        var dateColumns = Math.Min(n - 1, Cover(widths, TextWidth(filled) + 1, fromRight: true));
        var shared = dateColumns > 0 && widths.Take(n - dateColumns).Sum() >= TextWidth(footer.Count > 0 ? footer[0] : "") + 1;
        for (var i = 0; i < Math.Max(footer.Count, shared ? 1 : 0); i++)
        {
            var withDate = shared && i == 0;
            Fill(row, s.Plain);
            row[0] = Text(i < footer.Count ? footer[i] : "", s.Left);
            if (withDate) row[n - dateColumns] = Text(filled, s.Right);
            await book.AddRowAsync(row, new RowOptions { Height = withDate ? 24 : 20 }, ct);
            sheetRow++;
            MergeRun(book, sheetRow, 0, withDate ? n - dateColumns - 1 : n - 1);
            if (withDate) MergeRun(book, sheetRow, n - dateColumns, n - 1);
        }
        if (!shared)
        {
            Fill(row, s.Plain);
            row[0] = Text(filled, s.Right);
            await book.AddRowAsync(row, new RowOptions { Height = 24 }, ct);
            MergeRun(book, ++sheetRow, 0, n - 1);
        }
        await book.FinishAsync(ct);

        async Task TotalsAsync()
        {
            var totals = table.Totals();
            Fill(row, s.TotalLabel);
            row[0] = Text(table.TotalsLabel, s.TotalLabel);
            foreach (var leaf in layout.Leaves) row[leaf.Column] = Number(totals[leaf.Key], s.TotalNumbers[(int)leaf.Format]);
            await book.AddRowAsync(row, Body, ct);
            sheetRow++;
            if (labels > 1) MergeRun(book, sheetRow, 0, labels - 1);
        }
    }

    const string Stems = "甲乙丙丁戊己";

    static readonly RowOptions Body = new() { Height = 20 };

    static Cell Text(string? text, StyleId style) => new(SheetText.Safe(text), style);

    static Cell Number(decimal? value, StyleId style) => value is { } v ? new Cell(v, style) : new Cell((string?)null, style);

    static void Fill(Cell[] row, StyleId style)
    {
        for (var i = 0; i < row.Length; i++) row[i] = new Cell((string?)null, style);
    }

    static void MergeRun(Spreadsheet book, int sheetRow, int from, int to)
    {
        if (to > from) book.MergeCells(Range(sheetRow, from, sheetRow, to));
    }

    /// <summary>How wide a text is in Excel's units (the width of '0'): CJK and full-width characters count two.</summary>
    internal static double TextWidth(string? text) => text?.Sum(ch => ch > 0x2E7F ? 2.0 : 1.0) ?? 0;

    /// <summary>How many columns the 填报单位 part (left) and the 计量单位 part (right) take on one line, the period
    /// having the rest (at least a column each): both sides as wide as the wider of their texts needs, so the period
    /// stands in the middle; else each side as wide as its own text needs; null when the three do not fit side by side.</summary>
    internal static (int Left, int Right)? Sides(IReadOnlyList<double> widths, string left, string centre, string right)
    {
        var n = widths.Count;
        if (n < 3) return null;
        (int, int)? Fit(double l, double r)
        {
            var (a, b) = (Cover(widths, l, fromRight: false), Cover(widths, r, fromRight: true));
            if (a + b > n - 1) return null;
            return widths.Skip(a).Take(n - a - b).Sum() >= TextWidth(centre) + 1 ? (a, b) : null;
        }
        var side = Math.Max(TextWidth(left), TextWidth(right)) + 1;
        return Fit(side, side) ?? Fit(TextWidth(left) + 1, TextWidth(right) + 1);
    }

    /// <summary>How many columns, counted from one end, it takes to be <paramref name="width"/> wide (at least one).</summary>
    internal static int Cover(IReadOnlyList<double> widths, double width, bool fromRight)
    {
        var have = 0.0;
        for (var k = 1; k <= widths.Count; k++)
        {
            have += widths[fromRight ? widths.Count - k : k - 1];
            if (have >= width) return k;
        }
        return widths.Count;
    }

    /// <summary>An A1 range from 1-based rows and 0-based columns.</summary>
    internal static string Range(int row1, int col1, int row2, int col2) => $"{ColumnName(col1)}{row1}:{ColumnName(col2)}{row2}";

    internal static string ColumnName(int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name;
    }

    /// <summary>A sheet name Excel takes: at most 31 characters, none of : \ / ? * [ ].</summary>
    static string SheetName(string title)
    {
        var name = new string(title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim('\'', ' ');
        if (name.Length == 0) name = "Sheet1";
        return name.Length > 31 ? name[..31] : name;
    }

    /// <summary>Each column's width: the one given, else for a label column as wide as its widest label (8 to 30;
    /// longer labels wrap), for a column of figures the format's default or its widest figure (totals included, bold).</summary>
    internal static double[] Widths(StatTable table, StatHeaderLayout layout)
    {
        var widths = new double[layout.ColumnCount];
        var totals = table.TotalsPlacement == StatTotalsPlacement.None ? null : table.Totals();
        for (var c = 0; c < layout.LabelColumnCount; c++)
        {
            var texts = table.Rows.Select(r => r.Labels[c]).Append(c == 0 && totals is not null ? table.TotalsLabel : null);
            widths[c] = table.LabelColumns[c].Width ?? Math.Clamp(texts.Max(t => TextWidth(t)) + 3, 8, 30);
        }
        foreach (var leaf in layout.Leaves)
        {
            var figures = table.Rows.Select(r => r.Values[leaf.Key]).Append(totals?[leaf.Key]).OfType<decimal>();
            var widest = figures.Select(v => Shown(v, leaf.Format).Length).DefaultIfEmpty(0).Max() * 1.15 + 2;
            widths[leaf.Column] = leaf.Header.Width ?? Math.Max(widest, leaf.Format switch
            {
                StatFormat.Yuan => YuanWidth,
                StatFormat.Percent or StatFormat.OneDecimal => RateWidth,
                _ => CountWidth,
            });
        }
        return widths;
    }

    /// <summary>A figure as its number format shows it (for widths).</summary>
    static string Shown(decimal v, StatFormat format) => format switch
    {
        StatFormat.Yuan => v.ToString("#,##0.00", CultureInfo.InvariantCulture),
        StatFormat.Percent => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        StatFormat.OneDecimal => v.ToString("0.0", CultureInfo.InvariantCulture),
        _ => v.ToString("#,##0", CultureInfo.InvariantCulture),
    };

    /// <summary>Heights of the header rows, so that wrapped texts show whole: a cell one row high sets its row's
    /// height; a cell over several rows that still lacks room adds it to the last of them.</summary>
    internal static double[] HeaderHeights(StatHeaderLayout layout, IReadOnlyList<double> widths)
    {
        var heights = Enumerable.Repeat(20.0, layout.Depth).ToArray();
        double Needed(StatHeaderCell c)
        {
            var width = Enumerable.Range(c.Column, c.ColumnSpan).Sum(i => widths[i]) - 1;
            return Math.Ceiling(TextWidth(c.Text) / Math.Max(1, width)) * LineHeight + 5;
        }
        foreach (var c in layout.Cells.Where(c => c.RowSpan == 1)) heights[c.Row] = Math.Max(heights[c.Row], Needed(c));
        foreach (var c in layout.Cells.Where(c => c.RowSpan > 1))
        {
            var have = Enumerable.Range(c.Row, c.RowSpan).Sum(r => heights[r]);
            var need = Needed(c);
            if (need > have) heights[c.Row + c.RowSpan - 1] += need - have;
        }
        return heights.Select(h => Math.Min(h, 120)).ToArray();
    }

    sealed class Styles
    {
        public readonly StyleId Plain, Title, Left, Centre, Right, Header, Label, TotalLabel;
        public readonly StyleId[] Numbers, TotalNumbers; // by StatFormat

        public Styles(Spreadsheet book)
        {
            static Border Thin() => new()
            {
                Left = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Right = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Top = new EdgeBorder { BorderStyle = BorderStyle.Thin },
                Bottom = new EdgeBorder { BorderStyle = BorderStyle.Thin },
            };
            static Alignment Align(HorizontalAlignment h, bool wrap = false) => new() { Horizontal = h, Vertical = VerticalAlignment.Center, WrapText = wrap };

            Plain = book.AddStyle(new Style());
            Title = book.AddStyle(new Style { Font = new Font { Bold = true, Size = 18 }, Alignment = Align(HorizontalAlignment.Center) });
            Left = book.AddStyle(new Style { Alignment = Align(HorizontalAlignment.Left) });
            Centre = book.AddStyle(new Style { Alignment = Align(HorizontalAlignment.Center) });
            Right = book.AddStyle(new Style { Alignment = Align(HorizontalAlignment.Right) });
            Header = book.AddStyle(new Style { Border = Thin(), Alignment = Align(HorizontalAlignment.Center, wrap: true), Font = new Font { Bold = true } });
            Label = book.AddStyle(new Style { Border = Thin(), Alignment = Align(HorizontalAlignment.Left, wrap: true) with { Indent = 1 } });
            TotalLabel = book.AddStyle(new Style { Border = Thin(), Alignment = Align(HorizontalAlignment.Center), Font = new Font { Bold = true } });
            var formats = Enum.GetValues<StatFormat>();
            Numbers = formats.Select(f => book.AddStyle(NumberStyle(f, bold: false))).ToArray();
            TotalNumbers = formats.Select(f => book.AddStyle(NumberStyle(f, bold: true))).ToArray();

            Style NumberStyle(StatFormat f, bool bold) => new()
            {
                Border = Thin(),
                Alignment = new Alignment { Horizontal = HorizontalAlignment.Right, Vertical = VerticalAlignment.Center },
                Font = new Font { Bold = bold },
                Format = NumberFormat.Custom(FormatCode(f)),
            };
        }
    }

    /// <summary>The Excel number format of a column's figures.</summary>
    public static string FormatCode(StatFormat format) => format switch
    {
        StatFormat.Yuan => "#,##0.00",
        StatFormat.Percent => "0.0%",
        StatFormat.OneDecimal => "0.0",
        _ => "#,##0",
    };
}
