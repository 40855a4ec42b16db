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

    /// <summary>The name that marks the template's example row: an import skips a row so named (counted in skippedRows and
    /// exampleRows, never an error), so the template imports unchanged without adding anyone; write a real name to import it.</summary>
    public const string ExampleName = "示例（导入前删除）";

    /// <summary>The template's example row lies in a real village of the area tree (the caller's own township first).</summary>
    public sealed record ExamplePlace(string CountyCode, string Township, string Village);

    public static async Task<ExamplePlace> ExamplePlaceAsync(AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        var scope = user.AreaScope is { Length: >= 6 and <= 9 } area ? area : "";
        var village = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Village && r.Code.StartsWith(scope)).OrderBy(r => r.Code).FirstOrDefaultAsync(ct)
            ?? await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Village).OrderBy(r => r.Code).FirstOrDefaultAsync(ct);
        if (village is null) return new("419921", "青石镇", "示例村");
        var township = await db.Regions.AsNoTracking().Where(r => r.Code == village.Code.Substring(0, 9)).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return new(village.Code[..6], township ?? "", village.Name);
    }

    /// <summary>An ID number that passes the GB 11643 check, issued in the example's county (born 1990-01-01, male).</summary>
    public static string ExampleIdNumber(string countyCode)
    {
        var first17 = countyCode + "19900101" + "123";
        return first17 + IdNumber.ComputeCheck(first17);
    }

    public static byte[] Template(ExamplePlace place)
    {
        var example = new Dictionary<string, object?>
        {
            ["序号"] = 1, ["姓名"] = ExampleName, ["性别"] = "男", ["身份证号"] = ExampleIdNumber(place.CountyCode), ["手机号"] = "13812345678",
            ["文化程度"] = "初中", ["户号"] = place.CountyCode + "101001012", ["乡镇(街道)"] = place.Township, ["村(社区)"] = place.Village,
            ["人员类别"] = "脱贫户、农民工", ["监测对象类别"] = null, ["风险是否消除"] = null, ["就业状态"] = "省外就业",
            ["就业地域"] = "省外", ["务工省份"] = "北京市", ["务工城市"] = "北京市", ["就业单位"] = "北京京禾家政服务有限公司",
            ["行业"] = "家政服务", ["工种"] = "家政服务员", ["务工时间"] = "2024-03", ["月收入(元)"] = 6500,
            ["培训意愿"] = "育婴员", ["就业意愿"] = "继续外出务工",
            ["备注"] = $"示例行：姓名为“{ExampleName}”的行导入时自动跳过，不会登记；请删除本行或照此格式填写真实人员",
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
