using Microsoft.EntityFrameworkCore.Metadata;

namespace CountySkills.Web.Features.Admin;

/// <summary>One audit entry as an auditor reads it (the list, the page and the export all show this).</summary>
public sealed record AuditItem(long Id, DateTime AtUtc, string UserName, string? UserDisplayName, string Action, string ActionName,
    string Entity, string EntityName, string EntityKey, string? AreaCode, IReadOnlyList<AuditReader.Change> Changes)
{
    public static AuditItem Of(AuditEntry e, IModel model, TimeProvider clock, DisplayNames names) => new(
        e.Id, DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.UserName, names.Of(e), e.Action, AuditVocabulary.ActionName(e.Action, e.EntityKey, e.Changes),
        e.Entity, AuditVocabulary.EntityName(e.Entity), e.EntityKey, e.AreaCode, AuditReader.Read(model, clock, e.Entity, e.Changes, e.Action));
}

/// <summary>Accounts' display names, by user id and else by user name (entries written outside a request carry no id).</summary>
public sealed class DisplayNames(IReadOnlyDictionary<string, string> byId, IReadOnlyDictionary<string, string> byName)
{
    public string? Of(AuditEntry e) => Of(e.UserId, e.UserName);

    public string? Of(string? userId, string userName) =>
        userId is not null && byId.TryGetValue(userId, out var n) ? n
        : byName.TryGetValue(userName.ToUpperInvariant(), out var m) ? m
        : userName == AuditActor.System.UserName ? AuditVocabulary.System : null;

    /// <summary>The names of the accounts these entries name, in one query.</summary>
    public static async Task<DisplayNames> ForAsync(AppDbContext db, IEnumerable<(string? UserId, string UserName)> actors, CancellationToken ct)
    {
        var list = actors.ToList();
        var ids = list.Select(a => a.UserId).OfType<string>().Distinct().ToList();
        var names = list.Select(a => a.UserName.ToUpperInvariant()).Distinct().ToList();
        if (list.Count == 0) return new DisplayNames(new Dictionary<string, string>(), new Dictionary<string, string>());
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) || names.Contains(u.NormalizedUserName!))
            .Select(u => new { u.Id, u.NormalizedUserName, u.DisplayName }).ToListAsync(ct);
        return Of(users.Select(u => (u.Id, u.NormalizedUserName, u.DisplayName)));
    }

    /// <summary>Every account's name (an export may name any of them; the table of accounts is small).</summary>
    public static async Task<DisplayNames> AllAsync(AppDbContext db, CancellationToken ct) =>
        Of((await db.Users.AsNoTracking().Select(u => new { u.Id, u.NormalizedUserName, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.NormalizedUserName, u.DisplayName)));

    static DisplayNames Of(IEnumerable<(string Id, string? NormalizedUserName, string DisplayName)> users)
    {
        var list = users.Where(u => u.DisplayName.Length > 0).ToList();
        return new DisplayNames(list.ToDictionary(u => u.Id, u => u.DisplayName),
            list.Where(u => u.NormalizedUserName is not null).GroupBy(u => u.NormalizedUserName!).ToDictionary(g => g.Key, g => g.First().DisplayName));
    }
}
