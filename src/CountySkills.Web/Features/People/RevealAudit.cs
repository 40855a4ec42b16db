using System.Text.Json;

namespace CountySkills.Web.Features.People;

/// <summary>The audit entry every showing of unmasked personal data writes (reveal, edit form, unmasked export); a masked
/// ledger export writes one too (action Export), so a person's access log can name every file that listed them.</summary>
public static class RevealAudit
{
    public static AuditEntry Of(CurrentUser user, TimeProvider clock, string entityKey, object details, string? areaCode = null, string action = AuditEntry.Reveal) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime, UserId = user.UserId, UserName = user.UserName, Action = action,
        Entity = nameof(Person), EntityKey = entityKey, AreaCode = areaCode, Changes = JsonSerializer.Serialize(details, Json),
    };

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
