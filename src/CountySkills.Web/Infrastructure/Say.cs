using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;

namespace CountySkills.Web.Infrastructure;

/// <summary>What the app writes for a user, in the current UI culture (docs/decisions/0021-english-messages.md).
/// Chinese is the source: domain refusals, handler failures and validators write Chinese. In English a message is found
/// by its <c>code</c> (key <c>Code.&lt;code&gt;</c>), else by its Chinese text (the phrasebook, keys <c>Msg:&lt;中文&gt;</c>);
/// {0}, {1}… in a key's Chinese stand for interpolated values, recovered from the message and put into the English
/// (enum words among them translated, data left as entered); a message found nowhere gets the generic English of its outcome.</summary>
public static class Say
{
    static readonly CultureInfo En = new("en-US");
    static readonly ResourceManager Resources = new("CountySkills.Web.Resources.SharedResource", typeof(Say).Assembly);
    static readonly Regex Cjk = new(@"[\u3400-\u9fff\uf900-\ufaff]", RegexOptions.Compiled);
    static readonly Regex Placeholder = new(@"\{(\d+)\}", RegexOptions.Compiled);

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    static readonly Lazy<Dictionary<string, string>> EnTable = new(() => Load(En));
    static readonly Lazy<Dictionary<string, string>> ZhTable = new(() => Load(CultureInfo.InvariantCulture));

