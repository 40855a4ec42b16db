using System.Globalization;
using System.Text;

namespace CountySkills.Web.Domain;

/// <summary>Resident ID number (GB 11643-1999), always stored in its normalised 18-character form.</summary>
public readonly record struct IdNumber
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckChars = "10X98765432";

    public string Value { get; }
    IdNumber(string value) => Value = value;

    public string AddressCode => Value[..6];
    public DateOnly BirthDate => DateOnly.ParseExact(Value.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    public override string ToString() => Value;

    /// <summary>4101**********1234: the first four and the last four characters.</summary>
    public string Masked => Mask(Value);
    public static string Mask(string value) =>
        value.Length <= 8 ? new string('*', value.Length) : value[..4] + new string('*', value.Length - 8) + value[^4..];

    public static IdNumber Parse(string text, DateOnly? today = null) =>
        TryParse(text, today, out var id, out var error) ? id : throw new FormatException(error!.Message);

    public static bool TryParse(string? text, DateOnly? today, out IdNumber id, out IdNumberError? error)
    {
        id = default;
        var s = Normalise(text);
        if (s.Length == 15 && s.All(char.IsAsciiDigit))
            s = s[..6] + "19" + s[6..] + ComputeCheck(s[..6] + "19" + s[6..]);
        if (s.Length != 18 || !s[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            error = new(IdNumberError.Format, "身份证号应为18位（或15位旧号），前17位为数字，末位为数字或X");
            return false;
        }
        if (!DateOnly.TryParseExact(s.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1800 || (today is { } t && birth > t))
        {
            error = new(IdNumberError.BirthDate, $"身份证号中的出生日期 {s.Substring(6, 8)} 不是真实的日期");
            return false;
        }
        if (ComputeCheck(s) != s[17])
        {
            error = new(IdNumberError.Checksum, $"身份证号校验位错误（应为 {ComputeCheck(s)}）");
            return false;
        }
        id = new IdNumber(s);
        error = null;
        return true;
    }

    /// <summary>Check character over the first 17 digits (ISO 7064 MOD 11-2).</summary>
    public static char ComputeCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Removes the noise real ledgers carry: full-width characters, spaces, hyphens, a trailing * or `.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c is '-' or '*' or '`' or '\'' or '\u3000') continue;
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}

public sealed record IdNumberError(string Code, string Message)
{
    public const string Format = "id_number.format";
    public const string Checksum = "id_number.checksum";
    public const string BirthDate = "id_number.birthdate";
}

public enum Sex { Male = 1, Female = 2 }
