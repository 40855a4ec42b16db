using System.Text.Json;

namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>Every account change as one audit entry: who, which account, what (old -> new) and why. Accounts are
/// written through Identity's store, outside the audit interceptor, so their entries are written here.</summary>
public static class AccountAudit
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, CurrentUser actor, string action, AppUser account,
        Dictionary<string, object?[]> changes, string? reason, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var body = new Dictionary<string, object?>(changes.Select(c => new KeyValuePair<string, object?>(c.Key, c.Value)))
        {
            ["userName"] = account.UserName,
        };
        if (reason is { Length: > 0 }) body["reason"] = reason;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.IsAuthenticated ? actor.UserName : "system",
            Action = action, Entity = "User", EntityKey = account.Id, AreaCode = account.AreaScope is { Length: <= 12 } a ? a : null,
            Changes = JsonSerializer.Serialize(body, Json),
        });
        await db.SaveChangesAsync(ct);
    }
}
