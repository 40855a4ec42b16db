namespace CountySkills.Web.Domain;

/// <summary>Every domain entity is audited on insert, update and delete.</summary>
public interface IAudited;

/// <summary>An editable aggregate: the client carries <see cref="Version"/>; a stale one is a 409.</summary>
public abstract class Entity : IAudited
{
    public long Id { get; protected set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public void Touch() => Version = Guid.NewGuid();
}

/// <summary>A record that belongs to a place: carries its full area code (scope is a prefix of it).</summary>
public interface IAreaScoped { string AreaCode { get; } }
public interface IInstitutionScoped { long InstitutionId { get; } }
public interface IEmployerScoped { long EmployerId { get; } }

/// <summary>A record whose pending change says where it came from (e.g. the ledger following a placement): the audit entry
/// of that change carries it as its "Source" field. Not stored on the record itself.</summary>
public interface IAuditSourced { string? AuditSource { get; } }
