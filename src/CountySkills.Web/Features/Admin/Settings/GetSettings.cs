using CountySkills.Web.Features.Subsidies;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// GET /api/admin/settings: every system setting in force with its version (the `basedOn` of the next change) and its last change
/// (who, when, why): the working-day calendar by year, the follow-up intervals, the public base address, the exact-search limit, and a summary of the subsidy
/// rules (kept on their own page, /subsidies/rules). Admins, county officers and auditors read it; only admins change it.
/// </summary>
public static class GetSettings
{
    public sealed record LastChange(long Id, DateTime ChangedUtc, string ChangedBy, string Reason);

    public sealed record CalendarYearView(int Year, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays, CurrentSettings.Source Source,
        long? Version, LastChange? LastChange);

    public sealed record CalendarView(IReadOnlyList<CalendarYearView> Years);

    public sealed record FollowUpView(IReadOnlyList<int> Months, CurrentSettings.Source Source, long? Version, LastChange? LastChange);

    /// <summary>The address as set, the configured one, and where QR codes take theirs from now (<see cref="Required"/>: from nowhere).</summary>
    public sealed record PublicBaseUrlView(string? Url, string? Configured, CurrentSettings.Source UsedNow, bool Required, long? Version, LastChange? LastChange);

    /// <summary>Exact searches (full ID number or phone, ID prefix into the birth date) one user may make in a sliding minute.</summary>
    public sealed record ExactSearchView(int PerMinute, int Default, CurrentSettings.Source Source, long? Version, LastChange? LastChange);

    public sealed record SubsidyRulesSummary(long Id, DateTime EffectiveFromUtc, string ChangedBy, string? Reason, long JuniorFen, long IntermediateFen,
        long CompletionFen, int MaxPerYear, int MinAttendancePercent, int NoticeWorkingDays, string Link, string Api);

    public sealed record View(CalendarView Calendar, FollowUpView FollowUpMonths, PublicBaseUrlView PublicBaseUrl, SubsidyRulesSummary SubsidyRules,
        ExactSearchView ExactSearchPerMinute);

    static LastChange? Of(SettingVersion? v) => v is null ? null : new(v.Id, v.ChangedUtc, v.ChangedBy, v.Reason);

    public static CalendarYearView ViewOf(CurrentSettings.Year y) =>
        new(y.Calendar.Year, y.Calendar.Holidays, y.Calendar.Workdays, y.Source, y.Version?.Id, Of(y.Version));

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentSettings settings, TimeProvider clock)
    {
        public async Task<View> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var years = await CurrentSettings.CalendarYearsAsync(db, now, ct);
            var rules = await SubsidyHistory.RulesAtAsync(db, now, ct);
            return new View(new CalendarView(years.Select(ViewOf).ToList()), await FollowUpAsync(db, ct), await PublicBaseUrlAsync(db, ct),
                new SubsidyRulesSummary(rules.Id, rules.EffectiveFromUtc, rules.ChangedBy, rules.Reason, rules.JuniorFen, rules.IntermediateFen, rules.CompletionFen,
                    rules.MaxPerYear, rules.MinAttendancePercent, rules.NoticeWorkingDays, "/subsidies/rules", "/api/subsidies/rules"),
                await ExactSearchAsync(db, ct));
        }

        public async Task<CalendarYearView> YearAsync(AppDbContext db, int year, CancellationToken ct) =>
            (await CurrentSettings.CalendarYearsAsync(db, clock.GetUtcNow().UtcDateTime, ct)).Where(y => y.Calendar.Year == year).Select(ViewOf).FirstOrDefault()
            ?? new CalendarYearView(year, [], [], CurrentSettings.Source.None, null, null);

        public async Task<FollowUpView> FollowUpAsync(AppDbContext db, CancellationToken ct)
        {
            var (value, source, version) = await settings.FollowUpIntervalsAsync(db, ct);
            return new FollowUpView(value.Months, source, version?.Id, Of(version));
        }

        public async Task<ExactSearchView> ExactSearchAsync(AppDbContext db, CancellationToken ct)
        {
            var (value, source, version) = await settings.ExactSearchLimitAsync(db, ct);
            return new ExactSearchView(value.PerMinute, ExactSearchLimit.Default, source, version?.Id, Of(version));
        }

        public async Task<PublicBaseUrlView> PublicBaseUrlAsync(AppDbContext db, CancellationToken ct)
        {
            var (url, version, configured, usedNow) = await settings.PublicBaseUrlAsync(db, ct);
            return new PublicBaseUrlView(url, configured, usedNow, usedNow == CurrentSettings.Source.None, version?.Id, Of(version));
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/admin/settings", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
            .WithName(nameof(GetSettings)).RequirePermission(Perm.SettingsRead)
            .WithSummary("The system settings in force (calendar, follow-up intervals, public base address, exact-search limit, subsidy rules summary) with their versions");
}
