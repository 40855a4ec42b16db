using CountySkills.Web.Features.Indicators;
using FluentValidation;
using FluentValidation.Results;

namespace CountySkills.Web.Features.Planning;

public sealed class BandInput
{
    public decimal? UpToPercent { get; set; }
    public decimal Deduct { get; set; }
}

public sealed class SplitInput
{
    /// <summary>township | department | quarter (or 乡镇 / 部门 / 季度).</summary>
    public string? Kind { get; set; }
    /// <summary>A township's 9-digit code, a department's id or code, or a quarter "1".."4".</summary>
    public string? Code { get; set; }
    public decimal Target { get; set; }
}

public sealed class ItemInput
{
    public string? IndicatorKey { get; set; }
    public decimal Target { get; set; }
    public decimal Points { get; set; }
    public List<BandInput>? Bands { get; set; }
    public bool BonusForExceeding { get; set; }
    public decimal MaxBonus { get; set; }
    public bool Veto { get; set; }
    public List<SplitInput>? Splits { get; set; }
}

/// <summary>A plan as a caller writes it (POST takes year, title, items; PUT takes title, items, version and, once issued, reason).</summary>
public sealed class PlanInput
{
    public int Year { get; set; }
    public string? Title { get; set; }
    public List<ItemInput>? Items { get; set; }
    public Guid? Version { get; set; }
    public string? Reason { get; set; }

    public static SplitKind? KindOf(string? text) =>
        Zh.TryParse<SplitKind>(text, out var k) ? k : null;

    /// <summary>The domain's items of a checked input.</summary>
    public IReadOnlyList<PlanItem> ToItems() => (Items ?? []).Select(i => new PlanItem
    {
        IndicatorKey = i.IndicatorKey!.Trim(), Target = i.Target, Points = i.Points, BonusForExceeding = i.BonusForExceeding,
        MaxBonus = i.MaxBonus, Veto = i.Veto,
        Bands = (i.Bands ?? []).Select(b => new DeductionBand(b.UpToPercent, b.Deduct)).ToList(),
        Splits = (i.Splits ?? []).Select(s => new PlanSplit(KindOf(s.Kind)!.Value, s.Code!.Trim(), s.Target)).ToList(),
    }).ToList();

    /// <summary>An editable copy of a plan as read.</summary>
    public static PlanInput From(PlanView.View p) => new()
    {
        Year = p.Year, Title = p.Title, Version = p.Version,
        Items = p.Items.Select(i => new ItemInput
        {
            IndicatorKey = i.IndicatorKey, Target = i.Target, Points = i.Points, BonusForExceeding = i.BonusForExceeding, MaxBonus = i.MaxBonus, Veto = i.Veto,
            Bands = i.Bands.Select(b => new BandInput { UpToPercent = b.UpToPercent, Deduct = b.Deduct }).ToList(),
            Splits = i.Splits.Select(s => new SplitInput { Kind = s.Kind, Code = s.Code, Target = s.Target }).ToList(),
        }).ToList(),
    };