    static Dictionary<string, string> Load(CultureInfo culture)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        if (set is null) return d;
        foreach (DictionaryEntry e in set) if (e.Key is string k && e.Value is string v) d[k] = v;
        return d;
    }

    /// <summary>The English of a resource key, or null when en-US has none.</summary>
    public static string? EnglishOf(string key) => EnTable.Value.GetValueOrDefault(key);

    public static bool HasCjk(string? s) => s is not null && Cjk.IsMatch(s);

    /// <summary>The word for an enum value in the current culture: Chinese from its [Zh] words (<see cref="Zh.Of{T}"/>), English from
    /// Enum.&lt;Type&gt;.&lt;Value&gt;; a combination of [Flags] values lists each word.</summary>
    public static string Word<T>(T value) where T : struct, Enum
    {
        if (!English) return Zh.Of(value);
        if (EnglishOf($"Enum.{typeof(T).Name}.{value}") is { } en) return en;
        var n = Convert.ToInt64(value);
        if (typeof(T).IsDefined(typeof(FlagsAttribute), false) && n != 0)
        {
            var parts = Enum.GetValues<T>().Where(v => Convert.ToInt64(v) is var b && b != 0 && (n & b) == b).Select(v => Word(v)).ToList();
            if (parts.Count > 0) return string.Join(", ", parts);
        }
        var zh = Zh.Of(value);
        return HasCjk(zh) ? value.ToString() : zh;
    }

    /// <summary>A message for the user: as written in Chinese; in English by its code, its Chinese text, or the generic words of its outcome.</summary>
    public static string Message(string? chinese, string? code = null, Outcome outcome = Outcome.Invalid)
    {
        if (string.IsNullOrEmpty(chinese)) return chinese ?? "";
        if (!English || !HasCjk(chinese)) return chinese;
        return ByCode(code, chinese) ?? ByPhrase(chinese) ?? Generic(outcome);
    }

    /// <summary>Field errors, each message as <see cref="Message"/> says it.</summary>
    public static Dictionary<string, string[]> Errors(IDictionary<string, string[]> errors, string? code = null) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Message(m, code)).ToArray());

    /// <summary>The sentence of a resource key in the current culture with its values (nested lines and words said too).</summary>
    public static string Text(string key, params object?[] args)
    {
        var template = (English ? EnglishOf(key) : null) ?? ZhTable.Value.GetValueOrDefault(key) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args.Select(a => a is Line l ? l.Text() : a).ToArray());
    }

    /// <summary>The words of a subsidy ineligibility reason code (<see cref="SubsidyReason"/>) in the current culture.</summary>
    public static string Reason(string code) => English ? EnglishOf("Reason." + code) ?? code : SubsidyReason.Zh(code);

    public static string Generic(Outcome outcome) => EnglishOf("Msg.Generic." + outcome) ?? "The request was refused";

    static string? ByCode(string? code, string chinese)
    {
        if (string.IsNullOrEmpty(code)) return null;
        for (var i = 1; i < 10; i++)
        {
            var key = i == 1 ? "Code." + code : $"Code.{code}#{i}";
            if (EnglishOf(key) is not { } en) return null;
            var zh = ZhTable.Value.GetValueOrDefault(key) ?? "";
            if (zh == "*") return en;
            if (Fill(zh, en, chinese, wordSlots: false) is { } said) return said;
        }
        return null;
    }

    /// <summary>By the Chinese text: the phrasebook, then the sentences of every code (a coded sentence reached without its code,
    /// e.g. a field error of a validator that carries several codes).</summary>
    static string? ByPhrase(string chinese)
    {
        if (EnglishOf("Msg:" + chinese) is { } exact) return exact;
        if (CodedExact.Value.TryGetValue(chinese, out var coded)) return coded;
        foreach (var (zh, en, slots) in Templates.Value)
            if (Fill(zh, en, chinese, wordSlots: slots) is { } said) return said;
        return null;
    }

    static readonly Lazy<Dictionary<string, string>> CodedExact = new(() => EnTable.Value
        .Where(e => e.Key.StartsWith("Code.", StringComparison.Ordinal) && ZhTable.Value.TryGetValue(e.Key, out var zh) && !Placeholder.IsMatch(zh) && zh != "*")
        .GroupBy(e => ZhTable.Value[e.Key]).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));

    static readonly Lazy<List<(string Zh, string En, bool Slots)>> Templates = new(() => EnTable.Value
        .Where(e => e.Key.StartsWith("Msg:", StringComparison.Ordinal) && Placeholder.IsMatch(e.Key)).Select(e => (e.Key[4..], e.Value, true))
        .Concat(EnTable.Value.Where(e => e.Key.StartsWith("Code.", StringComparison.Ordinal) && ZhTable.Value.TryGetValue(e.Key, out var zh) && Placeholder.IsMatch(zh))
            .Select(e => (ZhTable.Value[e.Key], e.Value, false)))
        .OrderByDescending(t => t.Item1.Length).ToList());

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new();

    /// <summary>The English template filled with the values the Chinese template finds in the message, or null when it does not fit.
    /// With <paramref name="wordSlots"/> (the phrasebook), a placeholder set in the Chinese without quotes or spaces (该{0}已被他人修改)
    /// stands for a word the resources must know (Msg:培训班 → class): when they do not, the template does not fit.</summary>
    static string? Fill(string zhTemplate, string enTemplate, string chinese, bool wordSlots)
    {
        if (!Placeholder.IsMatch(zhTemplate)) return zhTemplate == chinese ? enTemplate : null;
        var re = Patterns.GetOrAdd(zhTemplate, t =>
        {
            var parts = Placeholder.Split(t); // text, n, text, n, ...
            var sb = new System.Text.StringBuilder("^");
            var used = new HashSet<string>();
            for (var i = 0; i < parts.Length; i++)
                sb.Append(i % 2 == 0 ? Regex.Escape(parts[i]) : used.Add(parts[i]) ? $"(?<a{parts[i]}>.+?)" : $"\\k<a{parts[i]}>");
            return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline);
        });
        var m = re.Match(chinese);
        if (!m.Success) return null;
        if (wordSlots)
            foreach (Match p in Placeholder.Matches(zhTemplate))
            {
                var before = p.Index == 0 ? ' ' : zhTemplate[p.Index - 1];
                var after = p.Index + p.Length >= zhTemplate.Length ? ' ' : zhTemplate[p.Index + p.Length];
                var slot = (p.Index == 0 || HasCjk(before.ToString())) && (p.Index + p.Length >= zhTemplate.Length || HasCjk(after.ToString()));
                if (slot && HasCjk(Value(m.Groups["a" + p.Groups[1].Value].Value))) return null;
            }
        return Placeholder.Replace(enTemplate, p => m.Groups["a" + p.Groups[1].Value] is { Success: true } g ? Value(g.Value) : p.Value);
    }

    /// <summary>An interpolated value in English: an enum word or a phrase the resources know; anything else (data) as it is.</summary>
    static string Value(string v)
    {
        if (!HasCjk(v)) return v;
        if (EnumWords.Value.TryGetValue(v.Trim(), out var w)) return w;
        if (EnglishOf("Msg:" + v) is { } p) return p;
        if (v.Contains('、'))   // a list of words: each said, or the whole left as it is
        {
            var parts = v.Split('、').Select(Value).ToList();
            if (!parts.Any(HasCjk)) return string.Join(", ", parts);
        }
        return v;
    }

    static readonly Lazy<Dictionary<string, string>> EnumWords = new(() =>
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in typeof(Say).Assembly.GetTypes().Where(t => t.IsEnum))
            foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Static))
                if (f.GetCustomAttribute<ZhAttribute>() is { } zh && EnglishOf($"Enum.{t.Name}.{f.Name}") is { } en)
                    foreach (var word in zh.Words) d.TryAdd(word, en);
        foreach (var (key, en) in EnTable.Value.Where(e => e.Key.StartsWith("Reason.", StringComparison.Ordinal)))
            if (ZhTable.Value.TryGetValue(key, out var zh)) d.TryAdd(zh, en);
        return d;
    });
}

/// <summary>The UI's enum words in the current culture (short for <see cref="Say.Word{T}"/>).</summary>
public static class Words
{
    public static string Of<T>(T value) where T : struct, Enum => Say.Word(value);
}

/// <summary>A resource sentence with its values, said in the current culture when read: a value is data (shown as entered),
/// or chrome: a <see cref="Chrome"/> (an enum word already in the culture) or a nested <see cref="Line"/>.</summary>
public sealed record Line(string Key, object?[] Args)
{
    public string Text() => Say.Text(Key, Args);
}

/// <summary>Chrome inside a <see cref="Line"/>: a word already in the current culture, never marked as data.</summary>
public sealed record Chrome(string Text)
{
    public override string ToString() => Text;
}
