using System.Text.Json.Serialization;
using FluentValidation;

namespace CountySkills.Web.Features.Admin.Settings;

/// <summary>
/// PUT /api/admin/settings/calendar/{year} (Admin): the year's public holidays and make-up working days, each {date, name}, replacing
/// the year's list, with a reason and `basedOn` (the year's version the editor saw; none when the year was never set). The one
/// calendar every count of working days uses from then on (a subsidy notice published afterwards included).
/// </summary>
public static class ChangeCalendar
{
    public sealed record Day
    {
        public string? Date { get; set; }
        public string? Name { get; set; }
    }

    public sealed record Command
    {
        /// <summary>From the route.</summary>
        [JsonIgnore] public int Year { get; set; }
        public List<Day>? Holidays { get; set; }
        public List<Day>? Workdays { get; set; }
        public string? Reason { get; set; }
        public long? BasedOn { get; set; }

        public CalendarYear ToCalendar() => new(Year, Days(Holidays), Days(Workdays));

        static List<CalendarDay> Days(List<Day>? days) =>
            (days ?? []).Select(d => new CalendarDay(ParseDate(d.Date) ?? default, d.Name?.Trim() ?? "")).ToList();
    }

    public static DateOnly? ParseDate(string? text) => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", out var d) ? d : null;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).ChangeReason();
            RuleForEach(x => x.Holidays).NotNull().WithMessage("请填写日期和名称");
            RuleForEach(x => x.Holidays).ChildRules(DayRules);
            RuleForEach(x => x.Workdays).NotNull().WithMessage("请填写日期和名称");
            RuleForEach(x => x.Workdays).ChildRules(DayRules);
            // The calendar's own rules (in the year, names, no date both a holiday and a workday, make-up days on weekends), once every date reads.
            RuleFor(x => x).Custom((cmd, ctx) =>
            {
                if ((cmd.Holidays ?? []).Concat(cmd.Workdays ?? []).Any(d => d is null || ParseDate(d.Date) is null)) return;
                foreach (var (list, index, message) in cmd.ToCalendar().Problems())
                    ctx.AddFailure(index < 0 ? list : $"{list}[{index}]", message);
            });
        }

        static void DayRules(InlineValidator<Day> d) =>
            d.RuleFor(x => x.Date).Must(t => ParseDate(t) is not null)
                .WithMessage(x => string.IsNullOrWhiteSpace(x.Date) ? "请填写日期（格式 2026-10-01）" : $"“{x.Date}”不是有效日期（格式 2026-10-01）");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator, GetSettings.Handler views)
    {
        public async Task<Result<GetSettings.CalendarYearView>> Handle(Command cmd, CancellationToken ct)
        {
            if (SettingChange.Refusal(await validator.ValidateAsync(cmd, ct)) is { } invalid) return invalid;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var saved = await SettingChange.SaveAsync(db, SettingKeys.Calendar(cmd.Year), SettingJson.Write(cmd.ToCalendar().Normalised()), cmd.Reason!,
                cmd.BasedOn, user, clock.GetUtcNow().UtcDateTime, ct);
            if (!saved.IsOk) return saved.AsFailure();
            return await views.YearAsync(db, cmd.Year, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/admin/settings/calendar/{year:int}", async (int year, Command? cmd, Handler h, CancellationToken ct) =>
                (await h.Handle((cmd ?? new Command()) with { Year = year }, ct)).ToHttp())
            .WithName(nameof(ChangeCalendar)).RequirePermission(Perm.SettingsWrite).ProducesValidationProblem()
            .WithSummary("Admin: set a year's public holidays and make-up working days (with names), with a reason and basedOn (stale: 409)");
}
