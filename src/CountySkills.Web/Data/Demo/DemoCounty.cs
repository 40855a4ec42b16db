using CountySkills.Web.Domain;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// The fictional demo county 禾丰县 (code 419921): 1 sub-district office, 11 towns, 5 townships, an industrial
/// cluster zone and 353 villages, shaped like the reference county of DESIGN.md.
/// </summary>
public static class DemoCounty
{
    public const string Code = "419921";
    public const string Name = "禾丰县";
    public const int VillageCount = 353;

    public static readonly (string Code, string Name)[] Townships =
    [
        ("419921001", "城关街道办事处"),
        ("419921101", "青石镇"), ("419921102", "柳河镇"), ("419921103", "白马镇"), ("419921104", "金桥镇"),
        ("419921105", "双庙镇"), ("419921106", "高台镇"), ("419921107", "杨集镇"), ("419921108", "河口镇"),
        ("419921109", "新店镇"), ("419921110", "王岗镇"), ("419921111", "桃园镇"),
        ("419921201", "东坪乡"), ("419921202", "南湾乡"), ("419921203", "北岭乡"), ("419921204", "西沟乡"), ("419921205", "石桥乡"),
        ("419921401", "县产业集聚区"),
    ];

    /// <summary>Villages per township-level unit; sums to 353 (the zone has two communities).</summary>
    static readonly int[] VillagesPer = [12, 26, 25, 24, 24, 23, 23, 22, 22, 21, 21, 20, 19, 19, 18, 17, 15, 2];

    static readonly string[] First = ["张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"];
    static readonly string[] Second = ["庄", "营", "寨", "楼", "岗", "集", "湾", "沟", "店", "坡", "洼", "河", "桥", "林", "园", "屯", "堂", "台", "岭", "坪"];

    public static IEnumerable<Region> Regions() => Regions(Code, Name, Townships, 0, null);

    /// <summary>A county shaped like the demo county: its townships (same codes after the county code, given names) and their villages;
    /// <paramref name="index"/> 0 is the demo county itself (the same villages as always), another index another county's names.</summary>
    public static IEnumerable<Region> Regions(string county, string name, IReadOnlyList<(string Code, string Name)> townships, int index, string? parent)
    {
        yield return new Region { Code = county, Name = name, Level = AreaLevel.County, ParentCode = parent };
        var names = new HashSet<string>();
        for (var t = 0; t < townships.Count; t++)
        {
            var (code, tname) = townships[t];
            yield return Region.Township(code, tname);
            var rnd = new Random(1000 + t + 100 * index);
            for (var v = 1; v <= VillagesPer[t]; v++)
            {
                string vname;
                do
                {
                    vname = First[rnd.Next(First.Length)] + Second[rnd.Next(Second.Length)];
                } while (!names.Add(code + vname));
                var suffix = code.EndsWith("001") || code.EndsWith("401") ? "社区" : "村";
                yield return Region.Village($"{code}{v:000}", vname + suffix);
            }
        }
    }
}
