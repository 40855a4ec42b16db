namespace CountySkills.Web.Features.People.Import;

/// <summary>Finds townships and villages by the names people write (青石镇 / 青石 / 城关街道 / 柳河村 / 柳河), or by code.</summary>
public sealed class PlaceIndex
{
    readonly Dictionary<string, string> _townships = new();
    readonly Dictionary<(string Township, string Name), string> _villages = new();
    readonly Dictionary<string, List<string>> _villagesByName = new();
    readonly HashSet<string> _codes = new();

    public PlaceIndex(IEnumerable<Region> regions)
    {
        foreach (var r in regions)
        {
            _codes.Add(r.Code);
            if (r.Level == AreaLevel.Township)
                foreach (var n in Variants(r.Name, ["街道办事处", "办事处", "街道", "镇", "乡"])) _townships.TryAdd(n, r.Code);
            else if (r.Level == AreaLevel.Village)
                foreach (var n in Variants(r.Name, ["村民委员会", "居民委员会", "社区", "村"]))
                {
                    _villages.TryAdd((r.ParentCode!, n), r.Code);
                    if (!_villagesByName.TryGetValue(n, out var list)) _villagesByName[n] = list = [];
                    if (!list.Contains(r.Code)) list.Add(r.Code);
                }
        }
    }

    public async static Task<PlaceIndex> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township || r.Level == AreaLevel.Village).ToListAsync(ct));

    public string? Township(string text)
    {
        var t = Clean(text);
        if (t.Length == 9 && _codes.Contains(t)) return t;
        return _townships.GetValueOrDefault(t) ?? _townships.GetValueOrDefault(Strip(t, ["街道办事处", "办事处", "街道", "镇", "乡"]));
    }

    public string? Village(string? townshipCode, string text)
    {
        var t = Clean(text);
        if (t.Length == 12 && _codes.Contains(t) && (townshipCode is null || t.StartsWith(townshipCode))) return t;
        var bare = Strip(t, ["村民委员会", "居民委员会", "社区", "村"]);
        if (townshipCode is not null)
            return _villages.GetValueOrDefault((townshipCode, t)) ?? _villages.GetValueOrDefault((townshipCode, bare));
        // Without a township the name must be unique in the county.
        var hits = _villagesByName.GetValueOrDefault(t) ?? _villagesByName.GetValueOrDefault(bare);
        return hits is { Count: 1 } ? hits[0] : null;
    }

    static IEnumerable<string> Variants(string name, string[] suffixes)
    {
        var n = Clean(name);
        yield return n;
        var bare = Strip(n, suffixes);
        if (bare.Length >= 2) yield return bare;
    }

    static string Strip(string s, string[] suffixes)
    {
        foreach (var suf in suffixes)
            if (s.Length > suf.Length + 1 && s.EndsWith(suf, StringComparison.Ordinal)) return s[..^suf.Length];
        return s;
    }

    static string Clean(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c != '\u3000')).Replace('（', '(').Replace('）', ')');
}
