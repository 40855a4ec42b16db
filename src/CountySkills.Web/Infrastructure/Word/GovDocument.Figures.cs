using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DC = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace CountySkills.Web.Infrastructure.Word;

public sealed partial class GovDocument
{
    private const long EmuPerMm = 36000;

    /// <summary>
    /// A table in 仿宋 小四 with ruled borders, its header row bold, centred and repeated at the top of every page.
    /// Cells that are numbers (1,234 · 12.5 · −3 · 98.6%) are right-aligned, other cells left-aligned.
    /// </summary>
    /// <param name="headers">The column headings; every row has as many cells.</param>
    /// <param name="rows">The body rows.</param>
    /// <param name="columnWidthsMm">Each column's width in mm; equal columns over the type area when null. Scaled down to fit 156 mm.</param>
    /// <param name="totalRow">A last row set in bold (合计), or null.</param>
    public GovDocument Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<double>? columnWidthsMm = null, IReadOnlyList<string>? totalRow = null)
    {
        var columns = headers.Count;
        if (columns == 0) throw new ArgumentException("a table needs at least one column", nameof(headers));
        if (rows.Concat(totalRow is null ? [] : [totalRow]).Any(r => r.Count != columns))
            throw new ArgumentException($"every row needs {columns} cells, as many as the headers", nameof(rows));
        var widths = columnWidthsMm ?? Enumerable.Repeat(TextWidthMm / columns, columns).ToArray();
        if (widths.Count != columns || widths.Any(w => !(w > 0)))
            throw new ArgumentException($"{columns} positive column widths are needed", nameof(columnWidthsMm));
        var scale = Math.Min(1, TextWidthMm / widths.Sum());
        var twips = widths.Select(w => GovStyles.Twips(w * scale)).ToArray();

        var table = new Table(new TableProperties(
            new TableStyle { Val = GovStyles.Table },
            new TableWidth { Width = $"{twips.Sum()}", Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "04A0", FirstRow = true, NoVerticalBand = true }));
        table.Append(new TableGrid(twips.Select(t => new GridColumn { Width = $"{t}" })));
        table.Append(Row(headers, twips, header: true, bold: false));
        foreach (var row in rows) table.Append(Row(row, twips, header: false, bold: false));
        if (totalRow != null) table.Append(Row(totalRow, twips, header: false, bold: true));
        // Word needs a paragraph between two tables and after a table that ends the document.
        return Append(table, new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = GovStyles.TableText })));
    }

    /// <summary>A native clustered bar chart, centred, <see cref="GovBarChart.WidthMm"/> × <see cref="GovBarChart.HeightMm"/>.</summary>
    public GovDocument BarChart(GovBarChart chart)
    {
        ObjectDisposedException.ThrowIf(saved, this);
        GovChart.Check(chart);
        chart = chart with
        {
            Title = GovText.Clean(chart.Title), ValueAxisTitle = chart.ValueAxisTitle is { } t ? GovText.Clean(t) : null,
            Categories = chart.Categories.Select(GovText.Clean).ToArray(),
            Series = chart.Series.Select(s => s with { Name = GovText.Clean(s.Name) }).ToArray(),
        };
        var main = package.MainDocumentPart!;
        var part = main.AddNewPart<ChartPart>();
        GovChart.Write(part, chart);
        var (cx, cy) = Emu(Math.Min(chart.WidthMm, TextWidthMm), chart.HeightMm);
        var id = NextDrawingId();
        var graphic = new A.Graphic(new A.GraphicData(new DC.ChartReference { Id = main.GetIdOfPart(part) })
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" });
        return Figure(Inline(cx, cy, id, $"图表 {id}", chart.Title, new DW.NonVisualGraphicFrameDrawingProperties(), graphic));
    }

    /// <summary>
    /// A photo or other picture (PNG or JPEG, told by its content), centred, <paramref name="widthMm"/> wide (at most
    /// the type area's 156 mm) and as high as its proportions give, at most the type area's 225 mm.
    /// </summary>
    /// <param name="description">The picture's alternative text, for screen readers.</param>
    public GovDocument Picture(byte[] image, double widthMm, string? description = null)
    {
        ObjectDisposedException.ThrowIf(saved, this);
        var (type, w, h) = ImageInfo(image);
        if (!(widthMm > 0)) throw new ArgumentOutOfRangeException(nameof(widthMm), "the width must be positive");
        var width = Math.Min(widthMm, TextWidthMm);
        var height = width * h / w;
        if (height > 225) (width, height) = (width * 225 / height, 225);
        var main = package.MainDocumentPart!;
        var part = main.AddImagePart(type);
        using (var ms = new MemoryStream(image, writable: false)) part.FeedData(ms);
        var relId = main.GetIdOfPart(part);
        var (cx, cy) = Emu(width, height);
        var id = NextDrawingId();
        var name = $"图片 {id}";
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name },
                new PIC.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
            new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var graphic = new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        return Figure(Inline(cx, cy, id, name, description is null ? null : GovText.Clean(description),
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }), graphic));
    }

    private TableRow Row(IReadOnlyList<string> cells, int[] twips, bool header, bool bold)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header) properties.Append(new TableHeader());
        var row = new TableRow(properties);
        for (var i = 0; i < cells.Count; i++)
        {
            var style = header ? GovStyles.TableHeader : GovText.IsNumber(cells[i]) ? GovStyles.TableNumber : GovStyles.TableText;
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = $"{twips[i]}", Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }), GovText.Run(cells[i], bold))));
        }
        return row;
    }

    private GovDocument Figure(DW.Inline inline) =>
        Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = GovStyles.Figure }), new Run(new Drawing(inline))));

    private static DW.Inline Inline(long cx, long cy, uint id, string name, string? description,
        DW.NonVisualGraphicFrameDrawingProperties frame, A.Graphic graphic) =>
        new(new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name, Description = description },
            frame, graphic)
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };

    private static (long Cx, long Cy) Emu(double widthMm, double heightMm) =>
        ((long)Math.Round(widthMm * EmuPerMm), (long)Math.Round(heightMm * EmuPerMm));

    /// <summary>PNG or JPEG by content, with the size in pixels from the PNG header or the JPEG frame.</summary>
    internal static (PartTypeInfo Type, int Width, int Height) ImageInfo(byte[] b)
    {
        switch (Photos.TypeOf(b))
        {
            case "image/png" when b.Length >= 24:
                int Be32(int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
                return Sized(ImagePartType.Png, Be32(16), Be32(20));
            case "image/jpeg":
                for (var i = 2; i + 9 < b.Length;)
                {
                    if (b[i] != 0xFF) { i++; continue; }
                    var marker = b[i + 1];
                    if (marker is 0xFF) { i++; continue; }
                    if (marker is 0x01 or (>= 0xD0 and <= 0xD9)) { i += 2; continue; }
                    if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                        return Sized(ImagePartType.Jpeg, (b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]);
                    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
                }
                break;
        }
        throw new ArgumentException("a picture must be a PNG or JPEG file", "image");

        static (PartTypeInfo, int, int) Sized(PartTypeInfo type, int w, int h) =>
            w > 0 && h > 0 ? (type, w, h) : throw new ArgumentException("the picture has no size", "image");
    }
}
