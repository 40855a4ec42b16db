using System.Globalization;

namespace CountySkills.Web.Domain;

/// <summary>An amount in fen (分). Money never travels as a floating-point number.</summary>
public readonly record struct Money(long Fen)
{
    public static Money FromYuan(long yuan) => new(checked(yuan * 100));
    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public override string ToString() => (Fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}

public static class Phone
{
    public static bool IsValid(string? s) => s is { Length: 11 } && s[0] == '1' && s.All(char.IsAsciiDigit);
    /// <summary>138****5678.</summary>
    public static string Mask(string? s) => s is { Length: 11 } ? s[..3] + "****" + s[^4..] : (s is null ? "" : new string('*', s.Length));
}
