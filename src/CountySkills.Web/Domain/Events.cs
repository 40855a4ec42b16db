namespace CountySkills.Web.Domain;

public enum EventKind { [Zh("欢送仪式", "送行仪式", "送行")] SendOff = 1, [Zh("招聘会", "专场招聘会")] JobFair = 2, [Zh("政策宣讲", "宣讲会")] Briefing = 3 }

/// <summary>A send-off ceremony (欢送仪式) for organised workers, a job fair (招聘会) or a briefing: who came, what was offered, who signed.</summary>
public sealed class LabourEvent : Entity
{
    public required string Title { get; set; }
    public EventKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public required string Place { get; set; }
    public int Participants { get; set; }
    /// <summary>Employers present, as written (partners or not).</summary>
    public string? EmployersPresent { get; set; }
    public int JobsOffered { get; set; }
    public int PeopleSigned { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A typical case (典型案例) of a person: a story with photos, for reports and publicity.</summary>
public sealed class TypicalCase : Entity
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Title { get; set; }
    public required string Story { get; set; }
    public long? BrandId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class CasePhoto : IAudited
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Data { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string UploadedBy { get; set; } = "";
}
