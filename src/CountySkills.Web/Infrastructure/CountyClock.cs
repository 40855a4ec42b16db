namespace CountySkills.Web.Infrastructure;

/// <summary>
/// System time seen from the county: "today" and local times are in the configured zone (App:TimeZone,
/// default Asia/Shanghai), whatever zone the server runs in. Tests swap in a FakeTimeProvider.
/// </summary>
public sealed class CountyClock(TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;

    public static TimeZoneInfo Zone(string? id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id ?? "Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}

public static class TimeProviderExtensions
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    public static DateTime ToLocal(this TimeProvider clock, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);
}
