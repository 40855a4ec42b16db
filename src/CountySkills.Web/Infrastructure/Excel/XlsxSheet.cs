using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>
/// Streams the first worksheet of an .xlsx as rows of cell values (string, double, bool or DateTime), one array per
/// Excel row number including empty ones, with a forward-only XmlReader: the sheet is never held in memory. Only the
/// shared-string table and the date styles are loaded. (ADR 0006: MiniExcel's reader was 3-4x slower.)
/// Every part is read through <see cref="ZipPart"/>, which refuses a part larger or more compressed than
/// <see cref="SheetLimits"/> allow while inflating it; columns, row numbers and string sizes are capped too (ADR 0014).
/// </summary>
public static class XlsxSheet
{
    const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Rows above the data the header block may take (SheetReader scans the first 30).</summary>
    public const int HeaderAllowance = 30;

    /// <summary>The zip's central directory (a workbook's takes a few KB).</summary>
    const uint MaxDirectoryBytes = 8 * 1024 * 1024;

    public static IEnumerable<object?[]> Rows(Stream input) => Rows(input, SheetLimits.Default);

    public static IEnumerable<object?[]> Rows(Stream input, SheetLimits limits)
    {
        CheckDirectory(input, limits);
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var strings = SharedStrings(zip, limits);
        var dateStyles = DateStyles(zip, limits);
        var sheet = zip.GetEntry(FirstSheetPath(zip, limits)) ?? throw new InvalidDataException("no worksheet");
        using var stream = ZipPart.Open(sheet, limits.MaxSheetBytes, "工作表", limits);
        using var xml = XmlReader.Create(stream, Settings(limits.MaxSheetBytes));
        var maxRow = limits.MaxRows + HeaderAllowance;
        var expected = 1;
        var cells = new List<object?>(32);
        var text = new TextBuffer(limits.MaxLineChars);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row") continue;
            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : expected;
            // Checked before the gap is filled: <row r="1000000"> after row 1 would otherwise yield a million empty rows.
            if (number > maxRow) throw SheetRefusals.Rows(number, limits.MaxRows);
            for (; expected < number; expected++) yield return [];
            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                // The row's text as a whole is capped like a CSV line: 16,384 cells of a 1 M-character string each would not be.
                long rowChars = 0;
                while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c"
                        && (rowChars += ReadCell(xml, cells, strings, dateStyles, text, number, limits)) > limits.MaxLineChars)
                        throw SheetRefusals.RowText(number, limits.MaxLineChars);
            }
            expected = number + 1;
            yield return cells.ToArray();
        }
    }

    /// <summary>Reads one cell into its column; answers the length of its text (0 for a number, a flag or a date).</summary>
    static int ReadCell(XmlReader xml, List<object?> cells, List<string> strings, HashSet<int> dateStyles, TextBuffer text, int row, SheetLimits limits)
    {
        var reference = xml.GetAttribute("r");
        var column = string.IsNullOrEmpty(reference) ? cells.Count : ColumnOf(reference, limits);
        if (column >= limits.MaxColumns) throw SheetRefusals.Columns(row, limits.MaxColumns);
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), out var s) ? s : 0;
        string? raw = null;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            text.Clear();
            var inline = false;
            while (xml.Read())
            {
                while (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") xml.Skip(); // phonetic runs; Skip lands on the next node
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break;
                if (xml.NodeType != XmlNodeType.Element) continue;
                // Both leave the reader on the element's end tag; a formula's <f> is passed over (its cached <v> counts).
                if (xml.LocalName == "v") { text.Clear(); text.AppendContent(xml, row); raw = text.ToString(); }
                else if (xml.LocalName == "t") { text.AppendContent(xml, row); inline = true; }
            }
            if (type == "inlineStr" && inline) raw = text.ToString();
        }
        object? value = raw is null ? null : type switch
        {
            "s" => int.TryParse(raw, out var i) && (uint)i < (uint)strings.Count ? strings[i] : null,
            "str" or "inlineStr" or "e" => raw,
            "b" => raw == "1",
            _ when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) =>
                dateStyles.Contains(style) && d is > 0 and < 2958466 ? DateTime.FromOADate(d) : d,
            _ => raw,
        };
        while (cells.Count <= column) cells.Add(null);
        cells[column] = value;
        return value is string str ? str.Length : 0;
    }

    /// <summary>The 0-based column of a cell reference such as "AB12" ($ signs allowed); beyond XFD or unparsable: refused.</summary>
    internal static int ColumnOf(string reference, SheetLimits limits)
    {
        var index = 0;
        var letters = 0;
        var i = 0;
        if (i < reference.Length && reference[i] == '$') i++;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            // Three letters reach XFD; stop before the number can overflow (ZZZZZZZZ...).
            if (++letters > 3) throw SheetRefusals.ColumnBeyondXfd(reference);
            index = index * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        if (i < reference.Length && reference[i] == '$') i++;
        for (; i < reference.Length && char.IsAsciiDigit(reference[i]); i++) { }
        if (letters == 0 || i != reference.Length) throw SheetRefusals.BadReference(reference);
        if (index > limits.MaxColumns) throw SheetRefusals.ColumnBeyondXfd(reference);
        return index - 1;
    }

    static XmlReaderSettings Settings(long maxChars) => new()
    {
        IgnoreWhitespace = false,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxChars,     // the byte cap of the part bounds its characters too
        MaxCharactersFromEntities = maxChars,   // no DTD, so no entity of ours can expand anyway
    };

    /// <summary>A zip with more entries than a workbook ever has is refused before ZipArchive reads its directory into memory.</summary>
    static void CheckDirectory(Stream input, SheetLimits limits)
    {
        const int Eocd = 22;
        var start = input.Position;
        var length = input.Length - start;
        if (length < Eocd) return; // ZipArchive says it is not a zip
        var tail = new byte[(int)Math.Min(length, Eocd + ushort.MaxValue)];
        input.Position = input.Length - tail.Length;
        input.ReadExactly(tail);
        input.Position = start;
        for (var i = tail.Length - Eocd; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != 0x06054b50) continue;
            var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10)); // 0xFFFF: a zip64 count, more still
            var directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
            if (entries > limits.MaxZipEntries || directoryBytes > MaxDirectoryBytes) throw SheetRefusals.TooManyEntries(limits.MaxZipEntries);
            return;
        }
    }

    static string FirstSheetPath(ZipArchive zip, SheetLimits limits)
    {
        string? id = null;
        if (zip.GetEntry("xl/workbook.xml") is { } workbook)
            ReadPart(workbook, "工作簿目录", limits, xml =>
            {
                if (id is not null || xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet" || xml.NamespaceURI != Main) return;
                id = xml.GetAttribute("id", OfficeRelationships) ?? "";
            });
        string? target = null;
        if (id is not null && zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
            ReadPart(rels, "工作簿目录", limits, xml =>
            {
                if (target is null && xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == id)
                    target = xml.GetAttribute("Target");
            });
        if (string.IsNullOrEmpty(target)) return "xl/worksheets/sheet1.xml";
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    static List<string> SharedStrings(ZipArchive zip, SheetLimits limits)
    {
        var list = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return list;
        using var stream = ZipPart.Open(entry, limits.MaxSharedStringsBytes, "共享字符串表", limits);
        using var xml = XmlReader.Create(stream, Settings(limits.MaxSharedStringsBytes));
        var text = new TextBuffer(limits.MaxLineChars);
        long total = 0;
        void Add()
        {
            total += text.Length;
            if (total > limits.MaxSharedStringChars) throw SheetRefusals.SharedStringChars(limits.MaxSharedStringChars);
            if (list.Count == limits.MaxSharedStrings) throw SheetRefusals.SharedStringCount(limits.MaxSharedStrings);
            list.Add(text.Length == 0 ? "" : text.ToString());
        }
        while (xml.Read())
        {
            while (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") xml.Skip(); // phonetic runs; Skip lands on the next node
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                text.Clear();
                if (xml.IsEmptyElement) Add(); // <si/> still takes an index
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t") text.AppendContent(xml, null);
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si") Add();
        }
        return list;
    }

    /// <summary>Cell style indexes whose number format shows a date (built-in 14-22, 27-36, 45-47, 50-58, or a custom y/m/d code).</summary>
    static HashSet<int> DateStyles(ZipArchive zip, SheetLimits limits)
    {
        var result = new HashSet<int>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry) return result;
        var custom = new HashSet<int>();
        var inCellXfs = false;
        var i = 0;
        ReadPart(entry, "样式表", limits, xml =>
        {
            if (xml.NamespaceURI != Main) return;
            if (xml.LocalName == "cellXfs") inCellXfs = xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement;
            if (xml.NodeType != XmlNodeType.Element) return;
            if (xml.LocalName == "numFmt" && IsDateFormat(xml.GetAttribute("formatCode") ?? "")
                && int.TryParse(xml.GetAttribute("numFmtId"), out var fmt)) custom.Add(fmt);
            else if (xml.LocalName == "xf" && inCellXfs)
            {
                var id = int.TryParse(xml.GetAttribute("numFmtId"), out var n) ? n : 0;
                if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 || custom.Contains(id)) result.Add(i);
                i++;
            }
        });
        return result;
    }

    static bool IsDateFormat(string code)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "");
        return plain.IndexOfAny(['y', 'd', 'Y', 'D']) >= 0 || (plain.Contains('m') && !plain.Contains('0') && !plain.Contains('#'));
    }

    /// <summary>Streams a small part node by node (no DOM), under the cap of the small parts.</summary>
    static void ReadPart(ZipArchiveEntry entry, string name, SheetLimits limits, Action<XmlReader> node)
    {
        using var stream = ZipPart.Open(entry, limits.MaxOtherPartBytes, name, limits);
        using var xml = XmlReader.Create(stream, Settings(limits.MaxOtherPartBytes));
        while (xml.Read()) node(xml);
    }

    /// <summary>The text of a &lt;t&gt; or &lt;v&gt; element read in chunks into one reused buffer, refused past the cell cap
    /// (a cell is never built in full to be measured). Leaves the reader on the element's end tag.</summary>
    sealed class TextBuffer(int max)
    {
        char[] _chars = new char[256];
        public int Length { get; private set; }
        public void Clear() => Length = 0;
        public override string ToString() => new(_chars, 0, Length);

        public void AppendContent(XmlReader xml, int? row)
        {
            if (xml.IsEmptyElement) return;
            var depth = xml.Depth;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
                if (!xml.CanReadValueChunk) { Append(xml.Value, row); continue; }
                while (true)
                {
                    if (_chars.Length - Length < 1024) Grow(row);
                    var n = xml.ReadValueChunk(_chars, Length, _chars.Length - Length);
                    if (n == 0) break;
                    Length += n;
                    if (Length > max) throw SheetRefusals.Cell(row, max);
                }
            }
        }

        void Append(string value, int? row)
        {
            while (_chars.Length - Length < value.Length) Grow(row);
            value.CopyTo(0, _chars, Length, value.Length);
            Length += value.Length;
            if (Length > max) throw SheetRefusals.Cell(row, max);
        }

        void Grow(int? row)
        {
            if (_chars.Length > max) throw SheetRefusals.Cell(row, max);
            Array.Resize(ref _chars, (int)Math.Min((long)_chars.Length * 2, max + 1024L));
        }
    }
}

