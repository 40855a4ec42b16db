using MiniExcelLibs;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>
/// The one way the app writes a workbook (exports, templates, rejected rows, onboarding passwords, the bank's file, the
/// audit log): rows as header → value dictionaries, streamed by MiniExcel. Every string cell passes through
/// <see cref="SheetText.Safe"/> here, so text from data that a spreadsheet would run as a formula (= + - @ tab CR)
/// is written as text with a leading apostrophe (OWASP "CSV injection", ADR 0014). Numbers, dates and booleans are
/// written as they are: a negative amount stays a number.
/// </summary>
public static class SheetWriter
{
    public const string DefaultSheet = "Sheet1";

    /// <summary>One sheet, into memory (templates, small workbooks).</summary>
    public static byte[] Xlsx(IEnumerable<IDictionary<string, object?>> rows, string sheetName = DefaultSheet)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(Escaped(rows), sheetName: sheetName);
        return ms.ToArray();
    }

    /// <summary>Several sheets, into memory, in the order given.</summary>
    public static byte[] Xlsx(params (string Name, IEnumerable<IDictionary<string, object?>> Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(Sheets(sheets));
        return ms.ToArray();
    }

    /// <summary>One sheet, streamed: the rows are enumerated while the file is written.</summary>
    public static Task WriteAsync(Stream output, IEnumerable<IDictionary<string, object?>> rows, string sheetName, CancellationToken ct) =>
        output.SaveAsAsync(Escaped(rows), sheetName: sheetName, cancellationToken: ct);

    /// <summary>Several sheets, streamed, each enumerated in turn.</summary>
    public static Task WriteAsync(Stream output, CancellationToken ct, params (string Name, IEnumerable<IDictionary<string, object?>> Rows)[] sheets) =>
        output.SaveAsAsync(Sheets(sheets), cancellationToken: ct);

    /// <summary>A row as it is written: string cells escaped, every other value as it is.</summary>
    public static Dictionary<string, object?> Escape(IDictionary<string, object?> row)
    {
        var cells = new Dictionary<string, object?>(row.Count);
        foreach (var (header, value) in row) cells[header] = value is string s ? SheetText.Safe(s) : value;
        return cells;
    }

    static IEnumerable<Dictionary<string, object?>> Escaped(IEnumerable<IDictionary<string, object?>> rows) => rows.Select(Escape);

    static Dictionary<string, object> Sheets((string Name, IEnumerable<IDictionary<string, object?>> Rows)[] sheets)
    {
        var book = new Dictionary<string, object>();
        foreach (var (name, rows) in sheets) book.Add(name, Escaped(rows));
        return book;
    }
}
