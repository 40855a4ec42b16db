using System.Text.Json;
using CountySkills.Web.Features.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CountySkills.Tests.Reports;

public class StatTableWorkbookTests
{
    // ---- a sample: three header levels, uneven ----
    //      A      B    C          D      E      F      G        H        I       J
    // 3  乡镇  |        培训人次                    | 取证人数 |     就业        | 补贴金额
    // 4        | 合计 | 其中：补贴 |    按人员类别        |          | 就业人数 | 就业率 |
    // 5        |      |           | 农村 | 脱贫 | 高校 |          |          |        |

    internal static StatTable Sample(StatTotalsPlacement totals = StatTotalsPlacement.Bottom)
    {
        var t = new StatTable
        {
            Key = "training",
            Title = "职业技能培训情况表",
            Unit = "禾丰县人力资源和社会保障局",
            Period = "2026年1月1日至2026年11月30日",
            CountUnit = "单位：人次",
            FilledOn = new DateOnly(2026, 12, 1),
            LabelColumns = [new StatLabelColumn("乡镇")],
            TotalsPlacement = totals,
            Columns =
            [
                StatHeader.Group("培训人次",
                    StatHeader.Column("all", "合计"),
                    StatHeader.Column("subsidised", "其中：补贴性培训"),
                    StatHeader.Group("按人员类别",
                        StatHeader.Column("rural", "农村劳动力"),
                        StatHeader.Column("poor", "脱贫人口"),
                        StatHeader.Column("graduate", "高校毕业生"))),
                StatHeader.Column("certified", "取证人数"),
                StatHeader.Group("就业",
                    StatHeader.Column("employed", "就业人数"),
                    StatHeader.Rate("rate", "就业率", v => StatValues.Ratio(v["employed"], v["all"]))),
                StatHeader.Column("amount", "补贴金额（元）", StatFormat.Yuan),
            ],
        };
        t.AddRow("城关镇", 120, 80, 60, 30, 10, 100, 90, 0.75m, 36000.5m);
        t.AddRow("=1+1", 10, null, 5, 5, 0, 8, 6, 0.6m, 1500m);
        t.AddPartRow("其中：女性", 50, 40, 30, 15, 5, 45, 40, 0.8m, 15000m);
        t.AddRow("禾丰镇", 30, 20, 15, 10, 5, 25, 20, null, 9000.25m);
        return t;
    }

    static async Task<byte[]> Xlsx(StatTable t)
    {
        using var ms = new MemoryStream();
        await StatTableWorkbook.WriteAsync(ms, t, CancellationToken.None);
        return ms.ToArray();
    }

    /// <summary>The sheet read back: cells by A1 reference (SpreadCheetah may leave out r="…", so positions are counted).</summary>
    sealed class Sheet
    {
        public readonly Dictionary<string, Cell> Cells = new();
        public readonly List<string> Merges;
        public readonly Worksheet Worksheet;
        readonly WorkbookPart _book;

        public Sheet(SpreadsheetDocument doc)
        {
            _book = doc.WorkbookPart!;
            Worksheet = _book.WorksheetParts.Single().Worksheet;
            var r = 0;
            foreach (var row in Worksheet.Descendants<Row>())
            {
                r = row.RowIndex?.Value is { } ri ? (int)ri : r + 1;
                var c = -1;
                foreach (var cell in row.Elements<Cell>())
                {
                    c = cell.CellReference?.Value is { } cr ? ColumnOf(cr) : c + 1;
                    Cells[StatTableWorkbook.ColumnName(c) + r] = cell;
                }
            }
            Merges = Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
        }

        static int ColumnOf(string reference)
        {
            var n = 0;
            foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
            return n - 1;
        }

        public string? Text(string at)
        {
            if (!Cells.TryGetValue(at, out var cell)) return null;
            if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
            if (cell.DataType?.Value == CellValues.SharedString)
                return _book.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
            if (cell.DataType?.Value == CellValues.String) return cell.CellValue?.Text;
            return null;
        }

