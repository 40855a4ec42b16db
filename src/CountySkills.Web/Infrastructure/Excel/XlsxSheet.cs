using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>
/// Streams the first worksheet of an .xlsx as rows of cell values (string, double, bool or DateTime), one array per
/// Excel row number including empty ones, with a forward-only XmlReader: the sheet is never held in memory. Only the
/// shared-string table and the date styles are loaded. (ADR 0006: MiniExcel's reader was 3-4x slower.)
/// </summary>
public static class XlsxSheet
{
    const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IEnumerable<object?[]> Rows(Stream input)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var strings = SharedStrings(zip);
        var dateStyles = DateStyles(zip);
        var sheet = zip.GetEntry(FirstSheetPath(zip)) ?? throw new InvalidDataException("no worksheet");
        using var stream = sheet.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
        var expected = 1;
        var cells = new List<object?>(32);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row") continue;
            var number = int.TryParse(xml.GetAttribute("r"), out var r) ? r : expected;
            for (; expected < number; expected++) yield return [];
            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c") ReadCell(xml, cells, strings, dateStyles);
            }
            expected = number + 1;
            yield return cells.ToArray();
        }
    }

    static void ReadCell(XmlReader xml, List<object?> cells, List<string> strings, HashSet<int> dateStyles)
    {
        var column = ColumnOf(xml.GetAttribute("r")) ?? cells.Count;
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), out var s) ? s : 0;
        string? raw = null;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            var text = new StringBuilder();
            while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.LocalName == "v") raw = xml.ReadElementContentAsString();
                else if (xml.LocalName == "t") text.Append(xml.ReadElementContentAsString());
                else if (xml.LocalName == "rPh") xml.Skip();
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break;
            }
            if (type == "inlineStr") raw = text.ToString();
        }
        object? value = raw is null ? null : type switch
        {
            "s" => int.TryParse(raw, out var i) && i < strings.Count ? strings[i] : null,
            "str" or "inlineStr" or "e" => raw,
            "b" => raw == "1",
            _ when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) =>
                dateStyles.Contains(style) && d is > 0 and < 2958466 ? DateTime.FromOADate(d) : d,
            _ => raw,
        };
        while (cells.Count <= column) cells.Add(null);
        cells[column] = value;
    }

    static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    static string FirstSheetPath(ZipArchive zip)
    {
        var workbook = Load(zip, "xl/workbook.xml");
        var rels = Load(zip, "xl/_rels/workbook.xml.rels");
        var id = workbook?.GetElementsByTagName("sheet", Main).OfType<XmlElement>().FirstOrDefault()
            ?.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        var target = rels?.GetElementsByTagName("Relationship").OfType<XmlElement>().FirstOrDefault(e => e.GetAttribute("Id") == id)?.GetAttribute("Target");
        if (string.IsNullOrEmpty(target)) return "xl/worksheets/sheet1.xml";
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    static List<string> SharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return list;
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var text = new StringBuilder();
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si") text.Clear();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") xml.Skip();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t") text.Append(xml.ReadElementContentAsString());
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si") list.Add(text.ToString());
        }
        return list;
    }

    /// <summary>Cell style indexes whose number format shows a date (built-in 14-22, 27-36, 45-47, 50-58, or a custom y/m/d code).</summary>
    static HashSet<int> DateStyles(ZipArchive zip)
    {
        var result = new HashSet<int>();
        var styles = Load(zip, "xl/styles.xml");
        if (styles is null) return result;
        var custom = styles.GetElementsByTagName("numFmt", Main).OfType<XmlElement>()
            .Where(e => IsDateFormat(e.GetAttribute("formatCode"))).Select(e => int.Parse(e.GetAttribute("numFmtId"))).ToHashSet();
        var xfs = styles.GetElementsByTagName("cellXfs", Main).OfType<XmlElement>().FirstOrDefault();
        var i = 0;
        foreach (var xf in xfs?.GetElementsByTagName("xf", Main).OfType<XmlElement>() ?? [])
        {
            var id = int.TryParse(xf.GetAttribute("numFmtId"), out var n) ? n : 0;
            if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 || custom.Contains(id)) result.Add(i);
            i++;
        }
        return result;
    }

    static bool IsDateFormat(string code)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "");
        return plain.IndexOfAny(['y', 'd', 'Y', 'D']) >= 0 || (plain.Contains('m') && !plain.Contains('0') && !plain.Contains('#'));
    }

    static XmlDocument? Load(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path);
        if (entry is null) return null;
        using var s = entry.Open();
        var doc = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        doc.Load(reader);
        return doc;
    }
}
