using System.Text;
using CountySkills.Web.Infrastructure.Excel;
using MiniExcelLibs;

namespace CountySkills.Tests.Excel;

/// <summary>The reader's caps (ADR 0014) one by one, without a server: each hostile file is refused with its code and a
/// Chinese sentence naming the limit, after reading only a little of it.</summary>
public class HostileSheetTests
{
    static readonly Dictionary<string, string[]> Synonyms = new() { ["seq"] = ["序号"], ["name"] = ["姓名"], ["idNumber"] = ["身份证号"] };
    static readonly string[] Header = ["序号", "姓名", "身份证号"];
    static string?[] Person(int i) => [i.ToString(), $"张{i}", $"41992119900101{i % 10000:0000}"];

    static SheetFormatException Refusal(byte[] bytes, string fileName = "台帐.xlsx", SheetLimits? limits = null) =>
        Assert.Throws<SheetFormatException>(() =>
        {
            using var reader = SheetReader.Open(new MemoryStream(bytes), fileName, Synonyms, ["idNumber", "name"], limits);
            foreach (var _ in reader.Rows()) { }
        });

    static int Read(byte[] bytes, string fileName = "台帐.xlsx", SheetLimits? limits = null)
    {
        using var reader = SheetReader.Open(new MemoryStream(bytes), fileName, Synonyms, ["idNumber", "name"], limits);
        return reader.Rows().Count();
    }

