using System.Text.Json;

namespace CountySkills.Web.Domain;

/// <summary>
/// One dated version of one system setting (the working-day calendar of a year, the follow-up intervals, the public base
/// address). A change is a new row, never an edit: the rows are the setting's history, each with who, when and why, and each
/// insert is audited. <see cref="BasedOnId"/> is unique per key, so two changes made from the same version cannot both be saved.
/// </summary>
public sealed class SettingVersion : IAudited
{
    public long Id { get; set; }
    public required string Key { get; set; }
    /// <summary>The value as JSON (see <see cref="SettingJson"/>).</summary>
    public required string Value { get; set; }
    public DateTime ChangedUtc { get; set; }
    public string ChangedBy { get; set; } = "system";
    public required string Reason { get; set; }
    /// <summary>The version this one replaced; 0 for the first version of a key.</summary>
    public long BasedOnId { get; set; }

    /// <summary>The first version of a key, or the next one after <paramref name="current"/> (its time never before the current one's).</summary>
    public static SettingVersion After(SettingVersion? current, string key, string value, string reason, string by, DateTime nowUtc) => new()
    {
        Key = key, Value = value, Reason = reason.Trim(), ChangedBy = by, BasedOnId = current?.Id ?? 0,
        ChangedUtc = current is not null && nowUtc <= current.ChangedUtc ? current.ChangedUtc.AddTicks(1) : nowUtc,
    };
}

public static class SettingKeys
{
    public const string FollowUpIntervals = "follow-up-intervals";
    public const string PublicBaseUrl = "public-base-url";
    public const string ExactSearchPerMinute = "exact-search-per-minute";
    public const string CalendarPrefix = "calendar:";
    public static string Calendar(int year) => CalendarPrefix + year;
    public static int? YearOf(string key) => key.StartsWith(CalendarPrefix, StringComparison.Ordinal) && int.TryParse(key[CalendarPrefix.Length..], out var y) ? y : null;
    public static bool IsKnown(string key) => key is FollowUpIntervals or PublicBaseUrl or ExactSearchPerMinute || YearOf(key) is >= CalendarYear.MinYear and <= CalendarYear.MaxYear;
}

/// <summary>Setting values as stored: camelCase JSON, Chinese kept readable (an auditor may read the table or the audit log).</summary>
public static class SettingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
    public static T? Read<T>(string? json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<T>(json, Options); }
        catch (JsonException) { return null; }
    }
}

public sealed record CalendarDay(DateOnly Date, string Name);

/// <summary>
/// One year of the working-day calendar: public holidays (not working days, a weekend one allowed) and make-up working days
/// (调休上班: a Saturday or Sunday worked), each with its name.
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays)
{
    public const int MinYear = 2000, MaxYear = 2100, MaxDays = 80, MaxName = 30;

    /// <summary>What is wrong with it, by list ("holidays" or "workdays"), index (-1: the list) and message; empty when it is sound.</summary>
    public IEnumerable<(string List, int Index, string Message)> Problems()
    {
        if (Year is < MinYear or > MaxYear) yield return ("year", -1, $"年份应在 {MinYear} 至 {MaxYear} 年之间");
        foreach (var (list, days, what) in new[] { ("holidays", Holidays, "节假日"), ("workdays", Workdays, "调休上班日") })
        {
            if (days.Count > MaxDays) yield return (list, -1, $"{what}不超过 {MaxDays} 天");
            var seen = new HashSet<DateOnly>();
            for (var i = 0; i < days.Count; i++)
            {
                var d = days[i];
                if (d.Date.Year != Year) yield return (list, i, $"{d.Date:yyyy-MM-dd} 不在 {Year} 年内");
                if (!seen.Add(d.Date)) yield return (list, i, $"{what} {d.Date:yyyy-MM-dd} 重复");
                if (string.IsNullOrWhiteSpace(d.Name)) yield return (list, i, $"请填写 {d.Date:yyyy-MM-dd} 的名称（如 国庆节）");
                else if (d.Name.Trim().Length > MaxName) yield return (list, i, $"名称不超过 {MaxName} 个字");
            }
        }
        var holidays = Holidays.Select(h => h.Date).ToHashSet();
        for (var i = 0; i < Workdays.Count; i++)
        {
            var d = Workdays[i].Date;
            if (holidays.Contains(d)) yield return ("workdays", i, $"{d:yyyy-MM-dd} 不能既是节假日又是调休上班日");
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                yield return ("workdays", i, $"{d:yyyy-MM-dd} 是星期{"日一二三四五六"[(int)d.DayOfWeek]}，调休上班日应是周六或周日");
        }
    }

    /// <summary>The same year with names trimmed and days in date order (the form it is stored in).</summary>
    public CalendarYear Normalised() => this with
    {
        Holidays = Holidays.Select(d => d with { Name = d.Name.Trim() }).OrderBy(d => d.Date).ToList(),
        Workdays = Workdays.Select(d => d with { Name = d.Name.Trim() }).OrderBy(d => d.Date).ToList(),
    };

    /// <summary>A year from the comma-separated dates the subsidy rules carried before the calendar was a setting of its own.</summary>
    public static IEnumerable<CalendarYear> FromLegacy(string? holidays, string? workdays)
    {
        var h = WorkCalendar.ParseDates(holidays);
        var w = WorkCalendar.ParseDates(workdays);
        return h.Concat(w).Select(d => d.Year).Distinct().Order().Select(y => new CalendarYear(y,
            h.Where(d => d.Year == y).Order().Select(d => new CalendarDay(d, "节假日")).ToList(),
            w.Where(d => d.Year == y && !h.Contains(d)).Order().Select(d => new CalendarDay(d, "调休上班")).ToList()));
    }
}

