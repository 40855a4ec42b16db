namespace CountySkills.Web.Features.Admin;

/// <summary>
/// The auditor's filters, shared by the list, the export and the page (one meaning of "these entries"). Each one is
/// an index seek: user name, area-code prefix (a range on AreaCode), entity with record key, and the date range (county
/// days, inclusive) on AtUtc. The entity may be named by its type or by its word (人员, Person).
/// </summary>
public sealed record AuditFilter(string? User = null, string? Area = null, string? Entity = null, string? EntityKey = null,
    DateOnly? From = null, DateOnly? To = null, string? Action = null)
{
    public Result<IQueryable<AuditEntry>> Apply(AppDbContext db, TimeProvider clock)
    {
        var area = Area?.Trim();
        if (area is { Length: > 0 } && (area.Length > 12 || !area.All(char.IsAsciiDigit)))
            return Result.Invalid("area", "区划代码应为 2 至 12 位数字（省 2 位、市 4 位、县 6 位、乡镇 9 位、村 12 位）");
        if (From > To) return Result.Invalid("from", "开始日期不能晚于结束日期");
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(User)) { var u = User.Trim(); q = q.Where(x => x.UserName == u); }
        if (area is { Length: > 0 }) q = q.Where(Scope.AreaPrefix<AuditEntry>(area));
        if (EntityType() is { } entity) q = q.Where(x => x.Entity == entity);
        if (!string.IsNullOrWhiteSpace(EntityKey)) { var k = EntityKey.Trim(); q = q.Where(x => x.EntityKey == k); }
        if (!string.IsNullOrWhiteSpace(Action)) { var a = Action.Trim(); q = q.Where(x => x.Action == a); }
        if (From is { } from) { var f = StartOf(from, clock); q = q.Where(x => x.AtUtc >= f); }
        if (To is { } to) { var t = StartOf(to.AddDays(1), clock); q = q.Where(x => x.AtUtc < t); }
        return Result<IQueryable<AuditEntry>>.Of(q);
    }

    /// <summary>The stored type name for an entity given by name or by its Chinese or English word.</summary>
    public string? EntityType()
    {
        if (string.IsNullOrWhiteSpace(Entity)) return null;
        var e = Entity.Trim();
        return AuditVocabulary.Entities.FirstOrDefault(x => x.Key == e || x.Value.Zh == e || x.Value.En.Equals(e, StringComparison.OrdinalIgnoreCase)).Key ?? e;
    }

    /// <summary>What the filter selected, for the export's own audit entry and its notes sheet.</summary>
    public object Described() => new { user = User, area = Area, entity = EntityType(), entityKey = EntityKey, from = From, to = To, action = Action };

    static DateTime StartOf(DateOnly day, TimeProvider clock) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);
}
