namespace CountySkills.Web.Domain;

/// <summary>A county, a township-level unit (镇/乡/街道/园区) or a village, keyed by its statistical code.</summary>
public sealed class Region : IAudited
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AreaLevel Level { get; init; }
    public TownshipKind? Kind { get; init; }
    public string? ParentCode { get; init; }

    public static Region County(string code, string name) => new() { Code = code, Name = name, Level = AreaLevel.County };

    public static Region Township(string code, string name) => new()
    {
        Code = code, Name = name, Level = AreaLevel.Township, Kind = Domain.AreaCode.TownshipKindOf(code), ParentCode = code[..6],
    };

    public static Region Village(string code, string name) => new()
    {
        Code = code, Name = name, Level = AreaLevel.Village, ParentCode = code[..9],
    };
}
