namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>
/// A problem with an uploaded sheet. The message is Chinese and can be shown to the user as is; <see cref="Code"/> is
/// <c>file.invalid</c> (not a readable workbook or CSV) or <c>file.too_large</c> (readable, but above a cap of
/// <see cref="SheetLimits"/>). Importers answer it with <see cref="AsFailure"/>: 400, <c>errors.file</c> and the code.
/// </summary>
public sealed class SheetFormatException : Exception
{
    public const string Invalid = "file.invalid", TooLarge = "file.too_large";

    public SheetFormatException(string message, string code = Invalid) : base(message) => Code = code;
    public SheetFormatException(string message, Exception inner, string code = Invalid) : base(message, inner) => Code = code;

    public string Code { get; }

    /// <summary>The 400 an importer answers: the message under <c>errors.file</c>, the code as <c>code</c>.</summary>
    public Failure AsFailure() => Result.Invalid("file", Message, Code);
}

/// <summary>Every refusal of a hostile or unreadable file, worded once (ADR 0014).</summary>
public static class SheetRefusals
{
    public const string Unreadable = "文件无法读取：不是有效的 Excel（.xlsx）或 CSV 文件";
    public const string Xls = "不支持 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传";
    public const string WrongExtension = "只支持 .xlsx 或 .csv 文件";
    public const string Empty = "文件是空的（0 字节）：请检查后重新选择要导入的文件（.xlsx 或 .csv）";

    static SheetFormatException Invalid(string message) => new(message);
    static SheetFormatException Large(string message) => new(message, SheetFormatException.TooLarge);

    public static SheetFormatException Rows(int rowNumber, int maxRows) =>
        Large($"文件第 {rowNumber} 行超过 {maxRows} 行的上限，请拆分后分批导入");

    public static SheetFormatException Columns(int rowNumber, int maxColumns) =>
        Large($"文件第 {rowNumber} 行超过 {maxColumns} 列的上限（Excel 最多到 XFD 列），请删除多余的列后再导入");

    public static SheetFormatException ColumnBeyondXfd(string reference) =>
        Invalid($"文件无法读取：单元格“{Short(reference)}”超出 Excel 的最大列 XFD（第 16384 列），不是 Excel 或 WPS 保存的工作簿");

    public static SheetFormatException BadReference(string reference) =>
        Invalid($"文件无法读取：单元格位置“{Short(reference)}”无法识别，文件已损坏或不是 Excel 或 WPS 保存的工作簿");

    public static SheetFormatException Cell(int? rowNumber, int maxChars) =>
        Large(rowNumber is { } n
            ? $"文件第 {n} 行有单元格超过 {maxChars} 个字符的上限，请检查该行"
            : $"文件中有单元格文字超过 {maxChars} 个字符的上限，请检查文件");

    public static SheetFormatException RowText(int rowNumber, int maxChars) =>
        Large($"文件第 {rowNumber} 行的文字合计超过 {maxChars} 个字符的上限，请检查该行");

    public static SheetFormatException Line(int rowNumber, int maxChars) =>
        Large($"文件第 {rowNumber} 行超过 {maxChars} 个字符的上限（可能缺少换行，或引号没有闭合），请检查文件");

    public static SheetFormatException SharedStringChars(long maxChars) =>
        Large($"文件中的文字总量超过 {maxChars} 个字符的上限（共享字符串表），请拆分后分批导入");

    public static SheetFormatException SharedStringCount(int max) =>
        Large($"文件中不同的文字超过 {max} 条的上限（共享字符串表），请拆分后分批导入");

    public static SheetFormatException PartTooLarge(string part, long maxBytes) =>
        Large($"文件的{part}解压后超过 {maxBytes / 1024 / 1024} MB 的上限，请拆分后分批导入");

    public static SheetFormatException Ratio(string part, int maxRatio) =>
        Invalid($"文件的{part}压缩比异常（解压后超过压缩时的 {maxRatio} 倍），不像是 Excel 或 WPS 保存的工作簿：请在 Excel 或 WPS 中打开并“另存为” .xlsx 后再上传");

    public static SheetFormatException TooManyEntries(int max) =>
        Invalid($"文件无法读取：压缩包内的条目超过 {max} 个，不是 Excel 或 WPS 保存的工作簿");

    static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
