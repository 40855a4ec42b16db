using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CountySkills.Web.Infrastructure.Word;

/// <summary>
/// styles.xml and settings.xml of a GB/T 9704-2012 document. Every element of the body is a named style, so a user
/// restyles the whole report in Word or WPS by changing one style; the builder adds no paragraph formatting of its own.
/// Sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. Lines are fixed at 28.95 pt (22 to the page).
/// </summary>
internal static class GovStyles
{
    public const string Normal = "Normal", Title = "Title", Subtitle = "Subtitle";
    public const string Heading1 = "Heading1", Heading2 = "Heading2", Heading3 = "Heading3";
    public const string Strong = "Strong", Caption = "Caption", Figure = "GovFigure";
    public const string TableText = "GovTableText", TableHeader = "GovTableHeader", TableNumber = "GovTableNumber", Table = "GovTable";
    public const string Footer = "Footer", PageNumberOdd = "GovPageNumberOdd", PageNumberEven = "GovPageNumberEven";

    /// <summary>28.95 pt in twentieths of a point: 22 lines in the 225 mm type area.</summary>
    public const int LineTwips = 579;
    /// <summary>
    /// Body characters are set 0.25 pt closer (−5 twentieths) so that 28 三号 characters fit the 156 mm line
    /// (28 × 15.75 pt ≤ 442.2 pt). Word's character grid would do the same, but LibreOffice lays a character grid out
    /// differently (wider), so the document has no character grid, only this spacing and the fixed line height.
    /// </summary>
    private const int Condensed = -5;
    private const int Body = 32, Big = 44, Four = 28, SmallFour = 24; // half-points

