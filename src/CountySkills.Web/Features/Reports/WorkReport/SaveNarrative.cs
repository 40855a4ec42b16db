using FluentValidation;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>
/// Saving one narrative section of a period's work report (kept per period): PUT /api/reports/narratives/{period}/{section} {"text", "version"?} (a stale version is a 409; so is none once the section is saved).
/// </summary>
public static class SaveNarrative
{
    public sealed record Command(string? Text, Guid? Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Text).NotEmpty().WithMessage("请填写该部分的内容").MaximumLength(20000).WithMessage("每部分不超过 20,000 字");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ListNarratives.Item>> Handle(string period, string section, Command cmd, CancellationToken ct)
        {
            if (ReportPeriod.Parse(period) is not { } p) return Result.Invalid("period", "期间应为年份（如 2026）或起止年份（如 2021-2025）", "period.invalid");
            if (Sections.Find(section) is not { } s) return Result.NotFound($"工作汇报没有“{section}”这一部分");
            var check = validator.Validate(cmd);
            if (!check.IsValid) return Result.Invalid(check.ToDictionary());
            await using var db = await dbs.CreateDbContextAsync(ct);
            var n = await db.ReportNarratives.SingleOrDefaultAsync(x => x.Period == p.Key && x.Section == section, ct);
            // No version means "read while not yet saved": if someone has saved it since, that is a lost update too.
            if (n is not null && cmd.Version != n.Version) return Result.Conflict("该部分已被他人修改，请刷新后重试");
            if (n is null && cmd.Version is not null) return Result.Conflict("该部分已被他人修改，请刷新后重试");
            n ??= db.ReportNarratives.Add(new ReportNarrative { Period = p.Key, Section = section, Text = "" }).Entity;
            (n.Text, n.UpdatedBy, n.UpdatedUtc) = (cmd.Text!.Trim(), user.UserName, clock.GetUtcNow().UtcDateTime);
            n.Touch();
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该部分已被他人修改，请刷新后重试"); }
            return new ListNarratives.Item(s.Key, s.Chapter, s.Title, s.TitleEn, n.Text, true, n.Version, n.UpdatedBy, n.UpdatedUtc);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/reports/narratives/{period}/{section}", async (string period, string section, Command cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(period, section, cmd, ct)).ToHttp())
            .WithName(nameof(SaveNarrative)).WithTags("Reports").RequirePermission(Perm.PlanningWrite)
            .WithSummary("Saves one narrative section of a period's work report (version: a stale one is a 409)");
}