        /// <summary>The number in a cell stored as a number (no type, or t="n"), else null.</summary>
        public decimal? Number(string at)
        {
            var cell = Cells[at];
            if (cell.DataType is { } t && t.Value != CellValues.Number) return null;
            return cell.CellValue is { } v ? decimal.Parse(v.Text, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        public CellFormat Format(string at)
        {
            var styles = _book.WorkbookStylesPart!.Stylesheet;
            return styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(Cells[at].StyleIndex?.Value ?? 0));
        }

        public string? FormatCode(string at)
        {
            var id = Format(at).NumberFormatId?.Value ?? 0;
            return _book.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
                .FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value;
        }

        public bool Bold(string at)
        {
            var fontId = (int)(Format(at).FontId?.Value ?? 0);
            var font = _book.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt(fontId);
            return font.Bold is { } b && (b.Val?.Value ?? true);
        }
    }

    static async Task<(SpreadsheetDocument Doc, Sheet Sheet)> Open(StatTable t)
    {
        var doc = SpreadsheetDocument.Open(new MemoryStream(await Xlsx(t)), false);
        return (doc, new Sheet(doc));
    }

    // ---- the workbook ----

    [Fact]
    public async Task Workbook_IsValid()
    {
        var (doc, _) = await Open(Sample());
        using (doc) Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => e.Description));
    }

    [Fact]
    public async Task Merges_AreExactlyTheFormsMerges()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        string[] expected =
        [
            "A1:J1",                            // title
            "A2:D2", "E2:I2",                   // 填报单位 / period (计量单位 fits J2 alone)
            "A3:A5",                            // 乡镇 over all three header rows
            "B3:F3", "B4:B5", "C4:C5",          // 培训人次; 合计 and 其中 down to the bottom
            "D4:F4",                            // 按人员类别 (its leaves D5, E5, F5 unmerged)
            "G3:G5",                            // 取证人数: a leaf at the top spans three rows
            "H3:I3", "H4:H5", "I4:I5",          // 就业 and its two leaves
            "J3:J5",                            // 补贴金额
            "A11:G11", "H11:J11",               // footer line / 填报日期
        ];
        Assert.Equal(expected.Order(), sheet.Merges.Order());
    }

    [Fact]
    public async Task HeaderTexts_StandAtTheTopLeftOfTheirCells()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        Assert.Equal("职业技能培训情况表", sheet.Text("A1"));
        Assert.Equal("填报单位：禾丰县人力资源和社会保障局", sheet.Text("A2"));
        Assert.Equal("2026年1月1日至2026年11月30日", sheet.Text("E2"));
        Assert.Equal("单位：人次", sheet.Text("J2"));
        Assert.Equal(HorizontalAlignmentValues.Right, sheet.Format("J2").Alignment!.Horizontal!.Value);
        var header = new Dictionary<string, string>
        {
            ["A3"] = "乡镇", ["B3"] = "培训人次", ["G3"] = "取证人数", ["H3"] = "就业", ["J3"] = "补贴金额（元）",
            ["B4"] = "合计", ["C4"] = "其中：补贴性培训", ["D4"] = "按人员类别", ["H4"] = "就业人数", ["I4"] = "就业率",
            ["D5"] = "农村劳动力", ["E5"] = "脱贫人口", ["F5"] = "高校毕业生",
        };
        foreach (var (at, text) in header) Assert.Equal(text, sheet.Text(at));
        // covered cells are blank (but bordered: they carry the header style)
        foreach (var at in new[] { "A4", "A5", "C3", "F3", "B5", "G4", "G5", "I3", "J5" })
        {
            Assert.Null(sheet.Text(at));
            Assert.Equal(sheet.Cells["A3"].StyleIndex?.Value, sheet.Cells[at].StyleIndex?.Value);
        }
        var title = sheet.Format("A1");
        Assert.True(sheet.Bold("A1"));
        Assert.Equal(HorizontalAlignmentValues.Center, title.Alignment!.Horizontal!.Value);
        var h = sheet.Format("D4");
        Assert.Equal(HorizontalAlignmentValues.Center, h.Alignment!.Horizontal!.Value);
        Assert.True(h.Alignment.WrapText!.Value);
        Assert.NotEqual(0u, h.BorderId!.Value);
    }

    [Fact]
    public async Task Figures_AreNumbersWithTheColumnsFormats()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        Assert.Equal("城关镇", sheet.Text("A6"));
        Assert.Equal(120m, sheet.Number("B6"));
        Assert.Equal(0.75m, sheet.Number("I6"));
        Assert.Equal(36000.5m, sheet.Number("J6"));
        Assert.Null(sheet.Cells["C7"].CellValue); // null: a blank (bordered) cell, not 0
        Assert.NotEqual(0u, sheet.Format("C7").BorderId!.Value);
        Assert.Equal("#,##0", sheet.FormatCode("B6"));
        Assert.Equal("0.0%", sheet.FormatCode("I6"));
        Assert.Equal("#,##0.00", sheet.FormatCode("J6"));
        Assert.Equal("#,##0.00", sheet.FormatCode("J10"));
    }

    [Fact]
    public async Task TotalsRow_SumsTheRowsThatCount_AndComputesTheRate()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        Assert.Equal("合计", sheet.Text("A10"));
        Assert.True(sheet.Bold("A10"));
        Assert.True(sheet.Bold("B10"));
        Assert.False(sheet.Bold("B6"));
        // the "其中：女性" row (row 8) is shown but not summed
        Assert.Equal(50m, sheet.Number("B8"));
        var expected = new Dictionary<string, decimal>
        {
            ["B10"] = 160, ["C10"] = 100, ["D10"] = 80, ["E10"] = 45, ["F10"] = 15, ["G10"] = 133, ["H10"] = 116,
            ["J10"] = 46500.75m,
        };
        foreach (var (at, sum) in expected) Assert.Equal(sum, sheet.Number(at));
        foreach (var col in "BCDEFGHJ")
        {
            var rows = new[] { 6, 7, 9 }.Select(r => sheet.Cells[$"{col}{r}"].CellValue is { } v ? decimal.Parse(v.Text) : 0).Sum();
            Assert.Equal(rows, sheet.Number($"{col}10"));
        }
        Assert.Equal(116m / 160m, sheet.Number("I10"));
    }

    [Fact]
    public async Task FormulaLikeLabel_IsStoredAsEscapedText()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        Assert.Empty(sheet.Worksheet.Descendants<CellFormula>());
        Assert.Null(sheet.Cells["A7"].CellFormula);
        Assert.Equal(CellValues.InlineString, sheet.Cells["A7"].DataType!.Value);
        Assert.Equal("'=1+1", sheet.Text("A7"));
    }

    [Fact]
    public async Task Footer_And_FilledOn_AreUnderTheTable()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        Assert.Equal(StatTable.DefaultFooterLine, sheet.Text("A11"));
        Assert.Equal("填报日期：2026年12月1日", sheet.Text("H11"));
        Assert.Equal(HorizontalAlignmentValues.Right, sheet.Format("H11").Alignment!.Horizontal!.Value);
    }

    [Fact]
    public async Task Panes_AreFrozenUnderTheHeader_AndRightOfTheLabels()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(5d, pane.VerticalSplit!.Value);
        Assert.Equal(1d, pane.HorizontalSplit!.Value);
        Assert.Equal("B6", pane.TopLeftCell!.Value);
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
    }

    [Fact]
    public async Task TotalsOnTop_TwoLabelColumns_ColumnNumbers()
    {
        var t = new StatTable
        {
            Key = "funds", Title = "补贴资金使用情况表", CountUnit = "单位：元", FilledOn = new DateOnly(2026, 12, 1),
            LabelColumns = [new("项目"), new("类别")],
            TotalsPlacement = StatTotalsPlacement.Top,
            ColumnNumbers = true,
            Columns = [StatHeader.Column("budget", "预算", StatFormat.Yuan), StatHeader.Column("paid", "已拨付", StatFormat.Yuan),
                       StatHeader.Rate("share", "拨付率", v => StatValues.Ratio(v["paid"], v["budget"]))],
            Footer = [StatTable.DefaultFooterLine, "说明：本表数据截至填报日期。"],
        };
        t.AddRow(["职业技能培训补贴", "个人"], 1000m, 500m, 0.5m);
        t.AddRow(["职业技能培训补贴", "机构"], 3000m, 1500.5m, 0.5m);
        var (doc, sheet) = await Open(t);
        using var _ = doc;
        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => e.Description));
        // 1 title, 2 unit line, 3 header, 4 栏次, 5 totals, 6-7 rows, 8 footer, 9 note, 10 填报日期 (too narrow to share)
        Assert.Equal("甲|乙", string.Join("|", sheet.Text("A4"), sheet.Text("B4")));
        Assert.Equal([1m, 2m, 3m], new[] { sheet.Number("C4"), sheet.Number("D4"), sheet.Number("E4") });
        Assert.Equal("合计", sheet.Text("A5"));
        Assert.Equal(4000m, sheet.Number("C5"));
        Assert.Equal(2000.5m, sheet.Number("D5"));
        Assert.Equal(2000.5m / 4000m, sheet.Number("E5"));
        Assert.Equal("职业技能培训补贴", sheet.Text("A6"));
        Assert.Equal("机构", sheet.Text("B7"));
        Assert.Equal("说明：本表数据截至填报日期。", sheet.Text("A9"));
        Assert.Equal("填报日期：2026年12月1日", sheet.Text("A10"));
        Assert.Equal(HorizontalAlignmentValues.Right, sheet.Format("A10").Alignment!.Horizontal!.Value);
        string[] merges = ["A1:E1", "B2:D2", "A5:B5", "A8:E8", "A9:E9", "A10:E10"]; // A2 (no 填报单位) and E2 (单位：元) alone
        Assert.Equal(merges.Order(), sheet.Merges.Order());
        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal("C5", pane.TopLeftCell!.Value);
    }

    [Fact]
    public async Task NarrowTable_PutsThePeriodOnALineOfItsOwn()
    {
        var t = new StatTable
        {
            Key = "brands", Title = "劳务品牌情况表", Unit = "禾丰县人力资源和社会保障局", Period = "2026年1月1日至2026年11月30日",
            CountUnit = "单位：人", FilledOn = new DateOnly(2026, 12, 1),
            LabelColumns = [new("乡镇")], Columns = [StatHeader.Column("a", "从业人数"), StatHeader.Column("b", "带动就业")],
        };
        t.AddRow("城关镇", 3, 4);
        var (doc, sheet) = await Open(t);
        using var _ = doc;
        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => e.Description));
        // 1 title, 2 period, 3 填报单位 / 计量单位, 4 header, 5 row, 6 合计, 7 footer line, 8 填报日期
        Assert.Equal("2026年1月1日至2026年11月30日", sheet.Text("A2"));
        Assert.Equal(HorizontalAlignmentValues.Center, sheet.Format("A2").Alignment!.Horizontal!.Value);
        Assert.Equal("填报单位：禾丰县人力资源和社会保障局", sheet.Text("A3"));
        Assert.Equal("单位：人", sheet.Text("C3"));
        Assert.Equal("乡镇|从业人数|带动就业", string.Join("|", sheet.Text("A4"), sheet.Text("B4"), sheet.Text("C4")));
        Assert.Equal("合计", sheet.Text("A6"));
        Assert.Equal(4m, sheet.Number("C6"));
        Assert.Equal("填报日期：2026年12月1日", sheet.Text("A8"));
        Assert.Equal(["A1:C1", "A2:C2", "A3:B3", "A7:C7", "A8:C8"], sheet.Merges.Order());
        Assert.Equal("B5", sheet.Worksheet.Descendants<Pane>().Single().TopLeftCell!.Value);
        Assert.Equal("'劳务品牌情况表'!$1:$4", doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single().Text);
    }

    [Fact]
    public async Task PrintSetup_IsLandscapeOnePageWide_WithTheHeaderRepeated()
    {
        var (doc, sheet) = await Open(Sample());
        using var _ = doc;
        var setup = sheet.Worksheet.GetFirstChild<PageSetup>()!;
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value); // A4
        Assert.Equal(1u, setup.FitToWidth!.Value);
        Assert.Equal(0u, setup.FitToHeight!.Value);
        Assert.True(sheet.Worksheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        var titles = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal("_xlnm.Print_Titles", titles.Name!.Value);
        Assert.Equal("'职业技能培训情况表'!$1:$5", titles.Text);
    }

    /// <summary>A response body: async writes only (Kestrel refuses synchronous IO), not seekable.</summary>
    sealed class AsyncOnlyStream : Stream
    {
        public readonly MemoryStream Inner = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { Inner.Write(buffer.Span); return ValueTask.CompletedTask; }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }

    [Fact]
    public async Task StreamsToAnAsyncOnlyBody()
    {
        var body = new AsyncOnlyStream();
        await StatTableWorkbook.WriteAsync(body, Sample(), CancellationToken.None);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(body.Inner.ToArray()), false);
        Assert.Equal("职业技能培训情况表", new Sheet(doc).Text("A1"));
    }

    [Fact]
    public void FileName_CarriesTitleAndDate() =>
        Assert.Equal("职业技能培训情况表-20261201.xlsx", StatTableWorkbook.FileName(Sample()));

    // ---- JSON ----

    [Fact]
    public void Json_HasTheShapeTheEndpointReturns()
    {
        var json = JsonSerializer.Serialize(Sample().ToJson(), JsonSerializerOptions.Web);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("training", root.GetProperty("key").GetString());
        Assert.Equal("单位：人次", root.GetProperty("countUnit").GetString());
        Assert.Equal("2026-12-01", root.GetProperty("filledOn").GetString());
        Assert.Equal(["乡镇"], root.GetProperty("labelColumns").EnumerateArray().Select(e => e.GetString()));
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["all", "subsidised", "rural", "poor", "graduate", "certified", "employed", "rate", "amount"],
            columns.Select(c => c.GetProperty("key").GetString()));
        var rural = columns[2];
        Assert.Equal("农村劳动力", rural.GetProperty("label").GetString());
        Assert.Equal(["培训人次", "按人员类别"], rural.GetProperty("path").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(columns[5].GetProperty("path").EnumerateArray());
        Assert.Equal("percent", columns[7].GetProperty("format").GetString());
        Assert.False(columns[7].GetProperty("summed").GetBoolean());
        Assert.Equal("yuan", columns[8].GetProperty("format").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("=1+1", rows[1].GetProperty("labels")[0].GetString()); // JSON carries the text as it is
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("values").GetProperty("subsidised").ValueKind);
        Assert.False(rows[2].GetProperty("inTotal").GetBoolean());
        var totals = root.GetProperty("totals");
        Assert.Equal(160, totals.GetProperty("all").GetDecimal());
        Assert.Equal(46500.75m, totals.GetProperty("amount").GetDecimal());
        Assert.Equal(0.725m, totals.GetProperty("rate").GetDecimal());
        Assert.Equal("合计", root.GetProperty("totalsLabel").GetString());
    }

    [Fact]
    public void Json_WithoutTotalsRow_HasNullTotals()
    {
        var t = new StatTable
        {
            Key = "k", Title = "t", LabelColumns = [new("项目")], Columns = [StatHeader.Column("a", "甲")],
            TotalsPlacement = StatTotalsPlacement.None,
        };
        var j = t.ToJson();
        Assert.Null(j.Totals);
        Assert.Null(j.TotalsLabel);
    }
}