    /// <summary>What can be checked without the database; each refusal names its field (items[0].splits[2].code) and a stable code.</summary>
    public sealed class Validator : AbstractValidator<PlanInput>
    {
        public Validator() => RuleFor(x => x).Custom((p, ctx) =>
        {
            void Fail(string field, string message, string code) => ctx.AddFailure(new ValidationFailure(field, message) { ErrorCode = code });
            if (p.Year is < 2000 or > 2100) Fail("year", "年度应在 2000 至 2100 之间", "plan.year");
            if (string.IsNullOrWhiteSpace(p.Title)) Fail("title", "请填写目标任务的标题", "plan.title");
            else if (p.Title.Trim().Length > 200) Fail("title", "标题不超过 200 个字", "plan.title");
            if (p.Reason?.Trim().Length > 500) Fail("reason", "修改原因不超过 500 个字", "plan.reason");
            var seen = new HashSet<string>();
            for (var i = 0; i < (p.Items?.Count ?? 0); i++)
            {
                var item = p.Items![i];
                var at = $"items[{i}]";
                var key = item.IndicatorKey?.Trim();
                if (string.IsNullOrEmpty(key) || Catalogue.Find(key) is null)
                    Fail($"{at}.indicatorKey", $"指标“{key}”不在指标目录中", "plan.indicator_unknown");
                else if (!seen.Add(key))
                    Fail($"{at}.indicatorKey", $"指标“{Catalogue.Find(key)!.Name}”在目标任务中重复", "plan.indicator_duplicate");
                if (item.Target < 0) Fail($"{at}.target", "目标值不能为负数", "plan.target_negative");
                if (item.Points < 0) Fail($"{at}.points", "分值不能为负数", "plan.points");
                if (item.MaxBonus < 0) Fail($"{at}.maxBonus", "加分上限不能为负数", "plan.points");
                CheckBands(item.Bands ?? [], $"{at}.bands", Fail);
                var codes = new HashSet<(SplitKind, string)>();
                for (var j = 0; j < (item.Splits?.Count ?? 0); j++)
                {
                    var s = item.Splits![j];
                    var sat = $"{at}.splits[{j}]";
                    if (KindOf(s.Kind) is not { } kind) { Fail($"{sat}.kind", $"分解方式“{s.Kind}”无效，可选：township（乡镇）、department（部门）、quarter（季度）", "plan.split_kind"); continue; }
                    var code = s.Code?.Trim() ?? "";
                    if (s.Target < 0) Fail($"{sat}.target", "分解目标不能为负数", "plan.target_negative");
                    if (code.Length == 0) Fail($"{sat}.code", "请填写分解对象（乡镇代码、部门或季度）", "plan.split_code_unknown");
                    else if (kind == SplitKind.Quarter && code is not ("1" or "2" or "3" or "4")) Fail($"{sat}.code", $"季度应为 1 至 4，不是“{code}”", "plan.split_code_unknown");
                    else if (kind == SplitKind.Township && (code.Length != 9 || !code.All(char.IsAsciiDigit))) Fail($"{sat}.code", $"乡镇代码应为 9 位数字，不是“{code}”", "plan.split_code_unknown");
                    else if (!codes.Add((kind, code))) Fail($"{sat}.code", $"分解对象“{code}”重复", "plan.split_duplicate");
                }
            }
        });

        static void CheckBands(List<BandInput> bands, string at, Action<string, string, string> fail)
        {
            decimal last = 0;
            for (var k = 0; k < bands.Count; k++)
            {
                var b = bands[k];
                if (b.Deduct < 0) fail($"{at}[{k}].deduct", "扣分不能为负数", "plan.bands_order");
                if (b.UpToPercent is null && k != bands.Count - 1) { fail($"{at}[{k}].upToPercent", "不设上限的扣分档只能是最后一档", "plan.bands_order"); return; }
                if (b.UpToPercent is { } up)
                {
                    if (up <= last || up > 100) { fail($"{at}[{k}].upToPercent", "扣分档应按差距百分比从小到大排列（大于 0，不超过 100）", "plan.bands_order"); return; }
                    last = up;
                }
            }
        }
    }
}

/// <summary>Refusals of the planning area as one 400: every field error, and the first one's code as the problem's code.</summary>
public static class PlanningErrors
{
    public static Failure Of(ValidationResult v) => Of(v.Errors.Select(e => (e.PropertyName, e.ErrorMessage, e.ErrorCode)));

    public static Failure Of(IEnumerable<(string Field, string Message, string Code)> errors)
    {
        var list = errors.ToList();
        var map = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var code = list.Select(e => e.Code).FirstOrDefault(c => c?.Contains('.') == true);
        return new Failure(Outcome.Invalid, list[0].Message, map, code);
    }
}