    [Fact]
    public void A_cell_in_column_ZZZZZ_is_refused_without_filling_twelve_million_columns()
    {
        var bomb = HostileWorkbook.ColumnBomb(Header, Person(1));
        Assert.True(bomb.Length < 4096, $"{bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refusal(bomb);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000_000);
        Assert.Equal("file.invalid", e.Code);
        Assert.Contains("XFD", e.Message);
    }

    [Theory]
    [InlineData("XFD2", true)]
    [InlineData("XFE2", false)]
    [InlineData("2A", false)]
    [InlineData("A-1", false)]
    public void Column_references_up_to_XFD_are_read_and_others_refused(string reference, bool readable)
    {
        var xlsx = HostileWorkbook.Build(w =>
        {
            w.Write(HostileWorkbook.Row(1, Header));
            w.Write(HostileWorkbook.Row(2, Person(1), $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>x</t></is></c>"));
        });
        if (readable) Assert.Equal(1, Read(xlsx));
        else Assert.Equal("file.invalid", Refusal(xlsx).Code);
    }

    [Fact]
    public void More_cells_than_Excel_has_columns_in_a_row_without_references_are_refused()
    {
        var xlsx = HostileWorkbook.Build(w =>
        {
            w.Write(HostileWorkbook.Row(1, Header));
            w.Write("<row r=\"2\">");
            for (var i = 0; i < 20_000; i++) w.Write("<c t=\"inlineStr\"><is><t>x</t></is></c>");
            w.Write("</row>");
        });
        var e = Refusal(xlsx);
        Assert.Equal("file.too_large", e.Code);
        Assert.Contains("16384 列", e.Message);
    }

    [Fact]
    public void A_sheet_that_inflates_a_thousand_to_one_is_refused_before_it_is_inflated()
    {
        var bomb = HostileWorkbook.RatioBomb();
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refusal(bomb);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000_000);
        Assert.Equal("file.invalid", e.Code);
        Assert.Contains("压缩比", e.Message);
    }

    [Fact]
    public void A_sheet_whose_header_understates_its_size_is_refused_while_inflating()
    {
        // .NET stops inflating at the declared size, so the sheet ends mid-cell: refused as damaged (file.invalid);
        // ZipPart counts the bytes it inflates as well, in case a reader ever trusts the stream to its end.
        var lying = HostileWorkbook.UnderstateSheetSize(HostileWorkbook.RatioBomb());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refusal(lying);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000_000);
        Assert.Equal("file.invalid", e.Code);
    }

    [Fact]
    public void A_part_above_its_size_cap_is_refused_as_too_large()
    {
        var xlsx = HostileWorkbook.Sheet(Header, Enumerable.Range(1, 3000).Select(Person));
        var e = Refusal(xlsx, limits: new SheetLimits { MaxSheetBytes = 64 * 1024 });
        Assert.Equal("file.too_large", e.Code);
        Assert.Contains("工作表", e.Message);
    }

    [Fact]
    public void A_row_numbered_a_million_is_refused_at_once_not_after_a_million_empty_rows()
    {
        var e = Refusal(HostileWorkbook.RowGap(Header, Person(1)));
        Assert.Equal("file.too_large", e.Code);
        Assert.Equal("文件第 1000000 行超过 300000 行的上限，请拆分后分批导入", e.Message);
    }

    [Fact]
    public void Rows_past_the_row_cap_are_refused_and_up_to_it_are_read()
    {
        var limits = new SheetLimits { MaxRows = 50 };
        Assert.Equal(50, Read(HostileWorkbook.Sheet(Header, Enumerable.Range(1, 50).Select(Person)), limits: limits));
        var e = Refusal(HostileWorkbook.Sheet(Header, Enumerable.Range(1, 51).Select(Person)), limits: limits);
        Assert.Equal("file.too_large", e.Code);
        Assert.Equal("文件第 52 行超过 50 行的上限，请拆分后分批导入", e.Message);

        var csv = Encoding.UTF8.GetBytes(string.Join("\r\n", ["序号,姓名,身份证号", .. Enumerable.Range(1, 51).Select(i => string.Join(",", Person(i)))]));
        Assert.Equal("file.too_large", Refusal(csv, "台帐.csv", limits).Code);
    }

    [Fact]
    public void A_shared_string_table_above_its_caps_is_refused()
    {
        var table = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for (var i = 0; i < 200; i++) table.Append($"<si><t>第{i}条共享文字</t></si>");
        table.Append("</sst>");
        var xlsx = HostileWorkbook.Build(w => w.Write(HostileWorkbook.Row(1, Header)), sharedStrings: table.ToString());

        var chars = Refusal(xlsx, limits: new SheetLimits { MaxSharedStringChars = 1000 });
        Assert.Equal("file.too_large", chars.Code);
        Assert.Contains("1000 个字符", chars.Message);
        var count = Refusal(xlsx, limits: new SheetLimits { MaxSharedStrings = 100 });
        Assert.Equal("file.too_large", count.Code);
        Assert.Contains("100 条", count.Message);
    }

    [Fact]
    public void Shared_strings_keep_their_indexes_across_empty_items_and_phonetic_runs()
    {
        var table = """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>序号</t></si><si/><si><t>姓名</t><rPh sb="0" eb="2"><t>XINGMING</t></rPh></si><si><t>身份证号</t></si><si><r><t>张</t></r><r><t>三</t></r></si></sst>""";
        var xlsx = HostileWorkbook.Build(w => w.Write(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c></row>"""
            + """<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><f>1+1</f><v>2</v></c></row>"""), sharedStrings: table);
        using var reader = SheetReader.Open(new MemoryStream(xlsx), "a.xlsx", Synonyms, ["name"]);
        var row = Assert.Single(reader.Rows());
        Assert.Equal("张三", row.Text("name"));
        Assert.Equal("2", row.Text("idNumber"));
        Assert.Equal("姓名", reader.Headers["name"]);
    }

    [Fact]
    public void A_cell_longer_than_the_cell_cap_is_refused_before_it_is_built()
    {
        var xlsx = HostileWorkbook.Build(w =>
        {
            w.Write(HostileWorkbook.Row(1, Header));
            w.Write(HostileWorkbook.Row(2, ["1", "张三", new string('9', 5000)]));
        });
        var e = Refusal(xlsx, limits: new SheetLimits { MaxLineChars = 4096 });
        Assert.Equal("file.too_large", e.Code);
        Assert.Contains("第 2 行", e.Message);
    }

    [Fact]
    public void A_row_whose_cells_together_pass_the_line_cap_is_refused_though_each_cell_fits()
    {
        var xlsx = HostileWorkbook.Build(w =>
        {
            w.Write(HostileWorkbook.Row(1, Header));
            w.Write(HostileWorkbook.Row(2, ["1", "张三", new string('9', 3000), new string('8', 3000)]));
        });
        var e = Refusal(xlsx, limits: new SheetLimits { MaxLineChars = 4096 });
        Assert.Equal("file.too_large", e.Code);
        Assert.Contains("第 2 行的文字合计超过 4096 个字符", e.Message);
    }

    [Fact]
    public void A_csv_without_line_breaks_or_with_too_many_columns_is_refused()
    {
        var noBreak = Encoding.UTF8.GetBytes("序号,姓名,身份证号\r\n1,\"" + new string('x', 2 * 1024 * 1024));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var line = Refusal(noBreak, "a.csv");
        Assert.Equal("file.too_large", line.Code);
        Assert.Contains("第 2 行超过 1048576 个字符", line.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 40_000_000);

        var wide = Encoding.UTF8.GetBytes("序号,姓名,身份证号\r\n1,张三," + new string(',', 20_000));
        var columns = Refusal(wide, "a.csv");
        Assert.Equal("file.too_large", columns.Code);
        Assert.Contains("16384 列", columns.Message);
    }

    [Theory]
    [InlineData("台帐.xls")]
    [InlineData("台帐.xlsx")]
    [InlineData("台帐.csv")]
    [InlineData("台帐.txt")]
    public void Ole2_bytes_are_refused_as_xls_whatever_the_name(string fileName)
    {
        var e = Refusal(HostileWorkbook.Ole2(), fileName);
        Assert.Equal("file.invalid", e.Code);
        Assert.Equal(SheetRefusals.Xls, e.Message);
    }

    [Fact]
    public void A_file_named_xls_is_refused_with_the_save_as_message_even_when_it_is_a_zip()
    {
        var e = Refusal(HostileWorkbook.Sheet(Header, [Person(1)]), "台帐.xls");
        Assert.Equal("不支持 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传", e.Message);
    }

    [Fact]
    public void A_zip_claiming_a_hundred_thousand_entries_is_refused_before_its_directory_is_read()
    {
        var xlsx = HostileWorkbook.Sheet(Header, [Person(1)]);
        var eocd = xlsx.Length - 22;
        Assert.Equal(0x06054b50u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(xlsx.AsSpan(eocd)));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(xlsx.AsSpan(eocd + 10), 0xFFFF);
        Assert.Equal("file.invalid", Refusal(xlsx).Code);
    }

    [Fact]
    public void The_writer_escapes_every_formula_like_string_cell_and_leaves_numbers_alone()
    {
        var rows = HostileWorkbook.Payloads.Select((p, i) => (IDictionary<string, object?>)new Dictionary<string, object?>
            { ["文字"] = p, ["金额"] = -2.5m - i, ["普通"] = "张三" }).ToList();
        var xlsx = SheetWriter.Xlsx(rows);
        var read = XlsxSheet.Rows(new MemoryStream(xlsx)).Skip(1).ToList();
        Assert.Equal(HostileWorkbook.Payloads.Select(p => "'" + p), read.Select(r => r[0]));
        Assert.All(read, r => Assert.IsType<double>(r[1]));
        Assert.Equal(-2.5, read[0][1]);
        Assert.All(read, r => Assert.Equal("张三", r[2]));
        var mini = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.All(mini, r => Assert.StartsWith("'", r["文字"]?.ToString()));
    }
}
