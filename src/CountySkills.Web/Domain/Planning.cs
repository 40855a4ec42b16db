using System.Text.Json;
using System.Text.Json.Serialization;

namespace CountySkills.Web.Domain;

/// <summary>A department (县直部门: 人社, 科工, 农业农村, 商务, 住建 …) that targets are assigned to. Editable by the county.</summary>
public sealed class Department : Entity
{
    /// <summary>A short stable code (hrss, agri…), used in plans and URLs.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A member of the county's leadership group (领导小组) for the work: name, post in the group, office held, department.</summary>
public sealed class LeadershipMember : Entity
{
    public required string Name { get; set; }
    /// <summary>组长 / 副组长 / 成员 …</summary>
    public required string GroupPost { get; set; }
    /// <summary>The office the person holds (县委副书记、县长; 县人社局局长 …).</summary>
    public string? Office { get; set; }
    public long? DepartmentId { get; set; }
    public int SortOrder { get; set; }
}

public enum PlanStatus { [Zh("草稿")] Draft = 1, [Zh("已下达")] Issued = 2 }

public enum SplitKind { [Zh("乡镇")] Township = 1, [Zh("部门")] Department = 2, [Zh("季度")] Quarter = 3 }

/// <summary>A shortfall band of the assessment: short by at most <paramref name="UpToPercent"/> % of the target costs <paramref name="Deduct"/> points
/// (the last band usually has no upper limit: UpToPercent null).</summary>
public sealed record DeductionBand(decimal? UpToPercent, decimal Deduct);

public sealed record PlanSplit(SplitKind Kind, string Code, decimal Target);

/// <summary>One indicator of a year's plan: the county target, its splits, and how it is scored (考核).</summary>
public sealed record PlanItem
{
    public required string IndicatorKey { get; init; }
    public decimal Target { get; init; }
    /// <summary>Points the indicator is worth in the assessment (e.g. 5).</summary>
    public decimal Points { get; init; }
    /// <summary>Deductions by shortfall, ordered by UpToPercent (e.g. ≤5 % −2, ≤10 % −4, more −6). Points never go below zero.</summary>
    public IReadOnlyList<DeductionBand> Bands { get; init; } = [];
    /// <summary>Exceeding the target earns extra points (proportionally, at most <see cref="MaxBonus"/>); otherwise no bonus.</summary>
    public bool BonusForExceeding { get; init; }
    public decimal MaxBonus { get; init; }
    /// <summary>A veto indicator (一票否决): missing it fails the whole assessment.</summary>
    public bool Veto { get; init; }
    public IReadOnlyList<PlanSplit> Splits { get; init; } = [];

    /// <summary>The sum of one kind of split minus the target (0 when it adds up); null when the item has no split of that kind.</summary>
    public decimal? Difference(SplitKind kind) =>
        Splits.Any(s => s.Kind == kind) ? Splits.Where(s => s.Kind == kind).Sum(s => s.Target) - Target : null;

