using System.Globalization;
using System.IO.Compression;
using SpreadCheetah;
using SpreadCheetah.Metadata;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>Who took a file of personal data out of the system, when and why: written in the sheet's page header (printed on
/// every page) and in the document properties (author, title, subject), so a copy found on a desk or a USB stick, or its
/// printout, names its source.</summary>
public sealed record ExportStamp(string UserName, string? DisplayName, DateTimeOffset LocalTime, string? Reason, bool Unmasked)
{
    public string Who => string.IsNullOrWhiteSpace(DisplayName) || DisplayName == UserName ? UserName : $"{DisplayName}（{UserName}）";
    public string When => LocalTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The page header of the sheet (on every printed page) and the subject of the document properties.</summary>
    public string Line => $"导出人：{Who}　导出时间：{When}" + (string.IsNullOrWhiteSpace(Reason) ? "" : $"　用途：{Reason}")
        + (Unmasked ? "　本文件含完整个人信息，仅限工作使用，不得外传" : "　个人信息已脱敏");

    public const int MaxReason = 200;

    /// <summary>The refusal of a reason: none where an unmasked file needs one (400 export.reason_required), or one too long.</summary>
    public static Failure? RefuseReason(string? reason, bool required)
    {
        const string Required = "导出含完整身份证号的文件须写明用途（如：发放补贴、核对台账）";
        if (required && string.IsNullOrWhiteSpace(reason)) return Result.Invalid("reason", Required, "export.reason_required");
        return reason?.Trim().Length > MaxReason ? Result.Invalid("reason", $"导出用途不超过 {MaxReason} 个字") : null;
    }

    public static ExportStamp Of(CurrentUser user, TimeProvider clock, string? reason, bool unmasked) =>
        new(user.UserName, user.DisplayName, clock.GetLocalNow(), reason?.Trim(), unmasked);
}

/// <summary>
/// Writes a one-sheet workbook that carries its <see cref="ExportStamp"/>: the header row, then the data rows, streamed
/// (SpreadCheetah writes as it goes; a 700,000-row ledger never sits in memory), with the stamp in the document properties
/// and the page header. Row 1 stays the column headers, so the file reads (and imports) like any ledger. Every text cell
/// goes through <see cref="SheetText.Safe"/>, so nothing a person typed is taken for a formula.
/// </summary>
public static class StampedWorkbook
{
    const string SheetPart = "xl/worksheets/sheet1.xml";

    public static async Task WriteAsync(Stream output, string sheetName, string title, ExportStamp stamp,
        IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        var options = new SpreadCheetahOptions
        {
            DocumentProperties = new DocumentProperties { Author = stamp.Who, Title = title, Subject = stamp.Line },
        };
        // SpreadCheetah has no page header: the sheet is written to a temporary file, then copied into the output with
        // the header added to the worksheet part.
        await using var plain = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await using (var book = await Spreadsheet.CreateNewAsync(plain, options, ct))
        {
            await book.StartWorksheetAsync(sheetName, token: ct);
            await book.AddRowAsync(headers.Select(h => new Cell(h)).ToArray(), ct);
            var cells = new List<Cell>(headers.Count);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                cells.Clear();
                foreach (var value in row) cells.Add(CellOf(value));
                await book.AddRowAsync(cells, ct);
            }
            await book.FinishAsync(ct);
        }
        plain.Position = 0;
        await WithPageHeaderAsync(plain, output, stamp.Line, ct);
    }

    /// <summary>Copies a workbook, adding a page header (left: the text; right: page n / N) to its worksheet.</summary>
    static async Task WithPageHeaderAsync(Stream source, Stream output, string text, CancellationToken ct)
    {
        // Excel takes at most 255 characters in a header: a long reason is cut here (the document properties keep it whole).
        var left = text.Replace("&", "&&");
        if (left.Length > 230) left = left[..229] + "…";
        var header = $"<headerFooter><oddHeader>{System.Security.SecurityElement.Escape("&L" + left + "&R&P / &N")}</oddHeader></headerFooter>";
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = zip.CreateEntry(entry.FullName, entry.FullName == SheetPart ? CompressionLevel.Fastest : CompressionLevel.Optimal);
            await using var from = entry.Open();
            await using var to = copy.Open();
            if (entry.FullName != SheetPart) { await from.CopyToAsync(to, ct); continue; }
            // The worksheet ends "…</sheetData></worksheet>"; headerFooter belongs after sheetData (and page margins).
            await CopyInsertingBeforeEndAsync(from, to, "</worksheet>", header, ct);
        }
    }

    static async Task CopyInsertingBeforeEndAsync(Stream from, Stream to, string end, string insert, CancellationToken ct)
    {
        var tail = System.Text.Encoding.UTF8.GetBytes(end);
        const int chunk = 81920;
        var buffer = new byte[chunk + tail.Length];
        var kept = 0; // the last bytes read, held back: they may be the closing tag
        int n;
        while ((n = await from.ReadAsync(buffer.AsMemory(kept, chunk), ct)) > 0)
        {
            var total = kept + n;
            var emit = Math.Max(0, total - tail.Length);
            await to.WriteAsync(buffer.AsMemory(0, emit), ct);
            buffer.AsSpan(emit, total - emit).CopyTo(buffer);
            kept = total - emit;
        }
        var last = buffer.AsSpan(0, kept);
        if (!last.SequenceEqual(tail)) throw new InvalidDataException("unexpected end of worksheet");
        await to.WriteAsync(System.Text.Encoding.UTF8.GetBytes(insert + end), ct);
    }

    static Cell CellOf(object? value) => value switch
    {
        null => new Cell(),
        string s => new Cell(SheetText.Safe(s)),
        int i => new Cell(i),
        long l => new Cell(l),
        decimal d => new Cell(d),
        double d => new Cell(d),
        bool b => new Cell(b),
        DateOnly d => new Cell(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime t => new Cell(t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        _ => new Cell(SheetText.Safe(Convert.ToString(value, CultureInfo.InvariantCulture))),
    };
}
