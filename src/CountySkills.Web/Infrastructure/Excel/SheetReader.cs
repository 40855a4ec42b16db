using System.Text;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>A data row: its number as Excel shows it and the raw values (string, double, DateTime, bool or null) by canonical key.</summary>
public sealed record SheetRow(int RowNumber, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>The cell of a column as trimmed text, or null when the column is missing or blank.</summary>
    public string? Text(string key) => Values.TryGetValue(key, out var v) ? SheetText.CellText(v) : null;

    /// <summary>The row as the file wrote it, by header, for the report and the rejected-rows workbook.</summary>
    public IReadOnlyDictionary<string, string?> Cells(IReadOnlyDictionary<string, string> headers) =>
        headers.ToDictionary(h => h.Value, h => SheetText.CellText(Values.GetValueOrDefault(h.Key)));
}

/// <summary>
/// Streams a county ledger (.xlsx or .csv): finds the header block among the first rows wherever it is,
/// maps its columns to canonical keys through synonyms, then yields the data rows one at a time.
/// </summary>
public sealed class SheetReader : IDisposable
{
    private const int HeaderScanRows = 30;
    private const int SniffBytes = 64 * 1024;
    private const string Unreadable = SheetRefusals.Unreadable;
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    private readonly IEnumerator<object?[]> _source;
    private readonly Stream? _ownedStream;
    private readonly Queue<object?[]> _buffered;
    private readonly (string Key, int Column)[] _columns;
    private readonly SheetLimits _limits;
    private int _rowNumber; // Excel number of the last row taken from the file
    private bool _rowsStarted;

    private SheetReader(IEnumerator<object?[]> source, Stream? ownedStream, List<object?[]> head, HeaderBlock header, SheetLimits limits)
    {
        _source = source;
        _limits = limits;
        _ownedStream = ownedStream;
        _columns = header.Columns;
        Headers = header.Texts;
        HeaderRowNumber = header.LastRow + 1;
        _buffered = new Queue<object?[]>(head.Skip(HeaderRowNumber));
        _rowNumber = HeaderRowNumber;
    }

    /// <summary>Canonical key → the header text as the file writes it (trimmed, line breaks removed).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The last header row, numbered as in Excel.</summary>
    public int HeaderRowNumber { get; }

    /// <summary>Blank and section rows skipped so far (complete once <see cref="Rows"/> is enumerated).</summary>
    public int SkippedRows { get; private set; }

