using CountySkills.Web.Domain;
using CountySkills.Web.Features.Planning;

namespace CountySkills.Tests.Planning;

/// <summary>The assessment rule as counties write it (5 points; short by ≤ 5 % −2, ≤ 10 % −4, more −6; bonus or not; veto) and the progress
/// rules (expected by a day, status thresholds, lights), without a database.</summary>
public sealed class ScoringRuleTests
{
    static PlanItem Item(bool bonus = false, decimal maxBonus = 0, bool veto = false, IReadOnlyList<DeductionBand>? bands = null) => new()
    {
        IndicatorKey = "training.person_times", Target = 100, Points = 5, BonusForExceeding = bonus, MaxBonus = maxBonus, Veto = veto,
        Bands = bands ?? [new(5, 2), new(10, 4), new(null, 6)],
    };

    [Theory]
    [InlineData(100, 5)]      // met
    [InlineData(120, 5)]      // exceeded, no bonus
    [InlineData(99, 3)]       // short 1 %
    [InlineData(95, 3)]       // short exactly 5 %: still the first band
    [InlineData(94.9, 1)]     // short 5.1 %
    [InlineData(90, 1)]       // short exactly 10 %
    [InlineData(89.9, 0)]     // short 10.1 %: −6, never below zero
    [InlineData(0, 0)]
    public void Each_shortfall_band_costs_its_points(decimal actual, decimal score)
    {
        Assert.Equal((score, false), Item().Score(100, actual));
    }

    [Fact]
    public void Bands_given_in_any_order_are_read_from_the_smallest_shortfall_up()
    {
        var item = Item(bands: [new(null, 6), new(10, 4), new(5, 2)]);
        Assert.Equal(3, item.Score(100, 96).Score);
        Assert.Equal(1, item.Score(100, 92).Score);
        Assert.Equal(0, item.Score(100, 50).Score);
    }

    [Fact]
    public void Without_bands_any_shortfall_loses_all_points_and_bands_without_a_last_open_one_do_too()
    {
        Assert.Equal(0, Item(bands: []).Score(100, 99).Score);
        Assert.Equal(0, Item(bands: [new(5, 1)]).Score(100, 90).Score);
        Assert.Equal(4, Item(bands: [new(5, 1)]).Score(100, 97).Score);
    }

    [Fact]
    public void Exceeding_earns_points_times_the_excess_up_to_the_cap_only_when_the_item_gives_a_bonus()
    {
        Assert.Equal(5.5m, Item(bonus: true, maxBonus: 2).Score(100, 110).Score);       // 5 × 10 %
        Assert.Equal(7m, Item(bonus: true, maxBonus: 2).Score(100, 200).Score);         // 5 × 100 %, capped at 2
        Assert.Equal(5.33m, Item(bonus: true, maxBonus: 2).Score(300, 320).Score);      // 5 × 6.67 %, two decimals
        Assert.Equal(5m, Item(bonus: false, maxBonus: 2).Score(100, 200).Score);
    }

    [Fact]
    public void A_veto_item_missed_by_any_amount_vetoes_and_met_does_not()
    {
        Assert.Equal((3m, true), Item(veto: true).Score(100, 99));
        Assert.Equal((5m, false), Item(veto: true).Score(100, 100));
        Assert.Equal((0m, true), Item(veto: true).Score(100, null));
        Assert.Equal((3m, false), Item(veto: false).Score(100, 99));
    }

    [Fact]
    public void A_target_of_nothing_is_always_met()
    {
        Assert.Equal((5m, false), Item(veto: true).Score(0, 0));
    }

    [Theory]
    [InlineData(105, "ahead", "green")]
    [InlineData(104.99, "on_track", "green")]
    [InlineData(95, "on_track", "green")]
    [InlineData(94.99, "behind", "yellow")]
    [InlineData(80, "behind", "yellow")]
    [InlineData(79.99, "far_behind", "red")]
    [InlineData(0, "far_behind", "red")]
    public void Status_and_light_follow_the_thresholds_against_what_was_expected(decimal actual, string status, string light)
    {
        Assert.Equal(status, ProgressRules.Status(actual, 100));
        Assert.Equal(light, ProgressRules.Light(status));
    }

    [Fact]
    public void Expected_share_is_the_day_of_the_year_over_its_days_or_follows_the_quarters_and_a_rate_is_not_pro_rated()
    {
        Assert.Equal(182m / 365, ProgressRules.ElapsedShare(new DateOnly(2015, 7, 1)));
        Assert.Equal(183m / 366, ProgressRules.ElapsedShare(new DateOnly(2016, 7, 1)));
        Assert.Equal(1m, ProgressRules.ElapsedShare(new DateOnly(2015, 12, 31)));

        var quarters = new PlanItem
        {
            IndicatorKey = "employment.urban_new_jobs", Target = 1200,
            Splits = [new(SplitKind.Quarter, "1", 300), new(SplitKind.Quarter, "2", 300), new(SplitKind.Quarter, "3", 400), new(SplitKind.Quarter, "4", 200)],
        };
        // 1 July: Q1 and Q2 done, 1 of Q3's 92 days gone.
        Assert.Equal(600m + 400m / 92, 1200 * ProgressRules.ExpectedShare(quarters, new DateOnly(2015, 7, 1)), 10);
        Assert.Equal(300m * 31 / 90, 1200 * ProgressRules.ExpectedShare(quarters, new DateOnly(2015, 1, 31)), 10);
        Assert.Equal(1200m, 1200 * ProgressRules.ExpectedShare(quarters, new DateOnly(2015, 12, 31)));

        var rate = new PlanItem { IndicatorKey = "followups.on_time_rate", Target = 95 };
        Assert.Equal(1m, ProgressRules.ExpectedShare(rate, new DateOnly(2015, 3, 1)));
    }

    [Fact]
    public void A_rate_split_over_townships_need_not_add_up_to_be_issued_but_a_count_must()
    {
        var rate = new PlanItem { IndicatorKey = "followups.on_time_rate", Target = 90, Splits = [new(SplitKind.Township, "419921101", 90), new(SplitKind.Township, "419921102", 90)] };
        var count = new PlanItem { IndicatorKey = "training.person_times", Target = 10, Splits = [new(SplitKind.Township, "419921101", 4)] };
        var plan = new Plan { Year = 2030, Title = "t" };
        plan.Change("t", [rate], null, "county", DateTime.UtcNow);
        Assert.Null(plan.Issue("county", DateTime.UtcNow, PlanView.Additive));
        var other = new Plan { Year = 2030, Title = "t" };
        other.Change("t", [rate, count], null, "county", DateTime.UtcNow);
        Assert.Equal("plan.split_mismatch", other.Issue("county", DateTime.UtcNow, PlanView.Additive)?.Code);
    }
}
