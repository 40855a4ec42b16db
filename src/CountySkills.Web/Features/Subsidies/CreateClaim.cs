using CountySkills.Web.Features.Training;
using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// An institution (or county staff) claims the subsidies of a completed class: POST /api/subsidies/claims {"classId": N}.
/// The draft gets one line per trainee on the roster, each judged against the trainee's whole history under the rules in
/// force; it is judged again, under the rules then in force, when it is submitted. One claim per class.
/// </summary>
public static class CreateClaim
{
    public sealed record Command(long ClassId, SubsidyFund? Fund = null, SubsidyPayee? Payee = null, string? Note = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.ClassId).GreaterThan(0).WithMessage("请选择培训班");
            RuleFor(x => x.Fund).IsInEnum().WithMessage("资金来源应为 就业补助资金、职业技能提升行动专账资金 或 其他资金");
            RuleFor(x => x.Payee).IsInEnum().WithMessage("收款方应为 培训机构 或 个人社保卡");
            RuleFor(x => x.Note).MaximumLength(1000).WithMessage("备注不超过 1000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<ClaimView>> Handle(Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassAsync(cmd.ClassId, user, ct, track: false);
            if (!found.IsOk) return found.Outcome == Outcome.NotFound ? Result.Invalid("classId", "没有找到该培训班") : found.AsFailure();
            var cls = found.Value!;
            if (!cls.Subsidised) return Result.Refused(new("claim.class_not_subsidised", $"培训班“{cls.Name}”不是补贴性培训，不能申请补贴"));
            if (cls.Status is not (ClassStatus.Completed or ClassStatus.Closed))
                return Result.Refused(new("claim.class_not_completed", $"培训班“{cls.Name}”当前为“{Zh.Of(cls.Status)}”，结业后才能申请补贴"));
            if (await db.Claims.Where(c => c.ClassId == cls.Id).Select(c => c.Number).FirstOrDefaultAsync(ct) is { } existing)
                return Result.Refused(new("claim.duplicate", $"该培训班已有补贴申请 {existing}，不能重复申请"));
            var now = clock.GetUtcNow().UtcDateTime;
            var today = clock.Today();
            var rules = await SubsidyHistory.RulesAtAsync(db, now, ct);
            var claim = new SubsidyClaim
            {
                Number = SubsidyClaim.NumberFor(today.Year, cls.Id), ClassId = cls.Id, InstitutionId = cls.InstitutionId, Fund = cmd.Fund ?? SubsidyFund.EmploymentFund,
                Payee = cmd.Payee ?? SubsidyPayee.Institution, ClaimedOn = today, RulesId = rules.Id, CreatedUtc = now, CreatedBy = user.UserName, Note = cmd.Note?.Trim(),
            };
            await ClaimJudging.JudgeAsync(db, claim, cls, rules, ct);
            if (claim.Lines.Count == 0) return Result.Refused(new("claim.empty", $"培训班“{cls.Name}”没有在册学员，无可申请的补贴"));
            db.Claims.Add(claim);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Refused(new("claim.duplicate", "该培训班刚刚已有人提交补贴申请，不能重复申请")); }
            return await ClaimView.LoadAsync(db, claim.Id, user, clock, ct);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/subsidies/claims", async (Command cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(cmd, ct)).ToHttp(v => TypedResults.Created($"/api/subsidies/claims/{v.Id}", v)))
            .WithName(nameof(CreateClaim)).ProducesValidationProblem().RequireSubsidyWriters()
            .WithSummary("Claim the subsidies of a completed class: one line per trainee with amount, verdict and reason codes");
        api.MapDelete("/subsidies/claims/{id:long}", async (long id, IDbContextFactory<AppDbContext> dbs, CurrentUser user, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var found = await db.FindClaimAsync(id, user, ct, withLines: true);
                if (!found.IsOk) return found.ToHttp();
                if (found.Value!.Status != ClaimStatus.Draft)
                    return Http.Problem(409, $"申请当前为“{Zh.Of(found.Value.Status)}”，只有草稿可以删除", "claim.invalid_state");
                db.Claims.Remove(found.Value);
                await db.SaveChangesAsync(ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteClaim").RequireSubsidyWriters().WithSummary("Delete a draft claim");
    }
}
