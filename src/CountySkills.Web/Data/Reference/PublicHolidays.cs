namespace CountySkills.Web.Data.Reference;

/// <summary>
/// The national public holidays and make-up working days (调休上班) as the State Council announces them each year
/// (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04). A county's administrator keeps them in the settings calendar;
/// the demo starts with this year filled in.
/// </summary>
public static class PublicHolidays
{
    public const string Source2026 = "国务院办公厅关于2026年部分节假日安排的通知";

    public static CalendarYear Year2026 { get; } = new(2026,
        [
            .. Days("元旦", "2026-01-01", "2026-01-03"),
            .. Days("春节", "2026-02-15", "2026-02-23"),
            .. Days("清明节", "2026-04-04", "2026-04-06"),
            .. Days("劳动节", "2026-05-01", "2026-05-05"),
            .. Days("端午节", "2026-06-19", "2026-06-21"),
            .. Days("中秋节", "2026-09-25", "2026-09-27"),
            .. Days("国庆节", "2026-10-01", "2026-10-07"),
        ],
        [
            Day("元旦调休上班", "2026-01-04"), Day("春节调休上班", "2026-02-14"), Day("春节调休上班", "2026-02-28"),
            Day("劳动节调休上班", "2026-05-09"), Day("国庆节调休上班", "2026-09-20"), Day("国庆节调休上班", "2026-10-10"),
        ]);

    static CalendarDay Day(string name, string date) => new(DateOnly.ParseExact(date, "yyyy-MM-dd"), name);

    static IEnumerable<CalendarDay> Days(string name, string first, string last)
    {
        for (var d = DateOnly.ParseExact(first, "yyyy-MM-dd"); d <= DateOnly.ParseExact(last, "yyyy-MM-dd"); d = d.AddDays(1))
            yield return new CalendarDay(d, name);
    }
}
