using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Xunit;

using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Tests.Excel;

public class SheetReaderTests
{
    private const string Unreadable = "文件无法读取：不是有效的 Excel（.xlsx）或 CSV 文件";
    private const string NoHeader = "没有找到可识别的表头：请确认文件包含“身份证号”“姓名”等列";

    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["serial"] = ["序号"],
        ["name"] = ["姓名"],
        ["gender"] = ["性别"],
        ["idNumber"] = ["身份证号", "身份证号码", "公民身份号码", "身份证"],
        ["phone"] = ["联系电话", "手机号码"],
        ["street"] = ["街道(乡镇)", "乡镇(街道)"],
        ["community"] = ["社区(村)", "村(社区)"],
        ["category"] = ["人员类别"],
        ["employmentStatus"] = ["就业状态"],
        ["workplace"] = ["务工地点"],
        ["monthlyIncome"] = ["月收入(元)", "月收入"],
    };

    private static readonly string[] Required = ["idNumber", "name"];

    static SheetReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string?[] Person(int i) =>
    [
        i.ToString(), $"张{i}", "男", $"33010219900101{i:0000}", $"1381234{i:0000}", "青石镇", "青石村",
        "农村劳动力", "已就业", "浙江杭州", "4500", "李填报",
    ];

    private static MemoryStream Ledger(IEnumerable<string?[]> rows, MessyOptions? o = null)
    {
        var stream = new MemoryStream();
        MessyWorkbook.WriteLedger(stream, rows.ToList(), o);
        return new MemoryStream(stream.ToArray());
    }

    private static MemoryStream Ledger(int count, MessyOptions? o = null) => Ledger(Enumerable.Range(1, count).Select(Person), o);

    private static SheetReader Open(Stream stream, string fileName = "台帐.xlsx") =>
        SheetReader.Open(stream, fileName, Synonyms, Required);

    private static SheetReader OpenCsv(string text, Encoding? encoding = null)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        return Open(new MemoryStream(bytes), "台帐.csv");
    }

    // ---- xlsx: messy header ----

    [Fact]
    public void Xlsx_FindsTwoRowMergedHeaderBelowInstructionsAndTitle()
    {
        using var reader = Open(Ledger(3));

        Assert.Equal(4, reader.HeaderRowNumber);
        Assert.Equal("序号", reader.Headers["serial"]);      // merged vertically, text only in the group row
        Assert.Equal("*姓名", reader.Headers["name"]);
        Assert.Equal("身份证号码", reader.Headers["idNumber"]); // "身份证\n号码"
        Assert.Equal("街道（乡镇）", reader.Headers["street"]); // "街道\n（乡镇）"
        Assert.Equal("社区（村）", reader.Headers["community"]);
        Assert.Equal("月收入（元）", reader.Headers["monthlyIncome"]);
        Assert.Equal(Synonyms.Keys.Order(), reader.Headers.Keys.Order());

        var rows = reader.Rows().ToList();
        Assert.Equal([5, 6, 7], rows.Select(r => r.RowNumber));
        Assert.Equal("张1", rows[0].Values["name"]);
        Assert.Equal("330102199001010001", rows[0].Values["idNumber"]);
        Assert.Equal("4500", rows[0].Values["monthlyIncome"]);
        Assert.Equal(0, reader.SkippedRows);
    }

    [Fact]
    public void Xlsx_UnknownColumnIsIgnored()
    {
        using var reader = Open(Ledger(1));

        var values = reader.Rows().Single().Values;
        Assert.DoesNotContain("李填报", values.Values);
        Assert.Equal(Synonyms.Keys.Order(), values.Keys.Order());
    }

    [Fact]
    public void Xlsx_SingleRowHeaderWithoutTitle()
    {
        var o = new MessyOptions { Instructions = null, Title = null, Groups = [] };
        using var reader = Open(Ledger(2, o));

        Assert.Equal(1, reader.HeaderRowNumber);
        Assert.Equal([2, 3], reader.Rows().Select(r => r.RowNumber));
    }

    [Fact]
    public void Xlsx_BlankAndSectionRowsAreSkippedAndCounted_RowNumbersMatchExcel()
    {
        string?[] missingId = [.. Person(3)];
        missingId[3] = null;
        missingId[4] = null;
        var rows = new[] { Person(1), Person(2), missingId, new string?[12], Person(5) };
        var o = new MessyOptions { InsertBefore = new Dictionary<int, string?> { [1] = null, [2] = "2005年度" } };
        // row 5 P1, 6 blank (no row element), 7 P2, 8 "2005年度" merged A:L, 9 P3 without ID, 10 empty row element, 11 P5
        using var reader = Open(Ledger(rows, o));

        var read = reader.Rows().ToList();
        Assert.Equal([5, 7, 9, 11], read.Select(r => r.RowNumber));
        Assert.Null(read[2].Values["idNumber"]); // kept: a row with missing values is the caller's error row
        Assert.Equal("张3", read[2].Values["name"]);
        Assert.Equal(3, reader.SkippedRows);
    }

    [Fact]
    public void Xlsx_MergedDataCellsAreNotFilled()
    {
        string?[] second = [.. Person(2)];
        second[6] = null;
        using var reader = Open(Ledger([Person(1), second], new MessyOptions { ExtraMerges = ["G5:G6"] }));

        var rows = reader.Rows().ToList();
        Assert.Equal("青石村", rows[0].Values["community"]);
        Assert.Null(rows[1].Values["community"]);
    }

    [Fact]
    public void Xlsx_FormulaCellsYieldCachedValues()
    {
        var o = new MessyOptions
        {
            NumberColumns = new HashSet<int> { 10 },
            FormulaColumns = new Dictionary<int, string> { [10] = "1500+3000", [8] = "IF(TRUE,\"已就业\",\"未就业\")" },
        };
        using var reader = Open(Ledger(1, o));

        var values = reader.Rows().Single().Values;
        Assert.Equal(4500d, values["monthlyIncome"]);
        Assert.Equal("已就业", values["employmentStatus"]);
    }

    [Fact]
    public void Xlsx_NumberCellsStayDoubles()
    {
        using var reader = Open(Ledger(1, new MessyOptions { NumberColumns = new HashSet<int> { 3, 4 } }));

        var values = reader.Rows().Single().Values;
        Assert.IsType<double>(values["idNumber"]); // the caller rejects an ID stored as a number
        Assert.Equal(13812340001d, values["phone"]);
        Assert.Equal("13812340001", SheetText.CellText(values["phone"]));
    }

    [Fact]
    public void Xlsx_FirstMatchingColumnWinsAndEachColumnMapsToOneKey()
    {
        var o = new MessyOptions { Groups = [], Headers = ["姓名", "身份证号码", "姓名", "身份证"] };
        using var reader = Open(Ledger([["张三", "1", "李四", "2"]], o));

        var values = reader.Rows().Single().Values;
        Assert.Equal("张三", values["name"]);
        Assert.Equal("1", values["idNumber"]);
        Assert.Equal(2, values.Count);
    }

    [Fact]
    public void Xlsx_UpperCaseExtensionAndNonSeekableStream()
    {
        using var reader = Open(new ForwardOnlyStream(Ledger(2)), "台帐.XLSX");

        Assert.Equal(2, reader.Rows().Count());
    }

    [Fact]
    public void Rows_CanOnlyBeEnumeratedOnce()
    {
        using var reader = Open(Ledger(1));
        reader.Rows().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.Rows());
    }

    // ---- header matching ----

    [Fact]
    public void ParentheticalSuffixIsStrippedOnlyWithoutExactMatch()
    {
        var synonyms = new Dictionary<string, string[]>(Synonyms)
        {
            ["income10k"] = ["年收入(万元)"],
            ["income"] = ["年收入"],
        };
        var csv = "身份证号码(必填),*姓名（必填）,年收入（万元）,年收入【元】\r\n330102199001010001,张三,1.2,12000\r\n";
        using var reader = SheetReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "a.csv", synonyms, Required);

        var values = reader.Rows().Single().Values;
        Assert.Equal("330102199001010001", values["idNumber"]);
        Assert.Equal("张三", values["name"]);
        Assert.Equal("1.2", values["income10k"]);
        Assert.Equal("12000", values["income"]);
        Assert.Equal("年收入（万元）", reader.Headers["income10k"]);
    }

    [Fact]
    public void MissingRequiredHeader_NamesIt()
    {
        var ex = Assert.Throws<SheetFormatException>(() => OpenCsv("序号,姓名,联系电话\r\n1,张三,13812345678\r\n"));

        Assert.Equal("表头缺少必需的列：“身份证号”", ex.Message);
    }

    [Theory]
    [InlineData("a,b,c\r\n1,2,3\r\n")]
    [InlineData("台帐\r\n姓名,年龄\r\n张三,30\r\n")] // only one key matches
    public void NoRecognisableHeader(string csv)
    {
        var ex = Assert.Throws<SheetFormatException>(() => OpenCsv(csv));

        Assert.Equal(NoHeader, ex.Message);
    }

    // ---- csv ----

    private const string CsvLedger =
        "XX省劳动力资源个人信息台帐,,,\r\n" +
        "填报单位：青石镇,,,\r\n" +
        "序号,*姓名,\"身份证\n号码\",联系电话,街道（乡镇）\r\n" +
        "1,张三,330102199001010011,13812345678,青石镇\r\n" +
        "2,\"李\"\"四\"\"\",330102199001010022,,\"青石镇,东片\"\r\n";

    [Fact]
    public void Csv_Utf8WithTitleRows()
    {
        using var reader = OpenCsv(CsvLedger);

        Assert.Equal(3, reader.HeaderRowNumber);
        Assert.Equal("身份证号码", reader.Headers["idNumber"]);
        var rows = reader.Rows().ToList();
        Assert.Equal([4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("13812345678", rows[0].Values["phone"]);
        Assert.Equal("李\"四\"", rows[1].Values["name"]);
        Assert.Null(rows[1].Values["phone"]);
        Assert.Equal("青石镇,东片", rows[1].Values["street"]);
    }

    [Fact]
    public void Csv_Utf8WithBom()
    {
        using var reader = OpenCsv("序号,姓名,身份证号\r\n1,张三,330102199001010011\r\n", new UTF8Encoding(true));

        Assert.Equal("序号", reader.Headers["serial"]); // BOM is not part of the first header
        Assert.Equal("张三", reader.Rows().Single().Values["name"]);
    }

    [Fact]
    public void Csv_Gbk()
    {
        using var reader = OpenCsv(CsvLedger, Encoding.GetEncoding("GBK"));

        Assert.Equal("街道（乡镇）", reader.Headers["street"]);
        Assert.Equal("张三", reader.Rows().First().Values["name"]);
    }

    [Fact]
    public void Csv_Utf8CharacterCutBySniffWindowIsStillUtf8()
    {
        // the title line is 65,534 bytes, so the 3-byte '序' straddles the 64 KB sample edge
        var csv = new string('x', 65532) + "\r\n序号,姓名,身份证号\r\n1,张三,330102199001010011\r\n";
        using var reader = OpenCsv(csv);

        Assert.Equal("序号", reader.Headers["serial"]);
        Assert.Equal(3, reader.Rows().Single().RowNumber);
    }

    [Fact]
    public void Csv_BlankAndSectionLinesAreSkippedAndNumbered_TrailingBlanksNotCounted()
    {
        var csv = "序号,姓名,身份证号\r\n1,张三,A\r\n\r\n一、青石镇,,\r\n2,李四,B\n,,\r\n\r\n";
        using var reader = OpenCsv(csv);

        Assert.Equal([2, 5], reader.Rows().Select(r => r.RowNumber));
        Assert.Equal(2, reader.SkippedRows);
    }

    // ---- not a spreadsheet ----

    public static TheoryData<string, byte[]> UnreadableFiles()
    {
        var valid = Ledger(50).ToArray();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        return new()
        {
            { "a.xlsx", [] },
            { "a.csv", [] },
            { "a.xlsx", png },
            { "a.csv", png },
            { "a.xlsx", Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251)).ToArray() },
            { "a.xlsx", valid[..(valid.Length / 2)] },
            { "a.xlsx", NotAWorkbookZip() },
            { "a.csv", valid },
        };
    }

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void NotASpreadsheet_Unreadable(string fileName, byte[] bytes)
    {
        var ex = Assert.Throws<SheetFormatException>(() => Open(new MemoryStream(bytes), fileName));

        Assert.Equal(Unreadable, ex.Message);
    }

    [Theory]
    [InlineData("台帐.txt")]
    [InlineData("台帐")]
    public void WrongExtension(string fileName)
    {
        var ex = Assert.Throws<SheetFormatException>(() => Open(Ledger(1), fileName));

        Assert.Equal("只支持 .xlsx 或 .csv 文件", ex.Message);
    }

    [Fact]
    public void CorruptionInsideTheSheet_SurfacesAsSheetFormatException()
    {
        var bytes = Ledger(20_000).ToArray();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 200; i++) bytes[i] ^= 0x5A;

        var ex = Record.Exception(() =>
        {
            using var reader = Open(new MemoryStream(bytes));
            reader.Rows().ToList();
        });

        Assert.IsType<SheetFormatException>(ex);
    }

    private static byte[] NotAWorkbookZip()
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("hello");
        return stream.ToArray();
    }

    // ---- the test workbook itself ----

    [Fact]
    public void MessyWorkbook_IsAValidSpreadsheet()
    {
        var o = new MessyOptions
        {
            NumberColumns = new HashSet<int> { 4, 10 },
            FormulaColumns = new Dictionary<int, string> { [10] = "1500+3000" },
            InsertBefore = new Dictionary<int, string?> { [1] = null, [2] = "2005年度" },
            ExtraMerges = ["G5:G6"],
        };
        using var document = SpreadsheetDocument.Open(Ledger(3, o), false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => e.Description));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal("A1:L9", sheet.GetFirstChild<SheetDimension>()!.Reference!.Value);
        // instructions, title, 序号, 姓名, 2 groups, 填报人, section row, G5:G6
        Assert.Equal(9, sheet.Descendants<MergeCell>().Count());
    }

    // ---- SheetText ----

    [Theory]
    [InlineData("身份证\n号码", "身份证号码")]
    [InlineData(" 街道\r\n（乡镇）\t", "街道(乡镇)")]
    [InlineData("社区【村】", "社区(村)")]
    [InlineData("*姓名", "姓名")]
    [InlineData("姓名*", "姓名")]
    [InlineData("＊姓　名", "姓名")]
    [InlineData("ＩＤ　Ｎｏ．", "idno.")]
    [InlineData("月收入（元）", "月收入(元)")]
    public void Normalise(string input, string expected) => Assert.Equal(expected, SheetText.Normalise(input));

    public static TheoryData<object?, string?> CellTexts() => new()
    {
        { null, null },
        { "", null },
        { " \u3000 ", null },
        { "\u3000张三 ", "张三" },
        { "'=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")" }, // what the app escaped on export reads back as written
        { "'-5", "-5" },
        { "'张三", "'张三" }, // an apostrophe before ordinary text is the text
        { 13812345678d, "13812345678" },
        { 4500d, "4500" },
        { 0d, "0" },
        { 1.5d, "1.5" },
        { 0.1 + 0.2, "0.3" },
        { 330102199001010011d, "3.3010219900101E+17" },
        { new DateTime(2024, 3, 5), "2024-03-05" },
        { new DateTime(2024, 3, 5, 8, 30, 0), "2024-03-05 08:30:00" },
        { true, "是" },
        { false, "否" },
        { 42, "42" },
    };

    [Theory]
    [MemberData(nameof(CellTexts))]
    public void CellText(object? value, string? expected) => Assert.Equal(expected, SheetText.CellText(value));

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
