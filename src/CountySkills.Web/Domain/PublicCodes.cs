using System.Security.Cryptography;

namespace CountySkills.Web.Domain;

/// <summary>
/// Codes that the public pages address records by (notices, 培训合格证 numbers): random from <see cref="RandomNumberGenerator"/>
/// in Crockford's base32 (no I, L, O, U: nothing to misread on paper), so one code tells nothing about any other and the public
/// pages cannot be walked through by counting. ADR 0013.
/// </summary>
public static class PublicCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary><paramref name="length"/> random characters (5 bits each).</summary>
    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>A public notice's code: 12 characters, 60 random bits.</summary>
    public static string NewNoticeCode() => Random(12);

    /// <summary>
    /// A 培训合格证 number the system issues: PX, the year of issue, 10 random characters (50 bits) and a check character
    /// (Luhn mod 32 over all before it), e.g. PX20267K3M9QW2RTF: a mistyped character is told from an unknown certificate.
    /// </summary>
    public static string NewCompletionNumber(int year)
    {
        var body = $"PX{year:D4}{Random(10)}";
        return body + CheckCharacter(body);
    }

    /// <summary>Whether a number has the shape of <see cref="NewCompletionNumber"/> and its check character agrees.</summary>
    public static bool IsCompletionNumber(string number) =>
        number.Length == 17 && number.StartsWith("PX", StringComparison.Ordinal) && number[2..6].All(char.IsAsciiDigit)
        && number[6..].All(c => Alphabet.Contains(c)) && CheckCharacter(number[..16]) == number[16];

    /// <summary>Luhn mod N (N = 32) over the characters of <paramref name="body"/>, all of which must be in <see cref="Alphabet"/>.</summary>
    public static char CheckCharacter(string body)
    {
        const int n = 32;
        int factor = 2, sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var value = Alphabet.IndexOf(body[i]);
            if (value < 0) throw new ArgumentException($"'{body[i]}' is not a base32 character", nameof(body));
            var addend = factor * value;
            sum += addend / n + addend % n;
            factor = factor == 2 ? 1 : 2;
        }
        return Alphabet[(n - sum % n) % n];
    }

    /// <summary>A code as typed or scanned: trimmed, upper case, no more than <paramref name="max"/> characters; null when it cannot be one.</summary>
    public static string? Normalise(string? code, int max = 20)
    {
        var c = (code ?? "").Trim().ToUpperInvariant();
        return c.Length is 0 || c.Length > max || !c.All(char.IsAsciiLetterOrDigit) ? null : c;
    }
}