    /// <summary>Opens an upload under <paramref name="limits"/> (<see cref="SheetLimits.Default"/> when not given;
    /// importers pass <see cref="SheetLimits.From"/> of the configuration). Refuses .xls (by name or by its OLE2 bytes).</summary>
    public static SheetReader Open(Stream stream, string fileName, IReadOnlyDictionary<string, string[]> synonyms,
        IReadOnlyCollection<string> requiredKeys, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        // ZipArchive would copy a non-seekable stream into memory; a temp file keeps large uploads off the heap.
        var owned = stream.CanSeek ? null : CopyToTempFile(stream);
        var input = owned ?? stream;
        IEnumerator<object?[]>? source = null;
        try
        {
            if (IsXls(fileName) || StartsWithOle2(input)) throw new SheetFormatException(SheetRefusals.Xls);
            var isCsv = IsCsv(fileName);
            if (input.Length <= input.Position) throw new SheetFormatException(Unreadable);
            source = (isCsv ? CsvRows(input, limits) : XlsxSheet.Rows(input, limits)).GetEnumerator();
            var head = new List<object?[]>();
            while (head.Count < HeaderScanRows && MoveNext(source, head.Count)) head.Add(source.Current);
            return new SheetReader(source, owned, head, HeaderBlock.Find(head, synonyms, requiredKeys), limits);
        }
        catch
        {
            source?.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>The data rows below the header, read lazily; blank and section rows are skipped. Call once.</summary>
    public IEnumerable<SheetRow> Rows()
    {
        if (_rowsStarted) throw new InvalidOperationException("Rows() can only be enumerated once.");
        _rowsStarted = true;
        return ReadRows();
    }

    public void Dispose()
    {
        _source.Dispose();
        _ownedStream?.Dispose();
    }

    private IEnumerable<SheetRow> ReadRows()
    {
        // Blank rows are counted only once a later row has content: Excel often keeps formatted empty rows at the end.
        var pendingBlanks = 0;
        while (NextRow() is { } cells)
        {
            var filled = CountFilled(cells);
            if (filled == 0) { pendingBlanks++; continue; }
            SkippedRows += pendingBlanks;
            pendingBlanks = 0;
            if (filled == 1) { SkippedRows++; continue; }
            yield return new SheetRow(_rowNumber, Project(cells));
        }
    }

    private object?[]? NextRow()
    {
        var cells = _buffered.Count > 0 ? _buffered.Dequeue() : MoveNext(_source, _rowNumber) ? _source.Current : null;
        if (cells is null) return null;
        // Blank rows count too: the cap is on row numbers, so 300,000 empty lines cannot keep the reader busy either.
        if (++_rowNumber - HeaderRowNumber > _limits.MaxRows) throw SheetRefusals.Rows(_rowNumber, _limits.MaxRows);
        return cells;
    }

    private Dictionary<string, object?> Project(object?[] cells)
    {
        var values = new Dictionary<string, object?>(_columns.Length);
        foreach (var (key, column) in _columns) values[key] = column < cells.Length ? cells[column] : null;
        return values;
    }

    private static int CountFilled(object?[] cells) => cells.Count(cell => !SheetText.IsBlank(cell));

    private static bool MoveNext(IEnumerator<object?[]> source, int rowsRead)
    {
        try { return source.MoveNext(); }
        catch (Exception e) when (e is not SheetFormatException)
        {
            throw new SheetFormatException(
                rowsRead == 0 ? Unreadable : $"文件无法读取：第 {rowsRead + 1} 行附近内容已损坏，请检查文件是否完整", e);
        }
    }

    private static bool IsCsv(string fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".csv" => true,
        ".xlsx" => false,
        _ => throw new SheetFormatException(SheetRefusals.WrongExtension),
    };

    private static bool IsXls(string fileName) => Path.GetExtension(fileName ?? "").Equals(".xls", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OLE2 compound file: Excel 97-2003 (.xls), whatever the name says, or an .xlsx with an open password.</summary>
    private static bool StartsWithOle2(Stream input)
    {
        var start = input.Position;
        Span<byte> head = stackalloc byte[8];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        input.Position = start;
        return n == head.Length && head.SequenceEqual(Ole2);
    }

    private static FileStream CopyToTempFile(Stream stream)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose);
        try { stream.CopyTo(temp); temp.Position = 0; return temp; }
        catch { temp.Dispose(); throw; }
    }

    // Own parser rather than MiniExcel's: its CSV reader drops blank lines (breaking row numbers) and throws on rows
    // shorter than the first one (section rows).
    private static IEnumerable<object?[]> CsvRows(Stream input, SheetLimits limits)
    {
        using var reader = new StreamReader(input, DetectCsvEncoding(input), detectEncodingFromByteOrderMarks: true, 65536, leaveOpen: true);
        var fields = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 1;
        var lineChars = 0;
        void AddField()
        {
            if (fields.Count == limits.MaxColumns) throw SheetRefusals.Columns(row, limits.MaxColumns);
            fields.Add(TakeField(field));
        }
        for (var ch = reader.Read(); ch >= 0; ch = reader.Read())
        {
            // One record (a quoted field's line breaks included) is capped, so a file with no line break cannot
            // grow one field or one row to the size of the upload.
            if (++lineChars > limits.MaxLineChars) throw SheetRefusals.Line(row, limits.MaxLineChars);
            var c = (char)ch;
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') AddField();
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                AddField();
                yield return fields.ToArray();
                fields.Clear();
                row++;
                lineChars = 0;
            }
            else field.Append(c);
        }
        if (fields.Count > 0 || field.Length > 0)
        {
            AddField();
            yield return fields.ToArray();
        }
    }

