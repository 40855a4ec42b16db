using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CountySkills.Web.Features.Admin;

/// <summary>
/// Turns an entry's change JSON into lines an auditor reads: field names in words, enum numbers as their words (the
/// EF model says which property holds which enum), fen as yuan, instants in county time, yes/no for flags; versions
/// and password stamps are left out, and ID numbers and phones are masked whatever wrote them.
/// </summary>
public static class AuditReader
{
    public sealed record Change(string Field, string FieldName, string From, string To);

    static readonly HashSet<string> Hidden = ["Version", "ConcurrencyStamp", "SecurityStamp", "PasswordHash", "NormalizedUserName", "NormalizedEmail"];
    static readonly HashSet<string> IdFields = ["IdNumber", "eligibility"];
    static readonly HashSet<string> PhoneFields = ["Phone", "PhoneNumber", "ContactPhone"];
    /// <summary>Keys of manual entries that hold a coded value.</summary>
    static readonly Dictionary<string, Type> Hints = new() { ["level"] = typeof(SkillLevel) };
    static readonly ConditionalWeakTable<IModel, Dictionary<string, IEntityType>> Types = new();

    /// <summary>The lines of an entry; a new record's lines carry only its values (no "（空） →"), and leave out empty fields.</summary>
    public static IReadOnlyList<Change> Read(IModel model, TimeProvider clock, string entity, string? json, string? action = null)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); } catch (JsonException) { return [new Change("", "", "", json)]; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new Change("", "", "", json)];
            var lines = new List<Change>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (Hidden.Contains(p.Name)) continue;
                var type = TypeOf(model, entity, p.Name);
                if (type == typeof(Guid)) continue;
                var name = AuditVocabulary.FieldName(entity, p.Name);
                if (p.Value is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 2 && !IsList(p.Name))
                {
                    if (action == AuditEntry.Insert && a[0].ValueKind == JsonValueKind.Null)
                    {
                        if (a[1].ValueKind != JsonValueKind.Null) lines.Add(new Change(p.Name, name, "", Text(a[1], type, p.Name, clock)));
                        continue;
                    }
                    lines.Add(new Change(p.Name, name, Text(a[0], type, p.Name, clock), Text(a[1], type, p.Name, clock)));
                }
                else
                    lines.Add(new Change(p.Name, name, "", Text(p.Value, type, p.Name, clock)));
            }
            return lines;
        }
    }

    /// <summary>One line per change, "字段：旧 → 新" (or "字段：值"), for the workbook's cell and the access log.</summary>
    public static string Line(Change c) => c.From.Length == 0 ? $"{c.FieldName}：{c.To}" : $"{c.FieldName}：{c.From} → {c.To}";

    /// <summary>A recorded object (an export's filter) in words: "操作人=county；区划=419921101".</summary>
    public static string Describe(object value, TimeProvider clock)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(value));
        return Text(doc.RootElement, null, "", clock);
    }

    static bool IsList(string field) => field is "reasons";

    static Type? TypeOf(IModel model, string entity, string field)
    {
        var types = Types.GetValue(model, m => m.GetEntityTypes().GroupBy(t => t.ClrType.Name).ToDictionary(g => g.Key, g => g.First()));
        var property = types.GetValueOrDefault(entity)?.FindProperty(field);
        if (property is null) return Hints.GetValueOrDefault(field);
        return Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
    }

    static string Text(JsonElement e, Type? type, string field, TimeProvider clock)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return AuditVocabulary.Empty;
            case JsonValueKind.True: return AuditVocabulary.Yes;
            case JsonValueKind.False: return AuditVocabulary.No;
            case JsonValueKind.Array: return string.Join("、", e.EnumerateArray().Select(x => Text(x, type, field, clock)));
            case JsonValueKind.Object:
                return string.Join("；", e.EnumerateObject()
                    .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !(p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == ""))
                    .Select(p => $"{AuditVocabulary.FieldName("", p.Name)}={Text(p.Value, null, p.Name, clock)}"));
        }
        if (field == "role" && e.ValueKind == JsonValueKind.String && Roles.ZhNames.TryGetValue(e.GetString()!, out var roleName))
            return AuditVocabulary.English ? e.GetString()! : roleName;
        if (type is { IsEnum: true })
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n)) return AuditEnumWords.Of(type, n);
            if (e.ValueKind == JsonValueKind.String && Enum.TryParse(type, e.GetString(), true, out var v)) return AuditEnumWords.Of(type, Convert.ToInt64(v));
        }
        if (e.ValueKind == JsonValueKind.Number)
            return field.EndsWith("Fen", StringComparison.Ordinal) && e.TryGetInt64(out var fen) ? AuditVocabulary.Yuan(fen) : e.GetRawText();
        var s = e.GetString() ?? "";
        if (IdFields.Contains(field)) return s.Length >= 15 ? IdNumber.Mask(s) : s;
        if (PhoneFields.Contains(field)) return s.Length == 0 ? s : Phone.Mask(s);
        if (field == "fields") // which fields a reveal showed: "IdNumber,Phone" → 身份证号、手机号
            return string.Join(AuditVocabulary.English ? ", " : "、", s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => AuditVocabulary.FieldName(nameof(Person), f)));
        if (field == "outcome") return AuditVocabulary.SignInOutcome(s);
        if (field == "search") return AuditVocabulary.SearchKind(s);
        if (field == "purpose") return AuditVocabulary.SearchPurpose(s);
        if (field.Equals("reasons", StringComparison.OrdinalIgnoreCase))
            return string.Join("、", s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Reason));
        if ((type == typeof(DateTime) || field.EndsWith("Utc", StringComparison.Ordinal))
            && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            return clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return s;
    }

    static string Reason(string code) => AuditVocabulary.English ? code : SubsidyReason.Zh(code);
}
