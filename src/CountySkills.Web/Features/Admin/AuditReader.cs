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
    /// <summary>Fields of entries written by hand (reveals, exports, sign-ins, accounts) that hold personal data; an entity's
    /// own fields say so by their <see cref="PersonalDataAttribute"/> marking.</summary>
    static readonly Dictionary<string, PersonalKind> ManualFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IdNumber"] = PersonalKind.IdNumber, ["eligibility"] = PersonalKind.IdNumber, ["Phone"] = PersonalKind.Phone,
        ["PhoneNumber"] = PersonalKind.Phone, ["ContactPhone"] = PersonalKind.Phone, ["BirthDate"] = PersonalKind.BirthDate,
        ["Contact"] = PersonalKind.FreeText,
    };
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
                var personal = PersonalOf(model, entity, p.Name);
                var name = AuditVocabulary.FieldName(entity, p.Name);
                if (p.Value is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 2 && !IsList(p.Name))
                {
                    if (action == AuditEntry.Insert && a[0].ValueKind == JsonValueKind.Null)
                    {
                        if (a[1].ValueKind != JsonValueKind.Null) lines.Add(new Change(p.Name, name, "", Text(a[1], type, p.Name, clock, personal)));
                        continue;
                    }
                    lines.Add(new Change(p.Name, name, Text(a[0], type, p.Name, clock, personal), Text(a[1], type, p.Name, clock, personal)));
                }
                else
                    lines.Add(new Change(p.Name, name, "", Text(p.Value, type, p.Name, clock, personal)));
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

    static IEntityType? EntityOf(IModel model, string entity) =>
        Types.GetValue(model, m => m.GetEntityTypes().GroupBy(t => t.ClrType.Name).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(entity);

    /// <summary>The personal-data marking of an entity's field, else of a hand-written entry's field by its name.</summary>
    static PersonalKind? PersonalOf(IModel model, string entity, string field) =>
        EntityOf(model, entity)?.FindProperty(field) is { } p ? PersonalData.KindOf(p.PropertyInfo) : ManualFields.TryGetValue(field, out var k) ? k : null;

    static Type? TypeOf(IModel model, string entity, string field)
    {
        var property = EntityOf(model, entity)?.FindProperty(field);
        if (property is null) return Hints.GetValueOrDefault(field);
        return Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
    }

    static string Text(JsonElement e, Type? type, string field, TimeProvider clock, PersonalKind? personal = null)
    {
        personal ??= ManualFields.TryGetValue(field, out var named) ? named : null;
        // Masked whatever wrote the entry: an entry from before a field was marked reads masked too.
        if (personal is { } kind && e.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            return PersonalData.MaskText(kind, e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText());
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
        return PersonalData.MaskIdNumbersIn(s); // a safety net: an ID number in a field nobody marked
    }

    static string Reason(string code) => AuditVocabulary.English ? code : SubsidyReason.Zh(code);
}
