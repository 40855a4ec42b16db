namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>
/// What an uploaded sheet may hold before the reader refuses it (ADR 0014). Every cap is checked while streaming, so a
/// hostile file is refused after reading at most a few MB of it: a compression bomb, a cell in column ZZZZZ, a row
/// numbered a million, a shared-string table of a billion characters, a CSV with no line breaks.
/// Settings under <c>Import:</c> (MaxRows, MaxSharedStringChars, MaxSharedStrings, MaxSheetMegabytes, MaxCompressionRatio,
/// MaxLineChars); the others are fixed by the xlsx format itself.
/// </summary>
public sealed record SheetLimits
{
    public static readonly SheetLimits Default = new();

    /// <summary>Excel's own last column, XFD.</summary>
    public int MaxColumns { get; init; } = 16_384;

    /// <summary>Data rows below the header (blank ones included: a row number is what the cap counts).</summary>
    public int MaxRows { get; init; } = 300_000;

    /// <summary>Characters of the whole shared-string table (64 M chars is ~128 MB of strings on the heap).</summary>
    public long MaxSharedStringChars { get; init; } = 64L * 1024 * 1024;

    public int MaxSharedStrings { get; init; } = 4_000_000;

    /// <summary>Bytes the worksheet part inflates to (the header's declared length and the bytes actually inflated).</summary>
    public long MaxSheetBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The shared-string table's part.</summary>
    public long MaxSharedStringsBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>styles.xml, workbook.xml and the relationships: small in any real workbook.</summary>
    public long MaxOtherPartBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Inflated / compressed, for a part above <see cref="RatioFromBytes"/>. Real sheets compress 5-30:1.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    public long RatioFromBytes { get; init; } = 1024 * 1024;

    /// <summary>Entries in the zip's central directory: a workbook has a dozen or so.</summary>
    public int MaxZipEntries { get; init; } = 10_000;

    /// <summary>Characters of one CSV line (a quoted field's line breaks included).</summary>
    public int MaxLineChars { get; init; } = 1024 * 1024;

    /// <summary>The limits the configuration sets (section Import), the defaults above for the rest.</summary>
    public static SheetLimits From(IConfiguration? config)
    {
        if (config is null) return Default;
        var s = config.GetSection("Import");
        var d = Default;
        return new SheetLimits
        {
            MaxRows = Positive(s.GetValue("MaxRows", d.MaxRows)),
            MaxSharedStringChars = Positive(s.GetValue("MaxSharedStringChars", d.MaxSharedStringChars)),
            MaxSharedStrings = Positive(s.GetValue("MaxSharedStrings", d.MaxSharedStrings)),
            MaxSheetBytes = Positive(s.GetValue("MaxSheetMegabytes", d.MaxSheetBytes / 1024 / 1024)) * 1024 * 1024,
            MaxCompressionRatio = Positive(s.GetValue("MaxCompressionRatio", d.MaxCompressionRatio)),
            MaxLineChars = Positive(s.GetValue("MaxLineChars", d.MaxLineChars)),
        };
    }

    static T Positive<T>(T value) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new InvalidOperationException("Import:* limits must be positive numbers");
}