/// <summary>
/// One zip part opened for reading under a cap: the central directory's declared length and compression ratio are
/// checked before a byte is inflated, and the bytes actually inflated are counted as they come, since the header can lie.
/// </summary>
internal sealed class ZipPart : Stream
{
    readonly Stream _inner;
    readonly long _max, _compressed;
    readonly string _name;
    readonly SheetLimits _limits;
    long _read;

    ZipPart(Stream inner, long max, long compressed, string name, SheetLimits limits) =>
        (_inner, _max, _compressed, _name, _limits) = (inner, max, compressed, name, limits);

    public static Stream Open(ZipArchiveEntry entry, long max, string name, SheetLimits limits)
    {
        Check(entry.Length, entry.CompressedLength, max, name, limits);
        return new ZipPart(entry.Open(), max, entry.CompressedLength, name, limits);
    }

    static void Check(long inflated, long compressed, long max, string name, SheetLimits limits)
    {
        if (inflated > max) throw SheetRefusals.PartTooLarge(name, max);
        if (inflated > limits.RatioFromBytes && inflated > Math.Max(compressed, 1) * limits.MaxCompressionRatio)
            throw SheetRefusals.Ratio(name, limits.MaxCompressionRatio);
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(_inner.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Counted(_inner.Read(buffer));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Counted(await _inner.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    int Counted(int n)
    {
        _read += n;
        Check(_read, _compressed, _max, _name, _limits);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
