using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Tests.Excel;

/// <summary>Layout of a ledger written by <see cref="MessyWorkbook"/>. Column indexes are 0-based.</summary>
public sealed class MessyOptions
{
    public static readonly string[] DefaultHeaders =
    [
        "序号", "*姓名", "性别", "身份证\n号码", "联系电话", "街道\n（乡镇）", "社区（村）",
        "人员类别", "就业状态", "务工地点", "月收入（元）", "填报人",
    ];

    public IReadOnlyList<string> Headers { get; init; } = DefaultHeaders;

    /// <summary>Leading columns whose header is merged vertically across the group row and the leaf row.</summary>
    public int LeadingVertical { get; init; } = 2;

    /// <summary>Group titles merged horizontally over the columns after the leading ones; columns after the
    /// groups are merged vertically too. Empty: a single header row.</summary>
    public IReadOnlyList<(string Title, int Span)> Groups { get; init; } = [("个人基本信息", 6), ("个人就业信息", 3)];

    public string? Instructions { get; init; } = "填表说明：1.带*号的为必填项；2.身份证号码请以文本格式填写18位；3.联系电话填写11位手机号码。";
    public string? Title { get; init; } = "XX省劳动力资源个人信息台帐";

    /// <summary>Columns written as number cells when the value parses as a number.</summary>
    public IReadOnlySet<int> NumberColumns { get; init; } = new HashSet<int>();

    /// <summary>Column → formula; the data value becomes the formula's cached result.</summary>
    public IReadOnlyDictionary<int, string> FormulaColumns { get; init; } = new Dictionary<int, string>();

    /// <summary>Before data row i (0-based): null leaves a blank row (no row element), text writes a section row
    /// merged across the sheet. Key = data row count inserts after the last row.</summary>
    public IReadOnlyDictionary<int, string?> InsertBefore { get; init; } = new Dictionary<int, string?>();

    /// <summary>More merge ranges, e.g. "G5:G6" for a community merged over two people.</summary>
    public IReadOnlyList<string> ExtraMerges { get; init; } = [];

    /// <summary>Data row count for the &lt;dimension&gt; element when the rows are generated lazily.</summary>
    public int? RowCount { get; init; }

    /// <summary>Excel always writes &lt;dimension&gt;; turn off to test readers on files from tools that don't.</summary>
    public bool WriteDimension { get; init; } = true;

    public int HeaderRowCount => Groups.Count > 0 ? 2 : 1;
    public int LastHeaderRow => (Instructions is null ? 0 : 1) + (Title is null ? 0 : 1) + HeaderRowCount;
    public int FirstDataRow => LastHeaderRow + 1;
}

