using System.Reflection;

namespace CountySkills.Web.Domain;

/// <summary>The Chinese words for a coded value: the first is how the UI and exports write it, the others are
/// accepted from files and API callers as well.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ZhAttribute(params string[] words) : Attribute
{
    public string[] Words { get; } = words;
}

public static class Zh
{
    /// <summary>The Chinese label of an enum value (its name when it has none).</summary>
    public static string Of<T>(T value) where T : struct, Enum => Cache<T>.Labels.TryGetValue(value, out var w) ? w[0] : value.ToString();

    /// <summary>Reads an enum from its name (any case), its number, or one of its Chinese words; a [Flags] enum also from several
    /// of them separated by commas or 、 (e.g. "UnpaidWages, WantsToReturn", "拖欠工资、想返乡", 9).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Replace('（', '(').Replace('）', ')');
        if (One(s, out value)) return true;
        if (!Cache<T>.IsFlags) return false;
        long bits = 0;
        foreach (var part in s.Split([',', '，', '、', '|', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!One<T>(part, out var v)) return false;
            bits |= Convert.ToInt64(v);
        }
        return IsValid(bits, out value);
    }

    static bool One<T>(string s, out T value) where T : struct, Enum
    {
        if (long.TryParse(s, out var n)) return IsValid(n, out value);
        if (Enum.TryParse(s, ignoreCase: true, out value) && Enum.IsDefined(value)) return true;
        foreach (var (v, words) in Cache<T>.Labels)
            if (words.Any(w => w == s)) { value = v; return true; }
        return false;
    }

    /// <summary>A number is a value of the enum: one of its members, or for a [Flags] enum any combination of them.</summary>
    public static bool IsValid<T>(long n, out T value) where T : struct, Enum
    {
        value = (T)Enum.ToObject(typeof(T), n);
        return Enum.IsDefined(value) || (Cache<T>.IsFlags && n >= 0 && (n & ~Cache<T>.AllBits) == 0);
    }

    public static bool HasWords(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.GetCustomAttribute<ZhAttribute>() is not null);

    static class Cache<T> where T : struct, Enum
    {
        public static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute), false);
        public static readonly long AllBits = Enum.GetValues<T>().Aggregate(0L, (a, v) => a | Convert.ToInt64(v));
        public static readonly Dictionary<T, string[]> Labels = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.GetCustomAttribute<ZhAttribute>() is not null)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<ZhAttribute>()!.Words);
    }
}
