using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Features.Indicators;

/// <summary>The query string every figure takes (?from=&amp;to=&amp;area=&amp;by=), checked once and resolved against the caller's scope:
/// no area means the caller's own; an area inside it narrows it; an area around it is narrowed to it (a township officer asking for
/// the county gets the township); an area beside it is refused.</summary>
public sealed record IndicatorQuery
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Area { get; set; }
    public string? By { get; set; }
}

public sealed record ResolvedQuery(Indicator Indicator, Period Period, string? Area, Breakdown? By);

public static class IndicatorRequest
{
    public static async Task<Result<ResolvedQuery>> ResolveAsync(AppDbContext db, CurrentUser user, TimeProvider clock, string key, IndicatorQuery q, CancellationToken ct)
    {
        if (Catalogue.Find(key) is not { } ind) return new Failure(Outcome.NotFound, $"没有指标“{key}”", null, "indicator.not_found");
        var today = clock.Today();
        var to = q.To ?? today;
        var from = q.From ?? new DateOnly(to.Year, 1, 1);
        if (from > to) return Result.Invalid("from", "开始日期不能晚于结束日期", "period.invalid");
        if (to.DayNumber - from.DayNumber > 366 * 10) return Result.Invalid("to", "统计期间不能超过 10 年", "period.too_long");
        Breakdown? by = null;
        if (!string.IsNullOrWhiteSpace(q.By))
        {
            if (!Enum.TryParse<Breakdown>(q.By, true, out var b) || !ind.Breakdowns.Contains(b))
                return Result.Invalid("by", $"指标“{ind.Name}”不能按“{q.By}”分组，可选：{string.Join("、", ind.Breakdowns.Select(Name))}", "indicator.breakdown_unsupported");
            by = b;
        }
        var area = Area(user, q.Area);
        if (!area.IsOk) return area.AsFailure();
        var rules = await SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        return new ResolvedQuery(ind, new Period(from, to, today, rules.WorkingAgeMin, rules.WorkingAgeMax), area.Value, by);
    }

    /// <summary>The breakdown's name as the API takes it (camelCase).</summary>
    public static string Name(Breakdown b) => char.ToLowerInvariant(b.ToString()[0]) + b.ToString()[1..];

    /// <summary>The place a figure may cover for this user (null = everything).</summary>
    public static Result<string?> Area(CurrentUser user, string? asked)
    {
        var scope = user.AreaCoversAll ? null : user.AreaScope;
        if (user.ScopeBroken) return Result.Forbidden("您的账号没有设置所属乡镇");
        if (string.IsNullOrWhiteSpace(asked)) return Result<string?>.Of(scope);
        asked = asked.Trim();
        if (asked.Length is not (2 or 4 or 6 or 9 or 12) || !asked.All(char.IsAsciiDigit))
            return Result.Invalid("area", "地区代码应为 2、4、6、9 或 12 位数字", "area.invalid");
        if (scope is null || asked.StartsWith(scope, StringComparison.Ordinal)) return Result<string?>.Of(asked);
        if (scope.StartsWith(asked, StringComparison.Ordinal)) return Result<string?>.Of(scope);
        return new Failure(Outcome.Forbidden, "所选地区不在您的权限范围内", null, "area.out_of_scope");
    }

    public static string KindName(IndicatorKind k) => k.ToString().ToLowerInvariant();
}
