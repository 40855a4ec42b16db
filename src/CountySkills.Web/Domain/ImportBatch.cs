namespace CountySkills.Web.Domain;

/// <summary>One committed file import: who, when, which file, what it did. People it created point to it.</summary>
public sealed class ImportBatch : IAudited
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public string UserName { get; init; } = "";
    public DateTime AtUtc { get; init; }
    public int TotalRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }

    public static ImportBatch Start(string kind, string fileName, string sha256, string userName, DateTime atUtc) => new()
    {
        Kind = kind, FileName = Path.GetFileName(fileName) is { Length: > 260 } n ? n[..260] : Path.GetFileName(fileName), Sha256 = sha256,
        UserName = userName, AtUtc = atUtc,
    };
}
