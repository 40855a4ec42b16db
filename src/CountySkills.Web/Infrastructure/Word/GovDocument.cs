using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CountySkills.Web.Infrastructure.Word;

/// <summary>What the file's document properties say: its title, who made it (author and last modified by), and when.</summary>
public sealed record GovDocumentInfo(string Title, string Author, DateTimeOffset Created, string? Subject = null);

/// <summary>A piece of a paragraph, bold or not. A plain string converts to a plain span.</summary>
public readonly record struct GovSpan(string Text, bool IsBold = false)
{
    public static GovSpan Bold(string text) => new(text, true);
    public static implicit operator GovSpan(string text) => new(text);
}

/// <summary>
/// Writes a .docx typeset like a Chinese government document (GB/T 9704-2012): A4, margins 37/35/28/26 mm, body 三号
/// 仿宋_GB2312 at a fixed 28.95 pt (22 lines of 28 characters), title 二号 方正小标宋简体, headings 一、（一）1. in
/// 黑体, 楷体 and bold 仿宋, and "— 1 —" page numbers in 四号 宋体, right on odd pages and left on even ones.
/// Each element is a named style (styles.xml), so the report can be restyled in Word or WPS.
/// Call the element methods in reading order, then <see cref="Save"/> or <see cref="SaveAsync"/> once.
/// The document is built in memory and copied to the output stream when saved, so the stream need not seek.
/// </summary>
public sealed partial class GovDocument : IDisposable
{
    /// <summary>The type area's width (210 − 28 − 26 mm): the widest a table, chart or picture can be.</summary>
    public const double TextWidthMm = 156;

    private readonly Stream output;
    private readonly MemoryStream buffer = new();
    private readonly WordprocessingDocument package;
    private readonly Body body;
    private int heading1, heading2, heading3;
    private uint drawingId;
    private bool saved;

    public GovDocument(Stream output, GovDocumentInfo info)
    {
        this.output = output;
        package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.Document = new Document(body = new Body());
        main.AddNewPart<StyleDefinitionsPart>().Styles = GovStyles.Build();
        main.AddNewPart<FontTablePart>().Fonts = GovFonts.Table();
        main.AddNewPart<DocumentSettingsPart>().Settings = GovStyles.Settings();
        CoreProperties(package.AddCoreFilePropertiesPart(), info);
    }

    /// <summary>The document's title (标题): 二号 方正小标宋简体, centred. A "\n" in the text breaks the line.</summary>
    public GovDocument Title(string text) => Add(GovStyles.Title, text);

    /// <summary>A centred 楷体 line under the title, such as the issuer and date: （禾丰县人力资源和社会保障局 2026年12月）.</summary>
    public GovDocument Subtitle(string text) => Add(GovStyles.Subtitle, text);

    /// <summary>A first-level heading in 黑体, numbered by the builder: Heading1("总体情况") writes "一、总体情况".</summary>
    public GovDocument Heading1(string text)
    {
        GovText.NotNumbered(text);
        heading2 = heading3 = 0;
        return Add(GovStyles.Heading1, $"{GovText.ChineseNumber(++heading1)}、{text}");
    }

    /// <summary>A second-level heading in 楷体, numbered within its first-level one: "（一）text".</summary>
    public GovDocument Heading2(string text)
    {
        GovText.NotNumbered(text);
        heading3 = 0;
        return Add(GovStyles.Heading2, $"（{GovText.ChineseNumber(++heading2)}）{text}");
    }

    /// <summary>A third-level heading in bold 仿宋, numbered within its second-level one: "1.text".</summary>
    public GovDocument Heading3(string text)
    {
        GovText.NotNumbered(text);
        return Add(GovStyles.Heading3, $"{++heading3}.{text}");
    }

    /// <summary>A body paragraph: 仿宋 三号, first line indented two characters, justified.</summary>
    public GovDocument Paragraph(string text) => Add(GovStyles.Normal, text);

    /// <summary>A body paragraph of spans, some bold: Paragraph(GovSpan.Bold("全年培训1.2万人次，"), "完成目标的112%。").</summary>
    public GovDocument Paragraph(params GovSpan[] spans)
    {
        var p = Styled(GovStyles.Normal);
        foreach (var span in spans) p.Append(GovText.Run(span.Text, span.IsBold));
        return Append(p);
    }

    /// <summary>A centred 黑体 四号 caption, such as 表1 … above a table or 图1 … below a chart or picture.</summary>
    public GovDocument Caption(string text) => Add(GovStyles.Caption, text);

    /// <summary>Starts a new page.</summary>
    public GovDocument PageBreak() => Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

    /// <summary>Finishes the document (page setup, footers) and writes it to the output stream.</summary>
    public void Save()
    {
        Finish();
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <inheritdoc cref="Save"/>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        Finish();
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public void Dispose()
    {
        if (!saved) package.Dispose();
        buffer.Dispose();
    }

    private void Finish()
    {
        ObjectDisposedException.ThrowIf(saved, this);
        saved = true;
        var main = package.MainDocumentPart!;
        var odd = main.AddNewPart<FooterPart>();
        odd.Footer = GovText.PageNumberFooter(GovStyles.PageNumberOdd);
        var even = main.AddNewPart<FooterPart>();
        even.Footer = GovText.PageNumberFooter(GovStyles.PageNumberEven);
        body.Append(GovStyles.Section(main.GetIdOfPart(odd), main.GetIdOfPart(even)));
        package.Dispose();
    }

    /// <summary>docProps/core.xml, where Word writes it (System.IO.Packaging would put it under /package/services).</summary>
    private static void CoreProperties(CoreFilePropertiesPart part, GovDocumentInfo info)
    {
        XNamespace cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            dc = "http://purl.org/dc/elements/1.1/", dcterms = "http://purl.org/dc/terms/", xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var when = info.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        XElement Date(string name) => new(dcterms + name, new XAttribute(xsi + "type", "dcterms:W3CDTF"), when);
        var core = new XElement(cp + "coreProperties",
            new XAttribute(XNamespace.Xmlns + "cp", cp), new XAttribute(XNamespace.Xmlns + "dc", dc),
            new XAttribute(XNamespace.Xmlns + "dcterms", dcterms), new XAttribute(XNamespace.Xmlns + "xsi", xsi),
            new XElement(dc + "title", GovText.Clean(info.Title)),
            info.Subject is { } subject ? new XElement(dc + "subject", GovText.Clean(subject)) : null,
            new XElement(dc + "creator", GovText.Clean(info.Author)), new XElement(cp + "lastModifiedBy", GovText.Clean(info.Author)),
            new XElement(dc + "language", "zh-CN"), Date("created"), Date("modified"));
        using var stream = part.GetStream(FileMode.Create);
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), core).Save(stream);
    }

    private GovDocument Add(string style, string text)
    {
        var p = Styled(style);
        p.Append(GovText.Run(text, false));
        return Append(p);
    }

    private GovDocument Append(params OpenXmlElement[] elements)
    {
        ObjectDisposedException.ThrowIf(saved, this);
        body.Append(elements);
        return this;
    }

    private static Paragraph Styled(string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }));

    private uint NextDrawingId() => ++drawingId;
}
