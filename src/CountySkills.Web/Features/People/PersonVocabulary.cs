namespace CountySkills.Web.Features.People;

/// <summary>
/// The words county ledgers use for each coded value, first one canonical (used in exports and the template), the
/// others as people write them. Import maps text to values through these; text that maps to nothing is value.invalid.
/// </summary>
public static class PersonVocabulary
{
    public static readonly IReadOnlyDictionary<PersonTags, string[]> Tags = new Dictionary<PersonTags, string[]>
    {
        [PersonTags.PovertyAlleviated] = ["脱贫户", "脱贫人口", "脱贫劳动力", "建档立卡户"],
        [PersonTags.Monitored] = ["监测对象", "防返贫监测对象", "监测户"],
        [PersonTags.LeftBehindWoman] = ["留守妇女"],
        [PersonTags.MigrantWorker] = ["农民工"],
        [PersonTags.Disabled] = ["残疾人"],
        [PersonTags.Unemployed] = ["失业人员", "登记失业人员"],
        [PersonTags.SchoolLeaver] = ["未升学初高中毕业生", "两后生", "未升学毕业生"],
        [PersonTags.Veteran] = ["退役军人"],
        [PersonTags.ReturnedEntrepreneur] = ["返乡创业", "返乡创业人员"],
    };

    public static readonly IReadOnlyDictionary<EmploymentStatus, string[]> Statuses = new Dictionary<EmploymentStatus, string[]>
    {
        [EmploymentStatus.Unemployed] = ["未就业", "待业", "无业"],
        [EmploymentStatus.Farming] = ["务农", "在家务农"],
        [EmploymentStatus.InCounty] = ["县内就业", "县内务工"],
        [EmploymentStatus.OutOfCountyInProvince] = ["县外省内就业", "省内县外就业", "县外省内务工"],
        [EmploymentStatus.OutOfProvince] = ["省外就业", "省外务工", "外省务工"],
        [EmploymentStatus.Flexible] = ["灵活就业"],
        [EmploymentStatus.SelfEmployed] = ["自主创业", "自主就业", "创业"],
        [EmploymentStatus.InSchool] = ["在校", "在校生", "在读"],
        [EmploymentStatus.UnableToWork] = ["无劳动能力", "丧失劳动能力"],
    };

    public static readonly IReadOnlyDictionary<DestinationBand, string[]> Destinations = new Dictionary<DestinationBand, string[]>
    {
        [DestinationBand.InCounty] = ["县内"],
        [DestinationBand.OutOfCountyInCity] = ["县外市内", "市内县外"],
        [DestinationBand.OutOfCityInProvince] = ["市外省内", "省内市外"],
        [DestinationBand.OutOfProvince] = ["省外"],
        [DestinationBand.Abroad] = ["境外", "国外"],
    };

    public static readonly IReadOnlyDictionary<Education, string[]> Educations = new Dictionary<Education, string[]>
    {
        [Education.Unknown] = ["未知"],
        [Education.Primary] = ["小学", "小学及以下", "文盲或半文盲"],
        [Education.JuniorHigh] = ["初中"],
        [Education.SeniorHigh] = ["高中"],
        [Education.Vocational] = ["中专", "中职", "技校", "职高"],
        [Education.College] = ["大专", "高职"],
        [Education.Bachelor] = ["本科", "大学本科"],
        [Education.Postgraduate] = ["研究生", "硕士", "博士"],
    };

    public static readonly IReadOnlyDictionary<MonitoredCategory, string[]> MonitoredCategories = new Dictionary<MonitoredCategory, string[]>
    {
        [MonitoredCategory.Unstable] = ["脱贫不稳定户"],
        [MonitoredCategory.Marginal] = ["边缘易致贫户"],
        [MonitoredCategory.SuddenHardship] = ["突发严重困难户"],
    };

    public static string Name<T>(IReadOnlyDictionary<T, string[]> words, T value) where T : notnull => words.TryGetValue(value, out var w) ? w[0] : value.ToString()!;

    public static bool TryParse<T>(IReadOnlyDictionary<T, string[]> words, string text, out T value) where T : struct, Enum
    {
        var t = text.Trim();
        foreach (var (k, w) in words)
            if (w.Contains(t)) { value = k; return true; }
        return Enum.TryParse(t, true, out value) && Enum.IsDefined(value);
    }

    /// <summary>Tags written in one cell, separated by 、，,;；/ or spaces.</summary>
    public static bool TryParseTags(string text, out PersonTags tags, out string? unknown)
    {
        tags = PersonTags.None;
        unknown = null;
        foreach (var part in text.Split(['、', '，', ',', ';', '；', '/', ' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part is "无" or "否" or "-" or "—") continue;
            if (!TryParse(Tags, part, out var t)) { unknown = part; return false; }
            tags |= t;
        }
        return true;
    }

    public static string TagsText(PersonTags tags) =>
        string.Join("、", Tags.Where(t => tags.HasFlag(t.Key)).Select(t => t.Value[0]));
}
