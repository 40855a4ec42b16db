using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Xunit.Abstractions;
using CountySkills.Web.Infrastructure.Word;

namespace CountySkills.Tests.Word;

public class GovDocumentTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Sample = new(() => SampleReport.Build());

    [Fact]
    public void The_sample_report_is_valid_Office_2019_Open_XML()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Sample.Value), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).ToList();
        foreach (var e in errors)
            output.WriteLine($"{e.Part?.Uri} {e.Path?.XPath}: {e.Description} [{e.Id}]");
        Assert.Empty(errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public void The_page_is_A4_with_the_GB_T_9704_type_area_and_22_lines()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Sample.Value), false);
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var m = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((2098, 1984, 1587u, 1474u), (m.Top!.Value, m.Bottom!.Value, m.Left!.Value, m.Right!.Value)); // 37, 35, 28, 26 mm
        Assert.Equal(579, section.GetFirstChild<DocGrid>()!.LinePitch!.Value);
        Assert.Equal(2, section.Elements<FooterReference>().Count());
        Assert.NotNull(doc.MainDocumentPart.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());
    }

    [Fact]
    public void Every_element_is_a_named_style_naming_the_GB_fonts_first()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Sample.Value), false);
        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", defaults.FontSize!.Val!.Value);
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
        string? EastAsia(string id) => styles.Elements<Style>().Single(s => s.StyleId == id).StyleRunProperties?.RunFonts?.EastAsia?.Value;
        Assert.Equal("方正小标宋简体", EastAsia("Title"));
        Assert.Equal("黑体", EastAsia("Heading1"));
        Assert.Equal("楷体_GB2312", EastAsia("Heading2"));
        Assert.Equal("宋体", EastAsia("Footer"));
        var normal = styles.Elements<Style>().Single(s => s.StyleId == "Normal").StyleParagraphProperties!;
        Assert.Equal(("579", LineSpacingRuleValues.Exact), (normal.SpacingBetweenLines!.Line!.Value, normal.SpacingBetweenLines.LineRule!.Value));
        Assert.Equal(200, normal.Indentation!.FirstLineChars!.Value);

        var fonts = doc.MainDocumentPart.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!);
        Assert.Contains("华文中宋", fonts["方正小标宋简体"].AltName!.Val!.Value);
        Assert.Contains("FangSong", fonts["仿宋_GB2312"].AltName!.Val!.Value);
        Assert.Equal("86", fonts["黑体"].FontCharSet!.Val!.Value);

        // No paragraph carries formatting of its own: only a style, and runs only the Strong character style.
        var body = doc.MainDocumentPart.Document.Body!;
        Assert.All(body.Descendants<ParagraphProperties>(), p => Assert.All(p.ChildElements, c => Assert.IsType<ParagraphStyleId>(c)));
        Assert.All(body.Descendants<RunProperties>(), r => Assert.Equal("Strong", Assert.IsType<RunStyle>(Assert.Single(r.ChildElements)).Val!.Value));
    }

    [Fact]
    public void Headings_are_numbered_and_the_table_repeats_its_header_and_aligns_numbers_right()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Sample.Value), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        string[] Texts(string style) => body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val == style)
            .Select(p => p.InnerText).ToArray();
        Assert.Equal(["一、总体情况", "二、存在的问题", "三、下一步工作打算"], Texts("Heading1"));
        Assert.Equal(["（一）培训规模稳步扩大", "（二）劳务品牌逐步叫响"], Texts("Heading2"));
        Assert.Equal(["1.订单式培训", "2.以工代训"], Texts("Heading3"));

        var table = body.Elements<Table>().First();
        var rows = table.Elements<TableRow>().ToList();
        Assert.Equal(1 + SampleReport.Rows.Length + 1, rows.Count);
        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.Null(rows[1].TableRowProperties!.GetFirstChild<TableHeader>());
        string Style(TableRow r, int i) => r.Elements<TableCell>().ElementAt(i).GetFirstChild<Paragraph>()!.ParagraphProperties!.ParagraphStyleId!.Val!;
        Assert.Equal(["GovTableHeader", "GovTableText", "GovTableNumber"], [Style(rows[0], 1), Style(rows[1], 0), Style(rows[1], 3)]);
        Assert.All(rows[^1].Descendants<Run>(), r => Assert.Equal("Strong", r.RunProperties!.RunStyle!.Val!.Value));
        Assert.Equal("合计", rows[^1].Elements<TableCell>().First().InnerText);
    }

    [Fact]
    public void The_chart_is_a_native_clustered_bar_chart_with_its_data_embedded_and_the_picture_is_a_PNG()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Sample.Value), false);
        var main = doc.MainDocumentPart!;
        var chart = Assert.Single(main.ChartParts);
        var xml = System.Xml.Linq.XDocument.Load(chart.GetStream());
        System.Xml.Linq.XNamespace c = "http://schemas.openxmlformats.org/drawingml/2006/chart";
        var bar = xml.Descendants(c + "barChart").Single();
        Assert.Equal("clustered", bar.Element(c + "grouping")!.Attribute("val")!.Value);
        Assert.Equal(2, bar.Elements(c + "ser").Count());
        Assert.Contains("龙泉街道", bar.Descendants(c + "cat").Single(e => e.Parent == bar.Elements(c + "ser").First()).Value);
        Assert.Contains("2026年各乡镇（街道）培训与就业人数", xml.Descendants(c + "title").First().Value);
        var data = (EmbeddedPackagePart)Assert.Single(chart.Parts, p => p.OpenXmlPart is EmbeddedPackagePart).OpenXmlPart;
        using (var book = SpreadsheetDocument.Open(data.GetStream(), false))
        {
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(book).Select(e => e.Description));
            var cells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Equal("培训人次", cells.Single(x => x.CellReference == "B1").InnerText);
            Assert.Equal("1512", cells.Single(x => x.CellReference == "B5").InnerText);
        }

        var image = Assert.Single(main.ImageParts);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(2, main.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>()
            .Select(d => d.Id!.Value).Distinct().Count());

        Assert.Equal(SampleReport.Title, doc.PackageProperties.Title);
        Assert.Equal("禾丰县人力资源和社会保障局", doc.PackageProperties.Creator);
        Assert.Equal(SampleReport.Created.UtcDateTime, doc.PackageProperties.Created);
        Assert.All(main.FooterParts, f => Assert.Equal("— PAGE 1 —", f.Footer!.InnerText.Replace("  ", " ")));
    }

    [Fact]
    public void Wrong_input_is_refused_with_a_reason()
    {
        using var doc = new GovDocument(new MemoryStream(), new GovDocumentInfo("t", "a", SampleReport.Created));
        Assert.Throws<ArgumentException>(() => doc.Table(["a", "b"], [["1"]]));
        Assert.Throws<ArgumentException>(() => doc.Table(["a", "b"], [["1", "2"]], [10]));
        Assert.Throws<ArgumentException>(() => doc.Picture("GIF89a.........."u8.ToArray(), 50));
        Assert.Throws<ArgumentException>(() => doc.BarChart(new GovBarChart("t", ["a", "b"], [new GovChartSeries("s", [1])])));
        Assert.Throws<ArgumentException>(() => doc.BarChart(new GovBarChart("t", ["a"], [new GovChartSeries("s", [double.NaN])])));
        Assert.Throws<ArgumentException>(() => doc.Heading1("一、总体情况"));
        Assert.Throws<ArgumentException>(() => doc.Heading2("（一）培训"));
        Assert.Throws<ArgumentException>(() => doc.Heading3("1.订单"));
        doc.Heading1("2026年工作成效").Heading3("1000人的订单");
        doc.Save();
        Assert.Throws<ObjectDisposedException>(() => doc.Paragraph("after saving"));
        Assert.Throws<ObjectDisposedException>(() => doc.Save());
    }

    [Theory]
    [InlineData(1, "一"), InlineData(10, "十"), InlineData(11, "十一"), InlineData(20, "二十"), InlineData(35, "三十五"), InlineData(100, "100")]
    public void Heading_numbers_are_Chinese(int n, string expected) => Assert.Equal(expected, GovText.ChineseNumber(n));

    [Theory]
    [InlineData("1,234", true), InlineData("12.5", true), InlineData("-3", true), InlineData("98.6%", true), InlineData("¥1,000", true),
     InlineData("合计", false), InlineData("1,23", false), InlineData("2026年", false), InlineData("", false)]
    public void Numbers_are_told_from_text(string cell, bool number) => Assert.Equal(number, GovText.IsNumber(cell));

    [Fact]
    public void A_JPEG_is_sized_from_its_frame_header()
    {
        // SOI, an APP0 segment, then SOF0 with height 480 and width 640.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00];
        var (type, w, h) = GovDocument.ImageInfo(jpeg);
        Assert.Equal(("image/jpeg", 640, 480), (type.ContentType, w, h));
        var png = GovDocument.ImageInfo(SampleReport.Png(30, 20));
        Assert.Equal(("image/png", 30, 20), (png.Type.ContentType, png.Width, png.Height));
    }
}
