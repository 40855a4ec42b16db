using System.Globalization;
using CountySkills.Web.Features.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CountySkills.Tests.Reports;

/// <summary>The one sheet of a downloaded xlsx, read back: texts and numbers by A1 reference (positions counted where the writer leaves
/// out r="…") and the merged ranges.</summary>
public sealed class XlsxSheet
{
    readonly Dictionary<string, Cell> _cells = new();
    readonly SharedStringTable? _shared;

    public XlsxSheet(byte[] file)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var book = doc.WorkbookPart!;
        _shared = book.SharedStringTablePart?.SharedStringTable;
        var sheet = book.WorksheetParts.Single().Worksheet;
        var r = 0;
        foreach (var row in sheet.Descendants<Row>())
        {
            r = row.RowIndex?.Value is { } ri ? (int)ri : r + 1;
            var c = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                c = cell.CellReference?.Value is { } cr ? ColumnOf(cr) : c + 1;
                _cells[StatTableWorkbook.ColumnName(c) + r] = (Cell)cell.CloneNode(true);
            }
            Rows = r;
        }
        Merges = sheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
    }

    public IReadOnlyList<string> Merges { get; }
    public int Rows { get; }

    static int ColumnOf(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }

    public string? Text(string at)
    {
        if (!_cells.TryGetValue(at, out var cell)) return null;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString) return _shared!.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        return cell.DataType?.Value == CellValues.String ? cell.CellValue?.Text : null;
    }

    public decimal? Number(string at) =>
        _cells.TryGetValue(at, out var cell) && (cell.DataType is null || cell.DataType.Value == CellValues.Number) && cell.CellValue is { } v
            ? decimal.Parse(v.Text, CultureInfo.InvariantCulture) : null;

    /// <summary>The first row (1-based) whose cell in column <paramref name="column"/> holds the text.</summary>
    public int RowOf(string column, string text) =>
        Enumerable.Range(1, Rows).FirstOrDefault(r => Text(column + r) == text) is var row and > 0 ? row : throw new Xunit.Sdk.XunitException($"no “{text}” in column {column}");
}
