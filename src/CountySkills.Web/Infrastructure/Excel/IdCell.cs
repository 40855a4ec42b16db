using System.Globalization;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>An ID number as a spreadsheet cell holds it. A number cell means Excel has already dropped digits (unless
/// it is a 15-digit legacy ID), so it is an error, never a guess; 17 digits is a missing check character.</summary>
public static class IdCell
{
    /// <summary>The report's sentence for an ID number seen on an earlier row of the same file, or null the first time.</summary>
    public static string? RepeatedIn(Dictionary<string, int> seen, string id, int row) =>
        seen.TryAdd(id, row) ? null : $"与第 {seen[id]} 行的身份证号重复";

    public static (string? Id, IdNumberError? Error) Read(object? cell, DateOnly today)
    {
        var text = cell is double d ? (d < 1e15 && d >= 1e14 && d == Math.Floor(d) ? d.ToString("F0", CultureInfo.InvariantCulture) : null) : SheetText.CellText(cell);
        if (cell is double && text is null)
            return (null, new(IdNumberError.Format, "身份证号被 Excel 存成了数字，后几位已经丢失，无法识别；请把该列设为“文本”后重新填写"));
        if (string.IsNullOrEmpty(text)) return (null, new(IdNumberError.Format, "身份证号为空"));
        if (IdNumber.TryParse(text, today, out var id, out var e)) return (id.Value, null);
        if (IdNumber.Normalise(text) is { Length: 17 } s17 && s17.All(char.IsAsciiDigit))
            return (null, new(IdNumberError.Format, "身份证号只有 17 位，缺少最后一位校验码"));
        return (null, e);
    }
}
