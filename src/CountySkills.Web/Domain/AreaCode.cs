namespace CountySkills.Web.Domain;

/// <summary>
/// Statistical area code: 2 province, 4 city, 6 county, 9 township, 12 village digits. A scope is a prefix of it.
/// </summary>
public static class AreaCode
{
    public static AreaLevel LevelOf(string code) => code.Length switch
    {
        2 => AreaLevel.Province,
        4 => AreaLevel.City,
        6 => AreaLevel.County,
        9 => AreaLevel.Township,
        12 => AreaLevel.Village,
        _ => throw new FormatException($"区划代码 {code} 的位数不对"),
    };

    public static bool IsValid(string? code) =>
        code is { Length: 2 or 4 or 6 or 9 or 12 } && code.All(char.IsAsciiDigit);

    /// <summary>Township-level kind from the 3 township digits (DOMAIN.md).</summary>
    public static TownshipKind TownshipKindOf(string townshipCode)
    {
        var n = int.Parse(townshipCode.Substring(6, 3));
        return n switch
        {
            < 100 => TownshipKind.Subdistrict,
            < 200 => TownshipKind.Town,
            < 400 => TownshipKind.Township,
            _ => TownshipKind.Zone,
        };
    }

    public static string TownshipOf(string code) => code.Length >= 9 ? code[..9] : code;
    public static bool Contains(string scopePrefix, string code) => code.StartsWith(scopePrefix, StringComparison.Ordinal);
}

public enum AreaLevel { Province = 1, City = 2, County = 3, Township = 4, Village = 5 }

/// <summary>街道/办事处, 镇, 乡, 园区等其他单位.</summary>
public enum TownshipKind { Subdistrict = 1, Town = 2, Township = 3, Zone = 4 }
