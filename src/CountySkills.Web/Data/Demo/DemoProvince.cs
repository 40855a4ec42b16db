using CountySkills.Web.Domain;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// A demo province of N counties for province-scale trials (seed --counties N): fictional cities of five counties each (codes 4199,
/// 4198, …, which GB/T 2260 does not use), each county shaped like the demo county 禾丰县 (the same township codes and village counts,
/// generated names). County 0 is 禾丰县 itself with its own names, so one county is exactly today's demo. All names are generated
/// demo names, not real places. With more than one county the tree gains its province (41) and city rows above the counties;
/// with one it stays as it was (the county is the root).
/// </summary>
public static class DemoProvince
{
    public const string Code = "41";
    public const string Name = "河南省";
    public const int CountiesPerCity = 5, MaxCounties = 100;

    static readonly string[] CityNames = ["丰州市", "禾川市", "明阳市", "安平市", "清源市", "临江市", "福宁市", "长岭市", "泰和市", "永丰市",
        "嘉禾市", "新宁市", "平川市", "瑞安市", "广源市", "德阳市", "兴隆市", "同和市", "宁远市", "金城市"];
    static readonly string First = "青柳白金双高杨河新王桃东南北西石清安平永和宁丰明泰嘉瑞兴广德福长临同远";
    static readonly string Second = "川阳源江水山城州陵丘原平安宁泽林溪坪岗台";

    /// <summary>The code of the city a county belongs to (its first four digits) and of county number <paramref name="index"/>.</summary>
    public static string CityCode(int index) => $"{Code}{99 - index / CountiesPerCity:00}";
    public static string CountyCode(int index) => $"{CityCode(index)}{21 + index % CountiesPerCity}";

    /// <summary>The regions of a demo of <paramref name="counties"/> counties (1: exactly <see cref="DemoCounty.Regions()"/>).</summary>
    public static IEnumerable<Region> Regions(int counties)
    {
        if (counties <= 1)
        {
            foreach (var r in DemoCounty.Regions()) yield return r;
            yield break;
        }
        yield return new Region { Code = Code, Name = Name, Level = AreaLevel.Province };
        for (var c = 0; c * CountiesPerCity < counties; c++)
            yield return new Region { Code = CityCode(c * CountiesPerCity), Name = CityNames[c % CityNames.Length], Level = AreaLevel.City, ParentCode = Code };
        var used = new HashSet<string> { DemoCounty.Name };
        for (var i = 0; i < counties; i++)
        {
            var code = CountyCode(i);
            var rnd = new Random(7000 + i);
            var name = i == 0 ? DemoCounty.Name : Unique(rnd, used, "县");
            var townships = i == 0 ? DemoCounty.Townships : Townships(code, rnd);
            foreach (var r in DemoCounty.Regions(code, name, townships, i, CityCode(i))) yield return r;
        }
    }

    /// <summary>The village codes of the demo's counties, in code order (what the ledger generator spreads people over).</summary>
    public static string[] Villages(int counties) =>
        Regions(counties).Where(r => r.Level == AreaLevel.Village).Select(r => r.Code).Order(StringComparer.Ordinal).ToArray();

    static (string Code, string Name)[] Townships(string county, Random rnd)
    {
        var used = new HashSet<string>();
        return DemoCounty.Townships.Select(t =>
        {
            var suffix = t.Code[6..];
            var name = suffix switch
            {
                "001" => "城关街道办事处",
                "401" => "县产业集聚区",
                _ => Unique(rnd, used, suffix[0] == '1' ? "镇" : "乡"),
            };
            return (county + suffix, name);
        }).ToArray();
    }

    static string Unique(Random rnd, HashSet<string> used, string kind)
    {
        while (true)
        {
            var name = $"{First[rnd.Next(First.Length)]}{Second[rnd.Next(Second.Length)]}{kind}";
            if (used.Add(name)) return name;
        }
    }
}
