using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CountySkills.Web.Infrastructure.Word;

/// <summary>One series of a bar chart: its name (the legend's text) and one value per category.</summary>
public sealed record GovChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// A clustered bar chart, written as a native Word chart (DrawingML c:chartSpace) with its data in an embedded workbook,
/// so Word and WPS can edit it and LibreOffice draws it from the cached values. Columns by default, bars with Horizontal.
/// </summary>
public sealed record GovBarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<GovChartSeries> Series)
{
    /// <summary>The value axis's title, such as 人次 or 万元; none when null.</summary>
    public string? ValueAxisTitle { get; init; }
    /// <summary>Excel number format of the axis and the value labels: "General", "#,##0", "0.0", "0%".</summary>
    public string NumberFormat { get; init; } = "General";
    public bool ShowValues { get; init; } = true;
    public bool Horizontal { get; init; }
    public double WidthMm { get; init; } = 150;
    public double HeightMm { get; init; } = 90;
}

internal static class GovChart
{
    private static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    // Alternately dark and light, so the series stay apart when printed in black and white.
    private static readonly string[] Palette = ["2F5597", "F4B183", "548235", "FFD966", "7F7F7F", "9DC3E6"];
    private const int CatAxis = 111111, ValAxis = 222222;

    public static void Check(GovBarChart chart)
    {
        if (chart.Categories.Count == 0) throw new ArgumentException("a chart needs at least one category", nameof(chart));
        if (chart.Series.Count is 0 or > 6) throw new ArgumentException("a chart has one to six series", nameof(chart));
        if (chart.Series.Any(s => s.Values.Count != chart.Categories.Count))
            throw new ArgumentException("every series needs one value per category", nameof(chart));
        if (chart.Series.SelectMany(s => s.Values).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("chart values must be finite numbers", nameof(chart));
    }

    public static void Write(ChartPart part, GovBarChart chart)
    {
        var data = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var xlsx = new MemoryStream()) { Workbook(xlsx, chart); xlsx.Position = 0; data.FeedData(xlsx); }
        var n = chart.Categories.Count;
        var bars = new XElement(C + "barChart", Val("barDir", chart.Horizontal ? "bar" : "col"), Val("grouping", "clustered"), Val("varyColors", 0),
            chart.Series.Select((s, i) => new XElement(C + "ser", Val("idx", i), Val("order", i),
                new XElement(C + "tx", new XElement(C + "strRef", new XElement(C + "f", $"Sheet1!${Column(i + 1)}$1"), Strings([s.Name]))),
                Fill(Palette[i]), Val("invertIfNegative", 0),
                new XElement(C + "cat", new XElement(C + "strRef", new XElement(C + "f", $"Sheet1!$A$2:$A${n + 1}"), Strings(chart.Categories))),
                new XElement(C + "val", new XElement(C + "numRef", new XElement(C + "f", $"Sheet1!${Column(i + 1)}$2:${Column(i + 1)}${n + 1}"),
                    new XElement(C + "numCache", new XElement(C + "formatCode", chart.NumberFormat), Val("ptCount", n),
                        s.Values.Select((v, j) => new XElement(C + "pt", new XAttribute("idx", j), new XElement(C + "v", Number(v))))))))),
            chart.ShowValues ? new XElement(C + "dLbls", NumFmt(chart.NumberFormat), Text(1050, GovFonts.FangSong), Val("dLblPos", "outEnd"),
                Val("showLegendKey", 0), Val("showVal", 1), Val("showCatName", 0), Val("showSerName", 0), Val("showPercent", 0), Val("showBubbleSize", 0)) : null,
            Val("gapWidth", 80), Val("overlap", chart.Series.Count > 1 ? -10 : 0), Val("axId", CatAxis), Val("axId", ValAxis));
        var catAx = new XElement(C + "catAx", Val("axId", CatAxis),
            new XElement(C + "scaling", Val("orientation", chart.Horizontal ? "maxMin" : "minMax")), Val("delete", 0),
            Val("axPos", chart.Horizontal ? "l" : "b"), Val("majorTickMark", "none"), Val("minorTickMark", "none"), Val("tickLblPos", "nextTo"),
            Line("808080"), Text(1200, GovFonts.FangSong), Val("crossAx", ValAxis), Val("crosses", "autoZero"), Val("auto", 1),
            Val("lblAlgn", "ctr"), Val("lblOffset", 100), Val("noMultiLvlLbl", 0));
        var valAx = new XElement(C + "valAx", Val("axId", ValAxis), new XElement(C + "scaling", Val("orientation", "minMax")), Val("delete", 0),
            Val("axPos", chart.Horizontal ? "b" : "l"), new XElement(C + "majorGridlines", Line("D9D9D9")),
            chart.ValueAxisTitle is { } axisTitle ? Title(axisTitle, 1050, GovFonts.FangSong, vertical: !chart.Horizontal) : null,
            NumFmt(chart.NumberFormat), Val("majorTickMark", "none"), Val("minorTickMark", "none"), Val("tickLblPos", "nextTo"),
            Line(null), Text(1050, GovFonts.FangSong), Val("crossAx", CatAxis), Val("crosses", chart.Horizontal ? "max" : "autoZero"),
            Val("crossBetween", "between"));
        var space = new XElement(C + "chartSpace", new XAttribute(XNamespace.Xmlns + "c", C), new XAttribute(XNamespace.Xmlns + "a", A),
            new XAttribute(XNamespace.Xmlns + "r", R), Val("date1904", 0), Val("lang", "zh-CN"), Val("roundedCorners", 0),
            new XElement(C + "chart", Title(chart.Title, 1400, GovFonts.HeiTi, vertical: false), Val("autoTitleDeleted", 0),
                new XElement(C + "plotArea", new XElement(C + "layout"), bars, catAx, valAx),
                chart.Series.Count > 1 ? new XElement(C + "legend", Val("legendPos", "b"), Val("overlay", 0), Text(1200, GovFonts.FangSong)) : null,
                Val("plotVisOnly", 1), Val("dispBlanksAs", "gap")),
            new XElement(C + "spPr", new XElement(A + "noFill"), new XElement(A + "ln", new XElement(A + "noFill"))),
            Text(1200, GovFonts.FangSong),
            new XElement(C + "externalData", new XAttribute(R + "id", part.GetIdOfPart(data)), Val("autoUpdate", 0)));
        using var stream = part.GetStream(FileMode.Create);
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), space).Save(stream);
    }

    private static XElement Val(string name, object value) =>
        new(C + name, new XAttribute("val", Convert.ToString(value, CultureInfo.InvariantCulture)!));

    private static XElement NumFmt(string format) => new(C + "numFmt", new XAttribute("formatCode", format), new XAttribute("sourceLinked", 0));

    private static XElement Strings(IReadOnlyList<string> values) => new(C + "strCache", Val("ptCount", values.Count),
        values.Select((v, i) => new XElement(C + "pt", new XAttribute("idx", i), new XElement(C + "v", v))));

    private static XElement Fill(string rgb) => new(C + "spPr",
        new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", rgb))),
        new XElement(A + "ln", new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", "404040"))), new XAttribute("w", 3175)));

    private static XElement Line(string? rgb) => new(C + "spPr", new XElement(A + "ln", rgb is null ? new XElement(A + "noFill")
        : new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", rgb)))));

    /// <summary>Character properties naming the Chinese font for East Asian text and Times New Roman for digits.</summary>
    private static XElement RunProps(string name, int size, string font, bool bold = false) => new(A + name,
        new XAttribute("lang", "zh-CN"), new XAttribute("altLang", "en-US"), new XAttribute("sz", size), new XAttribute("b", bold ? 1 : 0),
        new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", "000000"))),
        new XElement(A + "latin", new XAttribute("typeface", GovFonts.Latin)), new XElement(A + "ea", new XAttribute("typeface", font)),
        new XElement(A + "cs", new XAttribute("typeface", GovFonts.Latin)));

    private static XElement Text(int size, string font) => new(C + "txPr", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
        new XElement(A + "p", new XElement(A + "pPr", RunProps("defRPr", size, font)), RunProps("endParaRPr", size, font)));

    private static XElement Title(string text, int size, string font, bool vertical) => new(C + "title",
        new XElement(C + "tx", new XElement(C + "rich",
            new XElement(A + "bodyPr", vertical ? new XAttribute("rot", -5400000) : null, vertical ? new XAttribute("vert", "horz") : null),
            new XElement(A + "lstStyle"),
            new XElement(A + "p", new XElement(A + "pPr", RunProps("defRPr", size, font)),
                new XElement(A + "r", RunProps("rPr", size, font), new XElement(A + "t", text))))),
        Val("overlay", 0));

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : throw new ArgumentOutOfRangeException(nameof(i));

    /// <summary>The chart's data as a one-sheet workbook: categories in A, one series per column from B, names in row 1.</summary>
    private static void Workbook(Stream stream, GovBarChart chart)
    {
        using var book = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var wb = book.AddWorkbookPart();
        var sheet = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        Row(data, 1, [null, .. chart.Series.Select(s => (object)s.Name)]);
        for (var r = 0; r < chart.Categories.Count; r++)
            Row(data, r + 2, [chart.Categories[r], .. chart.Series.Select(s => (object)s.Values[r])]);
        sheet.Worksheet = new Worksheet(data);
        wb.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = wb.GetIdOfPart(sheet) }));
    }

    private static void Row(SheetData data, int index, object?[] values)
    {
        var row = new Row { RowIndex = (uint)index };
        for (var i = 0; i < values.Length; i++)
        {
            var cell = new Cell { CellReference = $"{Column(i)}{index}" };
            if (values[i] is double d) { cell.DataType = CellValues.Number; cell.CellValue = new CellValue(Number(d)); }
            else if (values[i] is string s) { cell.DataType = CellValues.InlineString; cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(s)); }
            else continue;
            row.Append(cell);
        }
        data.Append(row);
    }
}
