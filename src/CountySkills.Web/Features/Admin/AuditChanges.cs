using System.Text.Json;

namespace CountySkills.Web.Features.Admin;

/// <summary>Reads an audit entry's change JSON ({"field": [old, new]} or {"key": value}) into readable lines.</summary>
public static class AuditChanges
{
    public static IEnumerable<(string Field, string From, string To)> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) yield break;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); } catch (JsonException) { yield break; }
        using (doc)
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 2)
                    yield return (p.Name, Text(a[0]), Text(a[1]));
                else
                    yield return (p.Name, "", Text(p.Value));
            }
        }
    }

    static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "（空）",
        JsonValueKind.String => e.GetString() ?? "",
        _ => e.GetRawText(),
    };
}
