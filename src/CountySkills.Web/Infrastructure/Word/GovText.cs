using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CountySkills.Web.Infrastructure.Word;

/// <summary>Runs of text, heading numbers, the page number, and what counts as a number in a table.</summary>
internal static partial class GovText
{
    /// <summary>A run of text; "\n" becomes a line break, a tab a tab, and characters XML cannot hold are dropped.</summary>
    public static Run Run(string text, bool bold)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new RunStyle { Val = GovStyles.Strong }));
        var lines = Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            var parts = lines[i].Split('\t');
            for (var j = 0; j < parts.Length; j++)
            {
                if (j > 0) run.Append(new TabChar());
                if (parts[j].Length > 0) run.Append(new Text(parts[j]) { Space = SpaceProcessingModeValues.Preserve });
            }
        }
        return run;
    }

    public static string Clean(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (c is '\n' or '\t' || (c >= 0x20 && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>一 to 九十九 (the numbers of 一、 and （一） headings); larger numbers in digits.</summary>
    public static string ChineseNumber(int n)
    {
        const string digits = "〇一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "" : digits[n / 10].ToString();
        return $"{tens}十{(n % 10 == 0 ? "" : digits[n % 10].ToString())}";
    }

    /// <summary>"— N —" with N the PAGE field, in the page-number style.</summary>
    public static Footer PageNumberFooter(string style) => new(new Paragraph(
        new ParagraphProperties(new ParagraphStyleId { Val = style }),
        new Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        new Run(new Text("1")),
        new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
        new Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));

    [GeneratedRegex(@"^\s*[-+−]?[¥￥]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*[%‰]?\s*$")]
    private static partial Regex NumberPattern();

    public static bool IsNumber(string text) => NumberPattern().IsMatch(text);

    [GeneratedRegex(@"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")]
    private static partial Regex HeadingNumber();

    /// <summary>The builder numbers headings itself; a number in the text would be written twice (一、一、…).</summary>
    public static void NotNumbered(string text)
    {
        if (HeadingNumber().IsMatch(text))
            throw new ArgumentException($"a heading's text comes without its number, which the builder adds: \"{text}\"", nameof(text));
    }
}