/// <summary>Writes realistic messy county ledgers (.xlsx) with the OpenXml SAX writer, so 250,000 rows stream out.</summary>
public static class MessyWorkbook
{
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private static readonly (string Path, string Content)[] FixedParts =
    [
        ("[Content_Types].xml", Xml +
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
            "</Types>"),
        ("_rels/.rels", Xml + $"<Relationships xmlns=\"{Relationships}\">" +
            $"<Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", Xml +
            $"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{OfficeRelationships}\">" +
            "<sheets><sheet name=\"台帐\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", Xml + $"<Relationships xmlns=\"{Relationships}\">" +
            $"<Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
    ];

    public static void WriteLedger(Stream output, IEnumerable<string?[]> dataRows, MessyOptions? o = null)
    {
        // A ZipArchive in Create mode streams each entry out as it is written; the OpenXml SDK's package
        // (SpreadsheetDocument.Create) would hold the whole sheet part in memory until it is saved.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (path, content) in FixedParts)
        {
            using var part = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
            part.Write(content);
        }
        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(sheet);
        new SheetWriter(writer, o ?? new MessyOptions()).Write(dataRows);
    }

    public static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    private sealed class SheetWriter(OpenXmlWriter w, MessyOptions o)
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
        private readonly List<string> _merges = [.. o.ExtraMerges];
        private int _row;

        private string LastColumn => ColumnName(o.Headers.Count - 1);

        public void Write(IEnumerable<string?[]> dataRows)
        {
            w.WriteStartElement(new Worksheet());
            WriteDimension(dataRows);
            w.WriteStartElement(new SheetData());
            if (o.Instructions is { } instructions) WriteBanner(instructions);
            if (o.Title is { } title) WriteBanner(title);
            WriteHeader();
            var index = 0;
            foreach (var values in dataRows)
            {
                WriteInsert(index++);
                WriteDataRow(values);
            }
            WriteInsert(index);
            w.WriteEndElement();
            WriteMerges();
            w.WriteEndElement();
        }

        private void WriteDimension(IEnumerable<string?[]> dataRows)
        {
            if (!o.WriteDimension) return;
            var count = dataRows.TryGetNonEnumeratedCount(out var n) ? n : o.RowCount;
            if (count is null) return;
            var lastRow = o.LastHeaderRow + count.Value + o.InsertBefore.Count;
            w.WriteElement(new SheetDimension { Reference = $"A1:{LastColumn}{lastRow}" });
        }

        private void WriteBanner(string text)
        {
            StartRow();
            InlineCell(0, text);
            for (var c = 1; c < o.Headers.Count; c++) EmptyCell(c);
            w.WriteEndElement();
            _merges.Add($"A{_row}:{LastColumn}{_row}");
        }

        private void WriteHeader()
        {
            if (o.Groups.Count == 0)
            {
                StartRow();
                for (var c = 0; c < o.Headers.Count; c++) InlineCell(c, o.Headers[c]);
                w.WriteEndElement();
                return;
            }

            var groupAt = new Dictionary<int, (string Title, int Span)>();
            var groupedEnd = o.LeadingVertical;
            foreach (var group in o.Groups) { groupAt[groupedEnd] = group; groupedEnd += group.Span; }

            StartRow();
            for (var c = 0; c < o.Headers.Count; c++)
            {
                var column = ColumnName(c);
                if (c < o.LeadingVertical || c >= groupedEnd)
                {
                    InlineCell(c, o.Headers[c]);
                    _merges.Add($"{column}{_row}:{column}{_row + 1}");
                }
                else if (groupAt.TryGetValue(c, out var group))
                {
                    InlineCell(c, group.Title);
                    _merges.Add($"{column}{_row}:{ColumnName(c + group.Span - 1)}{_row}");
                }
                else EmptyCell(c);
            }
            w.WriteEndElement();

            StartRow();
            for (var c = 0; c < o.Headers.Count; c++)
            {
                if (c < o.LeadingVertical || c >= groupedEnd) EmptyCell(c);
                else InlineCell(c, o.Headers[c]);
            }
            w.WriteEndElement();
        }

        private void WriteInsert(int index)
        {
            if (!o.InsertBefore.TryGetValue(index, out var section)) return;
            if (section is null) { _row++; return; }
            WriteBanner(section);
        }

        private void WriteDataRow(string?[] values)
        {
            StartRow();
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is not { } value) { EmptyCell(c); continue; }
                var isNumber = o.NumberColumns.Contains(c) && double.TryParse(value, NumberStyles.Float, Invariant, out _);
                if (o.FormulaColumns.TryGetValue(c, out var formula)) FormulaCell(c, formula, value, isNumber);
                else if (isNumber) NumberCell(c, value);
                else InlineCell(c, value);
            }
            w.WriteEndElement();
        }

        private void StartRow() =>
            w.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", (++_row).ToString(Invariant))]);

        private OpenXmlAttribute Ref(int column) => new("r", "", ColumnName(column) + _row.ToString(Invariant));

        private void InlineCell(int column, string text)
        {
            w.WriteStartElement(new Cell(), [Ref(column), new OpenXmlAttribute("t", "", "inlineStr")]);
            w.WriteStartElement(new InlineString());
            var element = new Text(text);
            if (text != text.Trim()) element.Space = SpaceProcessingModeValues.Preserve;
            w.WriteElement(element);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        // Excel writes an empty cell wherever a bordered table has no value, including the hidden parts of merges.
        private void EmptyCell(int column)
        {
            w.WriteStartElement(new Cell(), [Ref(column)]);
            w.WriteEndElement();
        }

        private void NumberCell(int column, string number)
        {
            w.WriteStartElement(new Cell(), [Ref(column)]);
            w.WriteElement(new CellValue(number));
            w.WriteEndElement();
        }

        private void FormulaCell(int column, string formula, string cached, bool isNumber)
        {
            OpenXmlAttribute[] attributes = isNumber ? [Ref(column)] : [Ref(column), new OpenXmlAttribute("t", "", "str")];
            w.WriteStartElement(new Cell(), attributes);
            w.WriteElement(new CellFormula(formula));
            w.WriteElement(new CellValue(cached));
            w.WriteEndElement();
        }

        private void WriteMerges()
        {
            if (_merges.Count == 0) return;
            w.WriteStartElement(new MergeCells(), [new OpenXmlAttribute("count", "", _merges.Count.ToString(Invariant))]);
            foreach (var range in _merges) w.WriteElement(new MergeCell { Reference = range });
            w.WriteEndElement();
        }
    }
}
