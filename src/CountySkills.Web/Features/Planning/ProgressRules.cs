using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Planning;

/// <summary>
/// How progress is judged (ADR 0019), in one place: what should have been done by a day (序时进度), the status of an actual against it,
/// and the traffic light of a status.
/// </summary>
public static class ProgressRules
{
    /// <summary>At least 105 % of what should have been done: ahead (超序时).</summary>
    public const decimal AheadFrom = 1.05m;
    /// <summary>At least 95 %: on track (序时).</summary>
    public const decimal OnTrackFrom = 0.95m;
    /// <summary>At least 80 %: behind (滞后); below: far behind (严重滞后).</summary>
    public const decimal BehindFrom = 0.80m;

    public const string Ahead = "ahead", OnTrack = "on_track", Behind = "behind", FarBehind = "far_behind";
    public const string Green = "green", Yellow = "yellow", Red = "red";

    public static readonly string[] Statuses = [Ahead, OnTrack, Behind, FarBehind];

    public static string Status(decimal actual, decimal expected) =>
        actual >= expected * AheadFrom ? Ahead : actual >= expected * OnTrackFrom ? OnTrack : actual >= expected * BehindFrom ? Behind : FarBehind;

    public static string Light(string status) => status switch { Ahead or OnTrack => Green, Behind => Yellow, _ => Red };

    /// <summary>The share of the year gone by the end of <paramref name="asOf"/>: its day of the year over the days of the year.</summary>
    public static decimal ElapsedShare(DateOnly asOf) => (decimal)asOf.DayOfYear / (DateTime.IsLeapYear(asOf.Year) ? 366 : 365);

    /// <summary>Whether the indicator's target is a level to hold all year (a rate or a median) rather than an amount built up over it.</summary>
    public static bool IsLevel(Indicator? ind) => ind?.Kind is IndicatorKind.Rate or IndicatorKind.Median;

    /// <summary>
    /// The share of the item's target that should be done by <paramref name="asOf"/>: the share of the year gone; or, when the item is
    /// split by quarter, the targets of the quarters past plus the gone share of the current quarter's, over the year's target.
    /// A level (a rate) is not pro-rated: the share is 1.
    /// </summary>
    public static decimal ExpectedShare(PlanItem item, DateOnly asOf)
    {
        if (IsLevel(Catalogue.Find(item.IndicatorKey))) return 1;
        var quarters = item.Splits.Where(s => s.Kind == SplitKind.Quarter).ToList();
        if (quarters.Count == 0 || item.Target <= 0) return ElapsedShare(asOf);
        var current = (asOf.Month - 1) / 3 + 1;
        var start = new DateOnly(asOf.Year, (current - 1) * 3 + 1, 1);
        var end = start.AddMonths(3).AddDays(-1);
        var gone = (decimal)(asOf.DayNumber - start.DayNumber + 1) / (end.DayNumber - start.DayNumber + 1);
        decimal TargetOf(int q) => quarters.Where(s => s.Code == q.ToString()).Sum(s => s.Target);
        var expected = Enumerable.Range(1, current - 1).Sum(TargetOf) + gone * TargetOf(current);
        return expected / quarters.Sum(s => s.Target);
    }
}
