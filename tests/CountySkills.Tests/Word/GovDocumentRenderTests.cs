using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CountySkills.Tests.Word;

/// <summary>
/// The sample report opened and printed by LibreOffice, read back from the PDF with poppler. Set CS_WORD_OUT=DIR to
/// keep the .docx and .pdf (then `pdftoppm -png -r 60 DIR/report.pdf DIR/page` to look at the pages).
/// </summary>
public class GovDocumentRenderTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Sample = new(() => SampleReport.Build());

    [OfficeFact]
    public void LibreOffice_prints_the_report_with_its_Chinese_text_table_chart_and_page_numbers()
    {
        using var pdf = Office.ToPdf(Sample.Value, "report", gbFontMap: true);
        var pages = Office.Pages(pdf.Path);
        var text = string.Join("\n", pages);
        output.WriteLine(text);
        var flat = Flat(text);
        Assert.Equal(Office.PageCount(pdf.Path), pages.Length);
        Assert.True(pages.Length >= 3, $"the sample report should fill at least 3 pages, LibreOffice made {pages.Length}");
        Assert.Contains(SampleReport.Title, flat);
        Assert.Contains("一、总体情况", flat);
        Assert.Contains("（一）培训规模稳步扩大", flat);
        Assert.Contains("1.订单式培训", flat);
        Assert.Contains("表1", flat);
        foreach (var cell in SampleReport.Headers.Concat(SampleReport.Rows.SelectMany(r => r)).Concat(SampleReport.Total))
            Assert.Contains(cell, flat);
        Assert.Contains("2026年各乡镇（街道）培训与就业人数", flat); // the chart's own title, drawn from the chart part
        Assert.Contains("转移就业", flat);
        // The long table runs over a page and its header row is printed again on the next one.
        Assert.True(pages.Count(p => Flat(p).Contains("所属乡镇（街道）")) >= 2, "table 2's header should repeat on the page it runs on to");
        for (var i = 0; i < pages.Length; i++)
            Assert.True(Flat(pages[i]).EndsWith($"—{i + 1}—"), $"page {i + 1} should end with its number — {i + 1} —:\n{pages[i]}");

        // 28 characters to a full body line: the longest line of the first body paragraph (pdftotext may space them).
        var longest = pages[0].Split('\n').Select(l => Regex.Matches(l, @"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}，。“”、；]").Count).Max();
        Assert.Equal(28, longest);

        var fonts = Office.Fonts(pdf.Path);
        output.WriteLine(fonts);
        Assert.Contains(EmbeddedCjk(fonts), f => f.Contains("SerifCJK")); // 仿宋, 宋体, the title
        Assert.Contains(EmbeddedCjk(fonts), f => f.Contains("SansCJK"));  // 黑体 headings and captions
        if (File.Exists("/usr/share/fonts/truetype/arphic/ukai.ttc"))
            Assert.Contains(EmbeddedCjk(fonts), f => f.Contains("UKai", StringComparison.OrdinalIgnoreCase)); // 楷体
    }

    [OfficeFact]
    public void Without_the_GB_fonts_or_a_font_map_LibreOffice_still_prints_Chinese_with_an_embedded_CJK_font()
    {
        using var pdf = Office.ToPdf(Sample.Value, "plain", gbFontMap: false);
        var flat = Flat(string.Join("\n", Office.Pages(pdf.Path)));
        Assert.Contains(SampleReport.Title, flat);
        Assert.Contains("龙泉街道", flat);
        var fonts = Office.Fonts(pdf.Path);
        Assert.True(EmbeddedCjk(fonts).Count > 0, $"no CJK font is embedded in the PDF:\n{fonts}");
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", "");

    /// <summary>The names of embedded CJK fonts in pdffonts' table (name type encoding emb sub uni object generation).</summary>
    private static List<string> EmbeddedCjk(string pdffonts) => pdffonts.Split('\n')
        .Where(l => Regex.IsMatch(l, @"CJK|Song|Hei|Kai|Fang|Ming|WenQuanYi", RegexOptions.IgnoreCase)
            && Regex.IsMatch(l, @"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$"))
        .Select(l => l.Split(' ')[0]).ToList();
}
