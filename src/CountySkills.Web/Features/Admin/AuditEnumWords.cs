using System.Reflection;
using System.Text.RegularExpressions;
using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Admin;

/// <summary>An enum value the log stored as a number, as its word: the <see cref="ZhAttribute"/> word, the ledger's
/// vocabulary for the ledger's codes, or in English the member's name spelt out. Flags become a list (脱贫户、农民工).</summary>
public static partial class AuditEnumWords
{
    public static string Of(Type type, long n)
    {
        if (type.IsDefined(typeof(FlagsAttribute), false) && n != 0 && !Enum.IsDefined(type, Enum.ToObject(type, n)))
        {
            var parts = Enum.GetValues(type).Cast<object>().Select(Convert.ToInt64)
                .Where(bit => bit != 0 && (bit & (bit - 1)) == 0 && (n & bit) == bit).Select(bit => One(type, bit)).ToList();
            return parts.Count > 0 ? string.Join(AuditVocabulary.English ? ", " : "、", parts) : n.ToString();
        }
        return One(type, n);
    }

    static string One(Type type, long n)
    {
        var value = Enum.ToObject(type, n);
        if (Enum.GetName(type, value) is not { } name) return n.ToString();
        if (AuditVocabulary.English) return Spelt(name);
        return type.GetField(name)?.GetCustomAttribute<ZhAttribute>()?.Words[0] ?? Ledger(value) ?? Plain(type, name) ?? name;
    }

    /// <summary>The ledger's codes carry their words in <see cref="PersonVocabulary"/> rather than in attributes.</summary>
    static string? Ledger(object value) => value switch
    {
        EmploymentStatus s => PersonVocabulary.Statuses.GetValueOrDefault(s)?[0],
        Education e => PersonVocabulary.Educations.GetValueOrDefault(e)?[0],
        MonitoredCategory m => PersonVocabulary.MonitoredCategories.GetValueOrDefault(m)?[0],
        PersonTags t => PersonVocabulary.Tags.GetValueOrDefault(t)?[0],
        Sex s => s == Sex.Male ? "男" : "女",
        AreaLevel l => l switch { AreaLevel.Province => "省", AreaLevel.City => "市", AreaLevel.County => "县", AreaLevel.Township => "乡镇", _ => "村（社区）" },
        TownshipKind k => k switch { TownshipKind.Subdistrict => "街道办事处", TownshipKind.Town => "镇", TownshipKind.Township => "乡", _ => "产业集聚区" },
        _ => null,
    };

    /// <summary>A flags twin of a worded enum (CertificateKinds of CertificateKind), and "None".</summary>
    static string? Plain(Type type, string name)
    {
        if (name == "None") return "无";
        if (type == typeof(CertificateKinds) && Enum.TryParse<CertificateKind>(name, out var kind)) return Zh.Of(kind);
        return null;
    }

    /// <summary>OutOfCountyInProvince → "Out of county in province".</summary>
    static string Spelt(string name)
    {
        var words = Words().Split(name).Where(w => w.Length > 0).ToArray();
        return words.Length == 0 ? name : string.Join(' ', words.Select((w, i) => i == 0 ? w : (w.All(char.IsUpper) ? w : w.ToLowerInvariant())));
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Words();
}
