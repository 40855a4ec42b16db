using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// The subsidy rules: GET /api/subsidies/rules (the version in force and every earlier one, newest first) and PUT /api/subsidies/rules
/// (Admin): the fields to change, a reason, and `basedOn` = the id of the version the editor saw (stale: 409). A change is a new
/// dated version; claims already submitted keep the version they were judged under. Public holidays and make-up working days are kept in
/// the working-day calendar of the settings (/admin/settings): a change of `holidays` or `extraWorkdays` here is refused (400).
/// </summary>
public static class Rules
{
    public sealed record Change
    {
        public long? BasedOn { get; set; }
        public string? Reason { get; set; }
        public long? JuniorFen { get; set; }
        public long? IntermediateFen { get; set; }
        public long? AdvancedFen { get; set; }
        public long? TechnicianFen { get; set; }
        public long? SeniorTechnicianFen { get; set; }
        public long? SpecialAbilityFen { get; set; }
        public long? CompletionFen { get; set; }
        public long? AssessJuniorFen { get; set; }
        public long? AssessIntermediateFen { get; set; }
        public long? AssessAdvancedFen { get; set; }
        public long? AssessTechnicianFen { get; set; }
        public long? AssessSeniorTechnicianFen { get; set; }
        public long? AssessSpecialAbilityFen { get; set; }
        public int? MaxPerYear { get; set; }
        public int? ClaimWindowMonths { get; set; }
        public int? MinAttendancePercent { get; set; }
        public int? WorkingAgeMin { get; set; }
        public int? WorkingAgeMax { get; set; }
        public bool? CatalogueOnly { get; set; }
        public int? NoticeWorkingDays { get; set; }
        /// <summary>Superseded by the settings calendar: only the value already there is accepted (a client sending back what it read).</summary>
        public string? Holidays { get; set; }
        /// <summary>Superseded by the settings calendar, like <see cref="Holidays"/>.</summary>
        public string? ExtraWorkdays { get; set; }
        public int? SharedPhoneThreshold { get; set; }
    }

    public sealed record View(SubsidyRules Current, IReadOnlyList<SubsidyRules> History);

    public sealed class Validator : AbstractValidator<Change>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明调整依据（如文件号）").MaximumLength(500).WithMessage("调整依据不超过 500 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Change> validator)
    {
        public async Task<View> GetAsync(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var current = await SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct);
            var history = await db.SubsidyRules.AsNoTracking().OrderByDescending(r => r.EffectiveFromUtc).ThenByDescending(r => r.Id).ToListAsync(ct);
            return new View(current, history);
        }

        public async Task<Result<View>> ChangeAsync(Change c, CancellationToken ct)
        {
            if (await validator.Refuse(c, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var current = await SubsidyHistory.RulesAtAsync(db, now, ct);
            if (c.BasedOn is { } seen && seen != current.Id) return Result.Conflict("补贴规则已被他人调整，请刷新后在最新版本上修改") with { Code = "rules.stale" };
            foreach (var (field, sent, kept) in new[] { ("holidays", c.Holidays, current.Holidays), ("extraWorkdays", c.ExtraWorkdays, current.ExtraWorkdays) })
                if (sent is not null && sent.Trim() != kept)
                    return Result.Invalid(field, "节假日和调休上班日已移至“系统设置 → 工作日历”（/admin/settings），请在那里修改") with { Code = "rules.calendar_moved" };
            var next = current.Next(now, user.UserName, c.Reason!.Trim());
            next.JuniorFen = c.JuniorFen ?? next.JuniorFen;
            next.IntermediateFen = c.IntermediateFen ?? next.IntermediateFen;
            next.AdvancedFen = c.AdvancedFen ?? next.AdvancedFen;
            next.TechnicianFen = c.TechnicianFen ?? next.TechnicianFen;
            next.SeniorTechnicianFen = c.SeniorTechnicianFen ?? next.SeniorTechnicianFen;
            next.SpecialAbilityFen = c.SpecialAbilityFen ?? next.SpecialAbilityFen;
            next.CompletionFen = c.CompletionFen ?? next.CompletionFen;
            next.AssessJuniorFen = c.AssessJuniorFen ?? next.AssessJuniorFen;
            next.AssessIntermediateFen = c.AssessIntermediateFen ?? next.AssessIntermediateFen;
            next.AssessAdvancedFen = c.AssessAdvancedFen ?? next.AssessAdvancedFen;
            next.AssessTechnicianFen = c.AssessTechnicianFen ?? next.AssessTechnicianFen;
            next.AssessSeniorTechnicianFen = c.AssessSeniorTechnicianFen ?? next.AssessSeniorTechnicianFen;
            next.AssessSpecialAbilityFen = c.AssessSpecialAbilityFen ?? next.AssessSpecialAbilityFen;
            next.MaxPerYear = c.MaxPerYear ?? next.MaxPerYear;
            next.ClaimWindowMonths = c.ClaimWindowMonths ?? next.ClaimWindowMonths;
            next.MinAttendancePercent = c.MinAttendancePercent ?? next.MinAttendancePercent;
            next.WorkingAgeMin = c.WorkingAgeMin ?? next.WorkingAgeMin;
            next.WorkingAgeMax = c.WorkingAgeMax ?? next.WorkingAgeMax;
            next.CatalogueOnly = c.CatalogueOnly ?? next.CatalogueOnly;
            next.NoticeWorkingDays = c.NoticeWorkingDays ?? next.NoticeWorkingDays;
            next.SharedPhoneThreshold = c.SharedPhoneThreshold ?? next.SharedPhoneThreshold;
            if (next.Check() is { } wrong) return Result.Refused(wrong, wrong.Code.Replace("rules.", ""));
            // A version cannot share its instant with the one before: the later id wins ties anyway, this keeps the history readable.
            if (next.EffectiveFromUtc <= current.EffectiveFromUtc) next.EffectiveFromUtc = current.EffectiveFromUtc.AddTicks(1);
            db.SubsidyRules.Add(next);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                return Result.Conflict("补贴规则刚被他人调整，请刷新后在最新版本上修改") with { Code = "rules.stale" };
            }
            return await GetAsync(ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/subsidies/rules", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(ct)))
            .WithName("GetSubsidyRules").WithSummary("The subsidy rules in force and their dated history");
        api.MapPut("/subsidies/rules", async (Change c, Handler h, CancellationToken ct) => (await h.ChangeAsync(c, ct)).ToHttp())
            .WithName("ChangeSubsidyRules").ProducesValidationProblem().RequirePermission(Perm.SubsidiesRules)
            .WithSummary("Admin: change subsidy rules (a new dated version; decided claims keep theirs)");
        // The same change posted as a new version (a version is a resource that is created, never edited).
        api.MapPost("/subsidies/rules", async (Change c, Handler h, CancellationToken ct) => (await h.ChangeAsync(c, ct)).ToHttp())
            .WithName("AddSubsidyRulesVersion").ProducesValidationProblem().RequirePermission(Perm.SubsidiesRules)
            .WithSummary("Admin: add a new version of the subsidy rules (same as PUT)");
    }
}
