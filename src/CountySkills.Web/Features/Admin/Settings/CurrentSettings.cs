using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// The settings in force, read from the database at each use (the tables are tiny; no cache that two app nodes could disagree on):
/// the working-day calendar every working-day computation uses, the follow-up intervals new placements are scheduled with, the
/// public base address of QR codes and public links, and the per-user limit of exact searches.
/// </summary>
public sealed class CurrentSettings(IDbContextFactory<AppDbContext> dbs, IConfiguration config, IHostEnvironment env)
{
    public enum Source { Setting, SubsidyRules, Configuration, RequestHost, None }

    public sealed record Year(CalendarYear Calendar, Source Source, SettingVersion? Version);

    /// <summary>The latest version of each key the filter selects.</summary>
    public static IQueryable<SettingVersion> Latest(AppDbContext db) =>
        db.SettingVersions.AsNoTracking().Where(s => !db.SettingVersions.Any(n => n.Key == s.Key && n.Id > s.Id));

    public static Task<SettingVersion?> LatestAsync(AppDbContext db, string key, CancellationToken ct) =>
        db.SettingVersions.AsNoTracking().Where(s => s.Key == key).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Every year of the calendar. A year set in the settings is that setting; a year that never was takes the dates the subsidy rules
    /// in force carried (how the calendar was kept before it was a setting), so nothing changes for it until an administrator sets it.
    /// </summary>
    public static async Task<IReadOnlyList<Year>> CalendarYearsAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var set = await Latest(db).Where(s => s.Key.StartsWith(SettingKeys.CalendarPrefix)).ToListAsync(ct);
        var years = set.Select(v => (Year: SettingKeys.YearOf(v.Key), Version: v, Value: SettingJson.Read<CalendarYear>(v.Value)))
            .Where(x => x.Year is not null && x.Value is not null)
            .Select(x => new Year(x.Value! with { Year = x.Year!.Value }, Source.Setting, x.Version)).ToList();
        var rules = await SubsidyHistory.RulesAtAsync(db, nowUtc, ct);
        years.AddRange(CalendarYear.FromLegacy(rules.Holidays, rules.ExtraWorkdays).Where(l => years.All(y => y.Calendar.Year != l.Year))
            .Select(l => new Year(l, Source.SubsidyRules, null)));
        return years.OrderBy(y => y.Calendar.Year).ToList();
    }

    /// <summary>The one working-day calendar (the subsidy notice and every other count of working days).</summary>
    public static async Task<WorkCalendar> CalendarAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct) =>
        WorkCalendar.Of((await CalendarYearsAsync(db, nowUtc, ct)).Select(y => y.Calendar));

    /// <summary>The follow-up intervals: the setting, else configuration Employment:FollowUpMonths, else 1, 3, 6, 12.</summary>
    public async Task<(FollowUpIntervals Value, Source Source, SettingVersion? Version)> FollowUpIntervalsAsync(AppDbContext db, CancellationToken ct)
    {
        var v = await LatestAsync(db, SettingKeys.FollowUpIntervals, ct);
        if (SettingJson.Read<FollowUpIntervals>(v?.Value) is { } set && set.Problem() is null) return (set, Source.Setting, v);
        return (FollowUpIntervals.Parse(config["Employment:FollowUpMonths"]), Source.Configuration, null);
    }

    /// <summary>Exact searches one user may make in a minute: the setting, else configuration People:ExactSearchPerMinute, else 60.</summary>
    public async Task<(ExactSearchLimit Value, Source Source, SettingVersion? Version)> ExactSearchLimitAsync(AppDbContext db, CancellationToken ct)
    {
        var v = await LatestAsync(db, SettingKeys.ExactSearchPerMinute, ct);
        if (SettingJson.Read<ExactSearchLimit>(v?.Value) is { } set && set.Problem() is null) return (set, Source.Setting, v);
        var configured = new ExactSearchLimit(config.GetValue("People:ExactSearchPerMinute", ExactSearchLimit.Default));
        return (configured.Problem() is null ? configured : new ExactSearchLimit(ExactSearchLimit.Default), Source.Configuration, null);
    }

    /// <summary>The public base address as set (null when none is), and where QR codes take theirs from now.</summary>
    public async Task<(string? Setting, SettingVersion? Version, string? Configured, Source Fallback)> PublicBaseUrlAsync(AppDbContext db, CancellationToken ct)
    {
        var v = await LatestAsync(db, SettingKeys.PublicBaseUrl, ct);
        var set = SettingJson.Read<PublicBaseUrl>(v?.Value)?.Url;
        var configured = config["App:PublicBaseUrl"] is { Length: > 0 } c ? c.Trim().TrimEnd('/') : null;
        var fallback = set is not null ? Source.Setting : configured is not null ? Source.Configuration : env.IsDevelopment() ? Source.RequestHost : Source.None;
        return (set, v, configured, fallback);
    }

    /// <summary>
    /// The public address of <paramref name="path"/> (/verify/…): the setting, else configuration App:PublicBaseUrl, else (Development only)
    /// the address the request came to. Elsewhere with neither set it is a 409: a QR code must never print an internal host.
    /// </summary>
    public async Task<Result<string>> PublicLinkAsync(HttpRequest request, string path, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (set, _, configured, fallback) = await PublicBaseUrlAsync(db, ct);
        var baseUrl = fallback switch
        {
            Source.Setting => set,
            Source.Configuration => configured,
            Source.RequestHost => $"{request.Scheme}://{request.Host}{request.PathBase}",
            _ => null,
        };
        if (baseUrl is null)
            return Result.Conflict("请系统管理员在系统设置中填写对外访问地址（二维码和公开链接使用该地址）") with { Code = "settings.public_base_url_required" };
        return baseUrl + path;
    }
}