public class StatHeaderLayoutTests
{
    static StatHeader L(string key) => StatHeader.Column(key, key);

    static (int Row, int Col, int RowSpan, int ColSpan) At(StatHeaderLayout layout, string text)
    {
        var c = layout.Cells.Single(c => c.Text == text);
        return (c.Row, c.Column, c.RowSpan, c.ColumnSpan);
    }

    [Fact]
    public void FlatHeader_IsOneRow()
    {
        var layout = StatHeaderLayout.Of([new("乡镇")], [L("a"), L("b")]);
        Assert.Equal(1, layout.Depth);
        Assert.Equal(3, layout.ColumnCount);
        Assert.Equal((0, 0, 1, 1), At(layout, "乡镇"));
        Assert.Equal((0, 1, 1, 1), At(layout, "a"));
        Assert.Equal((0, 2, 1, 1), At(layout, "b"));
        Assert.DoesNotContain(layout.Cells, c => c.IsMerged);
    }

    [Fact]
    public void UnevenDepths_LeavesSpanDownToTheBottomRow()
    {
        // a | g: [b | h: [c | d]] | e | k: [f]
        var layout = StatHeaderLayout.Of([new("类别"), new("项目")],
        [
            L("a"),
            StatHeader.Group("g", L("b"), StatHeader.Group("h", L("c"), L("d"))),
            L("e"),
            StatHeader.Group("k", L("f")),
        ]);
        Assert.Equal(3, layout.Depth);
        Assert.Equal(8, layout.ColumnCount);
        Assert.Equal((0, 0, 3, 1), At(layout, "类别"));
        Assert.Equal((0, 1, 3, 1), At(layout, "项目"));
        Assert.Equal((0, 2, 3, 1), At(layout, "a"));
        Assert.Equal((0, 3, 1, 3), At(layout, "g"));
        Assert.Equal((1, 3, 2, 1), At(layout, "b"));
        Assert.Equal((1, 4, 1, 2), At(layout, "h"));
        Assert.Equal((2, 4, 1, 1), At(layout, "c"));
        Assert.Equal((2, 5, 1, 1), At(layout, "d"));
        Assert.Equal((0, 6, 3, 1), At(layout, "e"));
        Assert.Equal((0, 7, 1, 1), At(layout, "k"));
        Assert.Equal((1, 7, 2, 1), At(layout, "f"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], layout.Leaves.Select(l => l.Key));
        Assert.Equal([2, 3, 4, 5, 6, 7], layout.Leaves.Select(l => l.Column));
        Assert.Equal(["g", "h"], layout.Leaves.Single(l => l.Key == "d").Path);
        Assert.Equal(["k"], layout.Leaves.Single(l => l.Key == "f").Path);
        Assert.Empty(layout.Leaves.Single(l => l.Key == "e").Path);
    }