    /// <summary>The score of an actual against a target as counties write it: full points when met; the band's deduction when short;
    /// with bonus for exceeding, points × (actual/target − 1) up to MaxBonus.</summary>
    public (decimal Score, bool Vetoed) Score(decimal target, decimal? actual)
    {
        if (target <= 0) return (Points, false);
        var a = actual ?? 0;
        if (a >= target)
        {
            var bonus = BonusForExceeding ? Math.Min(MaxBonus, Math.Round(Points * (a / target - 1), 2)) : 0;
            return (Points + bonus, false);
        }
        var shortPercent = (target - a) / target * 100;
        var band = Bands.OrderBy(b => b.UpToPercent ?? decimal.MaxValue).FirstOrDefault(b => b.UpToPercent is null || shortPercent <= b.UpToPercent);
        var deduct = band?.Deduct ?? Points;
        return (Math.Max(0, Points - deduct), Veto);
    }
}

/// <summary>A year's plan of targets (年度目标任务): drafted, then issued (下达) and locked; a later change needs a reason and keeps the old version.</summary>
public sealed class Plan : Entity
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public int Year { get; set; }
    public required string Title { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    public string ItemsJson { get; set; } = "[]";
    /// <summary>0 while a draft; 1 when issued; one more at each change after that.</summary>
    public int Revision { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? IssuedUtc { get; set; }
    public string? IssuedBy { get; set; }
    public List<PlanRevision> Revisions { get; } = [];

    public IReadOnlyList<PlanItem> Items => ParseItems(ItemsJson);

    /// <summary>The items as stored (in the plan or in one of its revisions).</summary>
    public static IReadOnlyList<PlanItem> ParseItems(string json) => JsonSerializer.Deserialize<List<PlanItem>>(json, Json) ?? [];

    /// <summary>Replaces the targets. An issued plan changes only with a reason; its previous version is kept.</summary>
    public Refusal? Change(string title, IReadOnlyList<PlanItem> items, string? reason, string by, DateTime nowUtc)
    {
        if (Status == PlanStatus.Issued)
        {
            if (string.IsNullOrWhiteSpace(reason)) return new("plan.reason_required", "目标任务已下达，修改须写明原因");
            Revisions.Add(new PlanRevision { Number = Revision, Title = Title, ItemsJson = ItemsJson, Reason = reason.Trim(), By = by, AtUtc = nowUtc });
            Revision++;
        }
        Title = title.Trim();
        ItemsJson = JsonSerializer.Serialize(items, Json);
        Touch();
        return null;
    }

    /// <summary>Issues (下达) the plan: it must have targets whose splits add up. <paramref name="additive"/> says which indicators add up
    /// over their parts (a count does; a rate does not: each township's 95 % is its own target, so its splits are not summed).</summary>
    public Refusal? Issue(string by, DateTime nowUtc, Func<string, bool>? additive = null)
    {
        if (Status == PlanStatus.Issued) return new("plan.issued", $"目标任务已于 {IssuedUtc:yyyy-MM-dd} 下达");
        var items = Items;
        if (items.Count == 0) return new("plan.empty", "目标任务中还没有任何指标");
        var off = items.Where(i => additive?.Invoke(i.IndicatorKey) ?? true)
            .SelectMany(i => Enum.GetValues<SplitKind>().Select(k => (i, k, d: i.Difference(k)))).Where(x => x.d is not null and not 0).ToList();
        if (off.Count > 0)
            return new("plan.split_mismatch", "分解数之和与总目标不一致：" + string.Join("；", off.Select(x => $"{x.i.IndicatorKey} 按{Zh.Of(x.k)}相差 {x.d:0.##}")));
        (Status, Revision, IssuedUtc, IssuedBy) = (PlanStatus.Issued, 1, nowUtc, by);
        Touch();
        return null;
    }
}

/// <summary>A version of an issued plan as it stood before a change, with the reason of the change.</summary>
public sealed class PlanRevision : IAudited
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string ItemsJson { get; set; }
    public required string Reason { get; set; }
    public string By { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>A monthly value of an indicator the platform cannot count (城镇新增就业, 劳务收入 …), entered by the responsible department
/// with a note and an attachment. Marked as reported wherever it is shown.</summary>
public sealed class ReportedValue : Entity, IAreaScoped
{
    public required string IndicatorKey { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>The county (6 digits) or a township (9 digits) the value is for.</summary>
    public required string AreaCode { get; set; }
    public long? DepartmentId { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public byte[]? Attachment { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredUtc { get; set; }

    public DateOnly Day => new(Year, Month, 1);
}

/// <summary>A narrative section of the work report (工作汇报) that staff write, kept per period ("2026", or "2021-2025" for 十四五).</summary>
public sealed class ReportNarrative : Entity
{
    public required string Period { get; set; }
    public required string Section { get; set; }
    public required string Text { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
}
