using CountySkills.Web.Domain;

namespace CountySkills.Tests.Domain;

/// <summary>Whole calendar months between two days, and complaint-free service across placements (ServiceMonths).</summary>
public sealed class ServiceMonthsTests
{
    static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2026-02-01", "2026-08-01", 6)]
    [InlineData("2026-02-02", "2026-08-01", 5)]
    [InlineData("2022-11-30", "2026-11-30", 48)]
    [InlineData("2022-12-01", "2026-11-30", 47)]
    [InlineData("2026-01-31", "2026-02-28", 1)]
    [InlineData("2024-01-31", "2024-02-29", 1)]
    [InlineData("2024-01-31", "2024-02-28", 0)]
    [InlineData("2026-01-31", "2026-03-30", 1)]
    [InlineData("2026-01-31", "2026-03-31", 2)]
    [InlineData("2026-03-01", "2026-03-01", 0)]
    [InlineData("2026-03-05", "2026-03-01", 0)]
    public void Whole_calendar_months_between_two_days(string from, string to, int months) =>
        Assert.Equal(months, ServiceMonths.Between(D(from), D(to)));

    [Fact]
    public void Overlapping_and_back_to_back_placements_are_one_span_and_a_complaint_restarts_the_count()
    {
        var today = D("2026-11-30");
        // Jan–Jun and an overlapping Apr–Sep are one span of eight months; a gap then another three months.
        Assert.Equal(8 + 2, ServiceMonths.ComplaintFree([(D("2026-01-01"), D("2026-06-30")), (D("2026-04-01"), D("2026-09-01")), (D("2026-09-20"), null)], null, today));
        // Back to back: ended 31 May, next from 1 Jun: one span of 1 Jan to 30 Nov.
        Assert.Equal(10, ServiceMonths.ComplaintFree([(D("2026-01-01"), D("2026-05-31")), (D("2026-06-01"), null)], null, today));
        // A valid complaint on 30 Sep: from 1 Oct to 30 Nov is one month.
        Assert.Equal(1, ServiceMonths.ComplaintFree([(D("2025-01-01"), null)], D("2026-09-30"), today));
        Assert.Equal(0, ServiceMonths.ComplaintFree([], null, today));
        Assert.Equal(12, ServiceMonths.WithCommendations(6, 9));
    }
}
