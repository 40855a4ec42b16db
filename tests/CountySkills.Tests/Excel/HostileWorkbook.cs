using System.Buffers.Binary;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace CountySkills.Tests.Excel;

/// <summary>
/// Small files built to hurt a reader: a cell in column ZZZZZ, a sheet that inflates 1,000:1, a row numbered a million,
/// rows past the cap, an OLE2 (.xls) header. Written with System.IO.Compression straight into the zip entry, so a
/// 200 MB sheet never exists in memory and the file on disk stays a few hundred KB.
/// </summary>
public static class HostileWorkbook
{
    public static readonly string[] Payloads = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tX"];

    /// <summary>The first bytes of every OLE2 compound file (Excel 97-2003 .xls), then zeros: a 4 KB ".xls".</summary>
    public static byte[] Ole2()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        return bytes;
    }

    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    public static string Row(int number, IEnumerable<string?> texts, string? extraCells = null)
    {
        var cells = new StringBuilder();
        var i = 0;
        foreach (var t in texts)
        {
            if (t is not null) cells.Append($"<c r=\"{Column(i)}{number}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(t)}</t></is></c>");
            i++;
        }
        return $"<row r=\"{number}\">{cells}{extraCells}</row>";
    }

    /// <summary>A header row and data rows, plain and valid.</summary>
    public static byte[] Sheet(string[] header, IEnumerable<string?[]> rows) =>
        Build(w =>
        {
            w.Write(Row(1, header));
            var n = 2;
            foreach (var r in rows) w.Write(Row(n++, r));
        });

    /// <summary>~2 KB: a header, one data row, and in it a cell that names column ZZZZZ (12 million columns in).</summary>
    public static byte[] ColumnBomb(string[] header, string?[] row) =>
        Build(w =>
        {
            w.Write(Row(1, header));
            w.Write(Row(2, row, "<c r=\"ZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c>"));
        });

    /// <summary>A header, one data row, then a row numbered <paramref name="far"/>.</summary>
    public static byte[] RowGap(string[] header, string?[] row, int far = 1_000_000) =>
        Build(w =>
        {
            w.Write(Row(1, header));
            w.Write(Row(2, row));
            w.Write(Row(far, row));
        });

    /// <summary>A sheet of <paramref name="megabytes"/> MB whose one cell is that many 'A's: it compresses ~1,000:1.</summary>
    public static byte[] RatioBomb(string[] header, int megabytes = 200) =>
        Build(w =>
        {
            w.Write(Row(1, header));
            w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            var chunk = new string('A', 1024 * 1024);
            for (var i = 0; i < megabytes; i++) w.Write(chunk);
            w.Write("</t></is></c></row>");
        }, CompressionLevel.SmallestSize);

    static readonly Lazy<byte[]> SharedRatioBomb = new(() => RatioBomb(["序号", "姓名", "身份证号"]));

    /// <summary>One 200 MB ratio bomb for every test (building it takes a second or two).</summary>
    public static byte[] RatioBomb() => SharedRatioBomb.Value;

    /// <summary>The same workbook with the sheet's declared (uncompressed) size in both zip headers set to <paramref name="claimed"/>.</summary>
    public static byte[] UnderstateSheetSize(byte[] xlsx, uint claimed = 1000)
    {
        var bytes = xlsx.ToArray();
        var name = "xl/worksheets/sheet1.xml"u8.ToArray();
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) != 0x02014b50) continue; // central directory header
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 28));
            if (!bytes.AsSpan(i + 46, nameLength).SequenceEqual(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), claimed);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i + 42));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), claimed);
            return bytes;
        }
        throw new InvalidOperationException("no sheet entry");
    }

    /// <summary>A minimal workbook (content types, workbook, relationships, one sheet) whose sheetData the callback writes.</summary>
    public static byte[] Build(Action<TextWriter> sheetData, CompressionLevel level = CompressionLevel.Optimal, string? sharedStrings = null)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            if (sharedStrings is not null) Part("xl/sharedStrings.xml", sharedStrings);
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", level).Open(), new UTF8Encoding(false), 1 << 16);
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            sheetData(sheet);
            sheet.Write("</sheetData></worksheet>");
        }
        return ms.ToArray();
    }
}
