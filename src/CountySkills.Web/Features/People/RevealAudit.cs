using System.Text.Json;

namespace CountySkills.Web.Features.People;

/// <summary>The audit entry every showing of unmasked personal data writes (reveal, edit form, unmasked export).</summary>
public static class RevealAudit
{
    public static AuditEntry Of(CurrentUser user, TimeProvider clock, string entityKey, object details) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime, UserId = user.UserId, UserName = user.UserName, Action = AuditEntry.Reveal,
        Entity = nameof(Person), EntityKey = entityKey, Changes = JsonSerializer.Serialize(details, Json),
    };

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
