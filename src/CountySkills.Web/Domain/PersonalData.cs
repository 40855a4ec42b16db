using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CountySkills.Web.Domain;

/// <summary>What kind of personal data a field holds, which says how it is masked.</summary>
public enum PersonalKind
{
    /// <summary>A resident ID number: 4101**********1234.</summary>
    IdNumber = 1,
    /// <summary>A mobile phone: 138****5678.</summary>
    Phone = 2,
    /// <summary>A birth date: only the year is shown, since the date and a masked ID give the ID back.</summary>
    BirthDate = 3,
    /// <summary>Text that holds personal data among other words (an objection's contact, a complaint's source, a key built
    /// from an ID number): every run of 7+ digits that could be a phone or an ID number is masked, and an e-mail keeps only
    /// its first letter and domain.</summary>
    FreeText = 4,
}

/// <summary>Marks a field as personal data (PIPL). The audit log, the masked views and the masked exports read this
/// marking, so a field is declared personal once, on the entity, and masked the same way everywhere.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute(PersonalKind kind) : Attribute
{
    public PersonalKind Kind { get; } = kind;
}

public static partial class PersonalData
{
    static readonly ConcurrentDictionary<PropertyInfo, PersonalKind?> Kinds = new();

    /// <summary>The marking of a property, or null when it is not personal data.</summary>
    public static PersonalKind? KindOf(PropertyInfo? property) =>
        property is null ? null : Kinds.GetOrAdd(property, p => p.GetCustomAttribute<PersonalDataAttribute>()?.Kind);

    /// <summary>The marking of <typeparamref name="T"/>.<paramref name="property"/>.</summary>
    public static PersonalKind? KindOf<T>(string property) => KindOf(typeof(T).GetProperty(property));

    /// <summary>The one masking of every kind of personal data.</summary>
    public static object? Mask(PersonalKind kind, object? value) => value switch
    {
        null => null,
        DateOnly d when kind == PersonalKind.BirthDate => d.Year,
        DateTime t when kind == PersonalKind.BirthDate => t.Year,
        string s => MaskText(kind, s),
        _ => value,
    };

    /// <summary>The masked text of a personal string (an empty string stays empty).</summary>
    public static string MaskText(PersonalKind kind, string s) => s.Length == 0 ? s : kind switch
    {
        PersonalKind.IdNumber => Domain.IdNumber.Mask(s),
        PersonalKind.Phone => Domain.Phone.Mask(s),
        PersonalKind.BirthDate => s.Length >= 4 ? s[..4] : s,
        _ => MaskFreeText(s),
    };

    /// <summary>A birth date as a masked view may carry it: the year.</summary>
    public static int BirthYear(DateOnly birthDate) => birthDate.Year;

    /// <summary>Free text with every run of 7 or more digits (a phone, an ID number, a bank card; spaces or dashes between
    /// the digits count too: "138-1234-5678") masked, the first 3 and the last 4 digits kept, and e-mail addresses cut to their
    /// first letter: "王女士 138 1234 5678" → "王女士 138 **** 5678".</summary>
    public static string MaskFreeText(string s)
    {
        var masked = DigitRun().Replace(s, m =>
        {
            var digits = m.Value.Count(c => c is not (' ' or '-'));
            var (keepHead, keepTail) = digits == 11 ? (3, 4) : (4, 4);
            var chars = m.Value.ToCharArray();
            var seen = 0;
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] is ' ' or '-') continue;
                if (seen >= keepHead && seen < digits - keepTail) chars[i] = '*';
                seen++;
            }
            return new string(chars);
        });
        return Email().Replace(masked, m => m.Groups[1].Value[..1] + "***@" + m.Groups[2].Value);
    }

    /// <summary>Any 18-character ID number inside a text masked (a safety net for text nobody marked).</summary>
    public static string MaskIdNumbersIn(string s) => s.Length < 18 ? s : IdRun().Replace(s, m => Domain.IdNumber.Mask(m.Value));

    [GeneratedRegex(@"(?<![0-9])\d{17}[\dXx](?![0-9])")]
    private static partial Regex IdRun();

    [GeneratedRegex(@"(?<![0-9])\d(?:[ -]?\d){5,}(?:[ -]?[\dXx])")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();
}