    [Fact]
    public void Cells_TileTheHeaderGridExactlyOnce()
    {
        var layout = StatHeaderLayout.Of([new("乡镇")],
        [
            StatHeader.Group("培训人次", L("合计"), L("其中"), StatHeader.Group("按人员类别", L("1"), L("2"), L("3"), L("4"), L("5"), L("6"), L("7"))),
            StatHeader.Group("x", StatHeader.Group("y", StatHeader.Group("z", L("deep")))),
            L("flat"),
        ]);
        Assert.Equal(4, layout.Depth);
        var covered = new int[layout.Depth, layout.ColumnCount];
        foreach (var c in layout.Cells)
            for (var r = c.Row; r < c.Row + c.RowSpan; r++)
                for (var k = c.Column; k < c.Column + c.ColumnSpan; k++) covered[r, k]++;
        foreach (var n in covered) Assert.Equal(1, n);
        Assert.Equal((0, 1, 1, 9), At(layout, "培训人次"));
        Assert.Equal((1, 1, 3, 1), At(layout, "合计"));
        Assert.Equal((1, 3, 1, 7), At(layout, "按人员类别"));
        Assert.Equal((2, 3, 2, 1), At(layout, "1"));
        Assert.Equal((0, 10, 1, 1), At(layout, "x"));
        Assert.Equal((3, 10, 1, 1), At(layout, "deep"));
        Assert.Equal((0, 11, 4, 1), At(layout, "flat"));
        // ordered by row, then column
        Assert.Equal(layout.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column), layout.Cells);
    }

    [Fact]
    public void MalformedHeaders_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => StatHeaderLayout.Of([new("乡镇")], [L("a"), StatHeader.Group("g", L("a"))]));
        Assert.Throws<ArgumentException>(() => StatHeaderLayout.Of([], [L("a")]));
        Assert.Throws<ArgumentException>(() => StatHeaderLayout.Of([new("乡镇")], []));
        Assert.Throws<ArgumentException>(() => StatHeader.Group("g"));
        Assert.Throws<ArgumentException>(() => StatHeader.Column("", "x"));
        Assert.Throws<ArgumentException>(() => StatHeader.Column("k", " "));
    }
}