    private static string? TakeField(StringBuilder field)
    {
        var text = field.ToString();
        field.Clear();
        return text.Length == 0 ? null : text;
    }

    private static Encoding DetectCsvEncoding(Stream input)
    {
        var start = input.Position;
        var sample = new byte[SniffBytes];
        var length = input.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        input.Position = start;
        var bytes = sample.AsSpan(0, length);
        if (bytes.Contains((byte)0)) throw new SheetFormatException(Unreadable); // an image, zip or .xls renamed to .csv
        try
        {
            // flush only at the real end: a multi-byte character cut by the sample's edge is not an error
            StrictUtf8.GetDecoder().GetCharCount(bytes, flush: length < SniffBytes);
            return Utf8;
        }
        catch (DecoderFallbackException)
        {
            return Gb18030; // superset of GBK, which is what Excel on Chinese Windows saves
        }
    }

    private sealed record HeaderBlock(int LastRow, (string Key, int Column)[] Columns, IReadOnlyDictionary<string, string> Texts)
    {
        public static HeaderBlock Find(List<object?[]> head, IReadOnlyDictionary<string, string[]> synonyms,
            IReadOnlyCollection<string> required)
        {
            var matcher = new HeaderMatcher(synonyms);
            var texts = head.Select(row => row.Select(SheetText.CellText).ToArray()).ToList();
            var keys = texts.Select(row => row.Select(matcher.Match).ToArray()).ToList();
            var scores = keys.Select(row => row.OfType<string>().Distinct().Count()).ToList();
            var best = scores.Count == 0 ? -1 : scores.IndexOf(scores.Max());
            if (best < 0 || scores[best] < 2)
            {
                var names = required.Count > 0 ? required : synonyms.Keys.Take(2);
                throw new SheetFormatException($"没有找到可识别的表头：请确认文件包含{Quote(names, synonyms)}等列");
            }

            // Adjacent rows that also match keys belong to the header: a group row above, with vertically merged headers.
            int top = best, bottom = best;
            while (top > 0 && scores[top - 1] > 0) top--;
            while (bottom + 1 < scores.Count && scores[bottom + 1] > 0) bottom++;

            var header = MapColumns(texts[top..(bottom + 1)], keys[top..(bottom + 1)], bottom);
            var missing = required.Where(key => !header.Texts.ContainsKey(key)).ToList();
            if (missing.Count > 0) throw new SheetFormatException($"表头缺少必需的列：{Quote(missing, synonyms)}");
            return header;
        }

        // Per column the matching text nearest the data wins: a leaf header under a group title, or else the top cell of
        // a header merged vertically across the group row (only the top-left cell of a merge holds the text).
        // A key goes to its first column only.
        private static HeaderBlock MapColumns(List<string?[]> texts, List<string?[]> keys, int lastRow)
        {
            var columns = new List<(string, int)>();
            var headerTexts = new Dictionary<string, string>();
            var width = keys.Max(row => row.Length);
            for (var column = 0; column < width; column++)
            {
                var row = keys.FindLastIndex(rowKeys => column < rowKeys.Length && rowKeys[column] is not null);
                if (row >= 0 && headerTexts.TryAdd(keys[row][column]!, SheetText.HeaderDisplay(texts[row][column]!)))
                    columns.Add((keys[row][column]!, column));
            }
            return new HeaderBlock(lastRow, columns.ToArray(), headerTexts);
        }

        private static string Quote(IEnumerable<string> keys, IReadOnlyDictionary<string, string[]> synonyms) =>
            string.Concat(keys.Select(key =>
                $"“{(synonyms.TryGetValue(key, out var texts) && texts.Length > 0 ? texts[0] : key)}”"));
    }
}
