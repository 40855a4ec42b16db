using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.People.Import;

/// <summary>Writes ledger workbooks (template, export, rejected rows) with the template's Chinese headers, through
/// <see cref="SheetWriter"/> (formula-like text escaped).</summary>
public static class LedgerWorkbook
{
    /// <summary>The export's columns, in the order of <see cref="Row"/>.</summary>
    public static readonly string[] ExportHeaders =
    [
        .. new[] { LedgerColumns.Seq, LedgerColumns.Name, LedgerColumns.Sex, LedgerColumns.IdNumber, LedgerColumns.Phone, LedgerColumns.Education,
            LedgerColumns.Household, LedgerColumns.Township, LedgerColumns.Village, LedgerColumns.Tags, LedgerColumns.MonitoredCategory,
            LedgerColumns.RiskEliminated, LedgerColumns.Status, LedgerColumns.Destination, LedgerColumns.WorkProvince, LedgerColumns.WorkCity,
            LedgerColumns.Employer, LedgerColumns.Industry, LedgerColumns.Occupation, LedgerColumns.Since, LedgerColumns.MonthlyIncome,
            LedgerColumns.TrainingWish, LedgerColumns.JobWish, LedgerColumns.Notes }.Select(LedgerColumns.HeaderOf),
    ];

    public static Dictionary<string, object?> Row(Person p, IReadOnlyDictionary<string, string> regionNames, int seq, bool reveal) => new()
    {
        [LedgerColumns.HeaderOf(LedgerColumns.Seq)] = seq,
        [LedgerColumns.HeaderOf(LedgerColumns.Name)] = p.Name,
        [LedgerColumns.HeaderOf(LedgerColumns.Sex)] = p.Sex == Sex.Male ? "男" : "女",
        [LedgerColumns.HeaderOf(LedgerColumns.IdNumber)] = reveal ? p.IdNumber : IdNumber.Mask(p.IdNumber),
        [LedgerColumns.HeaderOf(LedgerColumns.Phone)] = reveal ? p.Phone : Phone.Mask(p.Phone),
        [LedgerColumns.HeaderOf(LedgerColumns.Education)] = PersonVocabulary.Name(PersonVocabulary.Educations, p.Education),
        [LedgerColumns.HeaderOf(LedgerColumns.Household)] = p.HouseholdNumber,
        [LedgerColumns.HeaderOf(LedgerColumns.Township)] = regionNames.GetValueOrDefault(p.TownshipCode),
        [LedgerColumns.HeaderOf(LedgerColumns.Village)] = regionNames.GetValueOrDefault(p.AreaCode),
        [LedgerColumns.HeaderOf(LedgerColumns.Tags)] = PersonVocabulary.TagsText(p.Tags),
        [LedgerColumns.HeaderOf(LedgerColumns.MonitoredCategory)] = p.MonitoredCategory is { } m ? PersonVocabulary.Name(PersonVocabulary.MonitoredCategories, m) : null,
        [LedgerColumns.HeaderOf(LedgerColumns.RiskEliminated)] = p.MonitoredRiskEliminated switch { true => "已消除", false => "未消除", _ => null },
        [LedgerColumns.HeaderOf(LedgerColumns.Status)] = PersonVocabulary.Name(PersonVocabulary.Statuses, p.EmploymentStatus),
        [LedgerColumns.HeaderOf(LedgerColumns.Destination)] = p.Destination is { } d ? PersonVocabulary.Name(PersonVocabulary.Destinations, d) : null,
        [LedgerColumns.HeaderOf(LedgerColumns.WorkProvince)] = p.WorkProvince,
        [LedgerColumns.HeaderOf(LedgerColumns.WorkCity)] = p.WorkCity,
        [LedgerColumns.HeaderOf(LedgerColumns.Employer)] = p.Employer,
        [LedgerColumns.HeaderOf(LedgerColumns.Industry)] = p.Industry,
        [LedgerColumns.HeaderOf(LedgerColumns.Occupation)] = p.Occupation,
        [LedgerColumns.HeaderOf(LedgerColumns.Since)] = p.WorkingSince?.ToString("yyyy-MM"),
        [LedgerColumns.HeaderOf(LedgerColumns.MonthlyIncome)] = p.MonthlyIncomeFen is { } f ? f / 100m : null,
        [LedgerColumns.HeaderOf(LedgerColumns.TrainingWish)] = p.TrainingWish,
        [LedgerColumns.HeaderOf(LedgerColumns.JobWish)] = p.JobWish,
        [LedgerColumns.HeaderOf(LedgerColumns.Notes)] = p.Notes,
    };

    public static byte[] Template()
    {
        var example = new Dictionary<string, object?>
        {
            ["序号"] = 1, ["姓名"] = "张三", ["性别"] = "男", ["身份证号"] = "41992119900101123X", ["手机号"] = "13812345678",
            ["文化程度"] = "初中", ["户号"] = "419921101001012", ["乡镇(街道)"] = "青石镇", ["村(社区)"] = "示例村",
            ["人员类别"] = "脱贫户、农民工", ["监测对象类别"] = null, ["风险是否消除"] = null, ["就业状态"] = "省外就业",
            ["就业地域"] = "省外", ["务工省份"] = "北京市", ["务工城市"] = "北京市", ["就业单位"] = "北京京禾家政服务有限公司",
            ["行业"] = "家政服务", ["工种"] = "家政服务员", ["务工时间"] = "2024-03", ["月收入(元)"] = 6500,
            ["培训意愿"] = "育婴员", ["就业意愿"] = "继续外出务工", ["备注"] = "示例行，导入前请删除",
        };
        return SheetWriter.Xlsx([example], "劳动力台账");
    }

    public static byte[] Rejected(ImportReport report)
    {
        var rows = report.RejectedRows.Select(r =>
        {
            var d = new Dictionary<string, object?> { ["行号"] = r.Row };
            foreach (var h in report.Headers) d[h] = r.Cells.GetValueOrDefault(h);
            d["错误原因"] = r.Reasons;
            return d;
        }).ToList();
        if (rows.Count == 0) rows.Add(new Dictionary<string, object?> { ["行号"] = null, ["错误原因"] = "没有被拒绝的行" });
        return SheetWriter.Xlsx(rows, "被拒绝的行");
    }
}
