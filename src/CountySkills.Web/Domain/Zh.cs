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

    /// <summary>Reads an enum from its name (any case), its number, or one of its Chinese words.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Replace('（', '(').Replace('）', ')');
        if (Enum.TryParse(s, ignoreCase: true, out value) && Enum.IsDefined(value)) return true;
        foreach (var (v, words) in Cache<T>.Labels)
            if (words.Any(w => w == s)) { value = v; return true; }
        return false;
    }

    public static bool HasWords(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.GetCustomAttribute<ZhAttribute>() is not null);

    static class Cache<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string[]> Labels = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.GetCustomAttribute<ZhAttribute>() is not null)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<ZhAttribute>()!.Words);
    }
}