    public static Styles Build() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(GovFonts.Run(GovFonts.FangSong),
                new Kern { Val = 0 }, new FontSize { Val = $"{Body}" }, new FontSizeComplexScript { Val = $"{Body}" },
                new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = $"{LineTwips}", LineRule = LineSpacingRuleValues.Exact }))),
        Paragraph(Normal, "Normal", null, p => p.Append(new WidowControl { Val = false },
            new SpacingBetweenLines { Line = $"{LineTwips}", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { FirstLine = $"{2 * Body * 10}", FirstLineChars = 200 }, new Justification { Val = JustificationValues.Both }),
            r => r.Append(new Spacing { Val = Condensed }), isDefault: true),
        Paragraph(Title, "Title", Normal, p => p.Append(new SpacingBetweenLines { After = $"{LineTwips}" },
            NoIndent(), new Justification { Val = JustificationValues.Center }),
            r => { r.Append(GovFonts.Run(GovFonts.XiaoBiaoSong), new Spacing { Val = 0 }); r.Append(Size(Big)); }),
        Paragraph(Subtitle, "Subtitle", Normal, p => p.Append(new SpacingBetweenLines { After = $"{LineTwips}" },
            NoIndent(), new Justification { Val = JustificationValues.Center }),
            r => r.Append(GovFonts.Run(GovFonts.KaiTi))),
        Heading(Heading1, "heading 1", 0, r => r.Append(GovFonts.Run(GovFonts.HeiTi))),
        Heading(Heading2, "heading 2", 1, r => r.Append(GovFonts.Run(GovFonts.KaiTi))),
        Heading(Heading3, "heading 3", 2, r => r.Append(new Bold(), new BoldComplexScript())),
        new Style(new StyleName { Val = "Strong" }, new UIPriority { Val = 22 }, new PrimaryStyle(),
            new StyleRunProperties(new Bold(), new BoldComplexScript())) { Type = StyleValues.Character, StyleId = Strong },
        Paragraph(Caption, "caption", Normal, p => p.Append(new KeepNext(), NoIndent(), new Justification { Val = JustificationValues.Center }),
            r => { r.Append(GovFonts.Run(GovFonts.HeiTi)); r.Append(Size(Four)); }),
        Paragraph(Figure, "Gov Figure", Normal, p => p.Append(new KeepNext(), Single(), NoIndent(),
            new Justification { Val = JustificationValues.Center }), null),
        Paragraph(TableText, "Gov Table Text", Normal, p => p.Append(Single(), NoIndent(),
            new Justification { Val = JustificationValues.Left }), r => { r.Append(new Spacing { Val = 0 }); r.Append(Size(SmallFour)); }),
        Paragraph(TableHeader, "Gov Table Header", TableText, p => p.Append(new KeepNext(), new Justification { Val = JustificationValues.Center }),
            r => r.Append(new Bold(), new BoldComplexScript())),
        Paragraph(TableNumber, "Gov Table Number", TableText, p => p.Append(new Justification { Val = JustificationValues.Right }), null),
        NormalTable(),
        TableStyle(),
        Paragraph(Footer, "footer", Normal, p => p.Append(Single(), NoIndent()),
            r => { r.Append(GovFonts.All(GovFonts.SongTi), new Spacing { Val = 0 }); r.Append(Size(Four)); }),
        // GB/T 9704 7.5: the page number sits right on odd pages and left on even ones, one character in from the edge.
        Paragraph(PageNumberOdd, "Gov Page Number Odd", Footer, p => p.Append(new Indentation { Right = $"{Four * 10}", RightChars = 100 },
            new Justification { Val = JustificationValues.Right }), null),
        Paragraph(PageNumberEven, "Gov Page Number Even", Footer, p => p.Append(new Indentation { Left = $"{Four * 10}", LeftChars = 100 },
            new Justification { Val = JustificationValues.Left }), null));

    public static Settings Settings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 420 },
        new EvenAndOddHeaders(),
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });

    /// <summary>
    /// A4 with the type area of GB/T 9704 (156 × 225 mm): margins top 37, bottom 35, left 28, right 26 mm; 22 lines
    /// of 28 characters come from the fixed line height and the body's character spacing, not from a document grid
    /// (see <see cref="Condensed"/>); the page number's dashes about 7 mm below the type area; odd and even footers.
    /// </summary>
    public static SectionProperties Section(string oddFooterId, string evenFooterId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooterId },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooterId },
        new PageSize { Width = 11906, Height = 16838 },
        new PageMargin
        {
            Top = Twips(37), Bottom = Twips(35), Left = (uint)Twips(28), Right = (uint)Twips(26),
            Header = (uint)Twips(15), Footer = (uint)Twips(FooterMm), Gutter = 0,
        },
        new Columns { Space = "425" },
        new DocGrid { LinePitch = LineTwips });

    /// <summary>From the page's bottom edge to the footer line's bottom.</summary>
    private const double FooterMm = 25;

    public static int Twips(double mm) => (int)Math.Round(mm * 1440 / 25.4);

    private static Style Heading(string id, string name, int level, Action<StyleRunProperties> run) =>
        Paragraph(id, name, Normal, p => p.Append(new KeepNext(), new OutlineLevel { Val = level }), run);

    private static Style Paragraph(string id, string name, string? basedOn, Action<StyleParagraphProperties>? paragraph,
        Action<StyleRunProperties>? run, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (basedOn != null) style.Append(new BasedOn { Val = basedOn });
        style.Append(new NextParagraphStyle { Val = id is TableText or TableHeader or TableNumber ? id : Normal }, new PrimaryStyle());
        if (paragraph != null) { var p = new StyleParagraphProperties(); paragraph(p); style.Append(p); }
        if (run != null) { var r = new StyleRunProperties(); run(r); style.Append(r); }
        return style;
    }

    /// <summary>Word's default table style ("Normal Table"), which the report's table style is based on.</summary>
    private static Style NormalTable() => new(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 },
        new SemiHidden(), new UnhideWhenUsed(),
        new StyleTableProperties(new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
            new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
    { Type = StyleValues.Table, StyleId = "TableNormal", Default = true };

    private static Style TableStyle()
    {
        BorderType Line<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        return new Style(new StyleName { Val = "Gov Table" }, new BasedOn { Val = "TableNormal" }, new UIPriority { Val = 59 },
            new StyleTableProperties(
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
                new TableCellMarginDefault(new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = Table };
    }

    private static Indentation NoIndent() => new() { FirstLine = "0", FirstLineChars = 0 };
    private static SpacingBetweenLines Single() => new() { Line = "240", LineRule = LineSpacingRuleValues.Auto };
    private static OpenXmlElement[] Size(int halfPoints) =>
        [new FontSize { Val = $"{halfPoints}" }, new FontSizeComplexScript { Val = $"{halfPoints}" }];
}