public class StatTableTotalsTests
{
    static StatTable Table(params StatHeader[] columns) => new()
    {
        Key = "k", Title = "表", LabelColumns = [new("乡镇")], Columns = columns,
    };

    [Fact]
    public void Sum_SkipsBlanks_AndPartRows_AndIsBlankWhenNothingToAdd()
    {
        var t = Table(StatHeader.Column("a", "甲"), StatHeader.Column("b", "乙"), StatHeader.Column("m", "金额", StatFormat.Yuan));
        t.AddRow("一", 1, null, 0.1m);
        t.AddRow("二", 2, null, 0.2m);
        t.AddPartRow("其中", 100, 5, 100m);
        var totals = t.Totals();
        Assert.Equal(3m, totals["a"]);
        Assert.Null(totals["b"]); // no row that counts has a value
        Assert.Equal(0.3m, totals["m"]); // decimal: no float drift
        Assert.Equal(["a", "b", "m"], totals.Keys);
    }

    [Fact]
    public void NoSum_Fixed_AndComputed()
    {
        var t = Table(
            StatHeader.Column("n", "人数"),
            StatHeader.Column("e", "就业"),
            StatHeader.Column("avg", "平均", StatFormat.OneDecimal, StatTotal.None),
            StatHeader.Column("given", "给定", StatFormat.Percent, StatTotal.Fixed(0.9m)),
            StatHeader.Rate("rate", "就业率", v => StatValues.Ratio(v["e"], v["n"])),
            StatHeader.Rate("norate", "无"),
            StatHeader.Column("twice", "两倍", total: StatTotal.Of(v => v["rate"] * 2)));
        t.AddRow("一", 10, 5, 1.5m, 0.8m, 0.5m, null, 1);
        t.AddRow("二", 30, 15, 2.5m, 0.95m, 0.5m, null, 1);
        var totals = t.Totals();
        Assert.Null(totals["avg"]);
        Assert.Equal(0.9m, totals["given"]);
        Assert.Equal(0.5m, totals["rate"]);
        Assert.Null(totals["norate"]);
        Assert.Equal(1.0m, totals["twice"]); // sees the computed rate to its left
        Assert.True(StatTotal.Sum.IsSum);
        Assert.Null(StatValues.Ratio(1, 0));
        Assert.Null(StatValues.Ratio(null, 2));
    }

    [Fact]
    public void Computed_UnknownKey_Throws()
    {
        var t = Table(StatHeader.Column("a", "甲"), StatHeader.Rate("r", "率", v => v["typo"]));
        t.AddRow("一", 1, null);
        Assert.Throws<KeyNotFoundException>(() => t.Totals());
    }

    [Fact]
    public void Rows_AreChecked()
    {
        var t = Table(StatHeader.Column("a", "甲"), StatHeader.Column("b", "乙"));
        Assert.Throws<ArgumentException>(() => t.AddRow("一", 1));
        Assert.Throws<ArgumentException>(() => t.AddRow(["一", "二"], 1, 2));
        Assert.Throws<ArgumentException>(() => t.AddRow(["一"], new Dictionary<string, decimal?> { ["c"] = 1 }));
        var keyed = t.AddRow(["一"], new Dictionary<string, decimal?> { ["b"] = 2 });
        Assert.Null(keyed.Values["a"]);
        Assert.Equal(2m, keyed.Values["b"]);
        Assert.Single(t.Rows);
    }
}