/// <summary>The follow-up intervals: months after a placement starts at which its worker is followed up.</summary>
public sealed record FollowUpIntervals(IReadOnlyList<int> Months)
{
    public const int MaxMonths = 60, MaxCount = 12;
    public static readonly FollowUpIntervals Standard = new([1, 3, 6, 12]);

    /// <summary>What is wrong with them; null when they are sound (1 to 12 intervals, each 1–60 months, ascending without repeats).</summary>
    public string? Problem()
    {
        if (Months.Count is 0 or > MaxCount) return $"请填写 1 至 {MaxCount} 个回访间隔";
        if (Months.Any(m => m is < 1 or > MaxMonths)) return $"回访间隔应在 1 至 {MaxMonths} 个月之间";
        for (var i = 1; i < Months.Count; i++)
            if (Months[i] <= Months[i - 1]) return "回访间隔应从小到大排列，不能重复";
        return null;
    }

    /// <summary>Read leniently from configuration ("1,3,6,12"): what cannot be read is dropped; nothing readable is the standard.</summary>
    public static FollowUpIntervals Parse(string? text)
    {
        var months = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var m) ? m : 0).Where(m => m is > 0 and <= MaxMonths).Distinct().Order().Take(MaxCount).ToList();
        return months.Count == 0 ? Standard : new FollowUpIntervals(months);
    }
}

/// <summary>
/// How many exact searches (a full ID number or phone, an ID prefix into the birth date, an ID check of an enrolment) one user
/// may make in a sliding minute before the next is 429 search.throttled (ADR 0015).
/// </summary>
public sealed record ExactSearchLimit(int PerMinute)
{
    public const int Default = 60, Max = 10_000;

    /// <summary>What is wrong with it; null when it is sound (1 to 10,000 a minute).</summary>
    public string? Problem() => PerMinute is < 1 or > Max ? $"每分钟精确查找次数应在 1 至 {Max} 之间" : null;
}

/// <summary>The public base address printed in QR codes and public links (https://skills.example.gov.cn).</summary>
public sealed record PublicBaseUrl(string Url)
{
    public const int MaxLength = 200;

    /// <summary>An absolute http(s) address without query or fragment, without the trailing slash; or the reason it is not one.</summary>
    public static bool TryParse(string? text, out PublicBaseUrl? url, out string? problem)
    {
        (url, problem) = (null, null);
        var t = (text ?? "").Trim();
        if (t.Length == 0) problem = "请填写对外访问地址，如 https://skills.example.gov.cn";
        else if (t.Length > MaxLength) problem = $"对外访问地址不超过 {MaxLength} 个字符";
        else if (!Uri.TryCreate(t, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || string.IsNullOrEmpty(u.Host))
            problem = "对外访问地址应是以 http:// 或 https:// 开头的完整网址";
        else if (u.Query.Length > 0 || u.Fragment.Length > 0 || t.Contains('?') || t.Contains('#')) problem = "对外访问地址不能带查询参数（?）或锚点（#）";
        else if (u.UserInfo.Length > 0) problem = "对外访问地址不能包含用户名或密码";
        else url = new PublicBaseUrl(u.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        return url is not null;
    }
}

/// <summary>Working days: Monday to Friday, less public holidays, plus weekend days worked in lieu (the one calendar of the settings).</summary>
public sealed class WorkCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> extraWorkdays)
{
    public static readonly WorkCalendar WeekdaysOnly = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public static WorkCalendar Of(IEnumerable<CalendarYear> years)
    {
        var list = years.ToList();
        return new(list.SelectMany(y => y.Holidays).Select(d => d.Date).ToHashSet(), list.SelectMany(y => y.Workdays).Select(d => d.Date).ToHashSet());
    }

    public bool IsWorkingDay(DateOnly d) =>
        extraWorkdays.Contains(d) || (!holidays.Contains(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The first working day on or after <paramref name="d"/>.</summary>
    public DateOnly OnOrAfter(DateOnly d)
    {
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>The last day of a period of <paramref name="days"/> working days that starts on <paramref name="start"/> (day 1 when it is a working day).</summary>
    public DateOnly PeriodEnd(DateOnly start, int days)
    {
        var d = OnOrAfter(start);
        for (var n = 1; n < days; n++) d = OnOrAfter(d.AddDays(1));
        return d;
    }

    public static HashSet<DateOnly> ParseDates(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : (DateOnly?)null)
            .Where(d => d is not null).Select(d => d!.Value).ToHashSet();
}
