namespace CountySkills.Web.Domain;

/// <summary>Append-only trail of every change (and every reveal of personal data). Never updated or deleted.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTime AtUtc { get; init; }
    public string? UserId { get; init; }
    public string UserName { get; init; } = "system";
    public required string Action { get; init; }
    public required string Entity { get; init; }
    public required string EntityKey { get; set; }
    /// <summary>The area code of the record the entry is about (places' records), for the auditor's area filter.</summary>
    public string? AreaCode { get; init; }
    /// <summary>JSON object: field -> [old, new].</summary>
    public string? Changes { get; init; }

    public const string Insert = "Insert", Update = "Update", Delete = "Delete", Reveal = "Reveal", SignIn = "SignIn", SignInFailed = "SignInFailed",
        Export = "Export", Search = "Search";
}
