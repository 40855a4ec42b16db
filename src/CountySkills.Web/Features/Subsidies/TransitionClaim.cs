using System.Text.Json.Serialization;
using CountySkills.Web.Features.Training;
using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Moves a claim along: POST /api/subsidies/claims/{id}/transitions with {"action": "submit" | "withdraw" | "review" | "publish" |
/// "approve"} (or {"to": state}) and the version the caller saw. A review carries per-line decisions (lines not named take the
/// system verdict); publishing may carry the notice's first day. Two reviewers at once: the first wins, the other gets 409
/// with the claim's current state.
/// </summary>
public static class TransitionClaim
{
    public sealed record LineVerdict(long LineId, LineDecision Decision, string? Reason);

    public sealed record Command
    {
        public ClaimAction? Action { get; set; }
        public ClaimStatus? To { get; set; }
        public Guid? Version { get; set; }
        public string? Reason { get; set; }
        public List<LineVerdict>? Decisions { get; set; }
        public DateOnly? NoticeStartsOn { get; set; }
        [JsonIgnore] public ClaimAction? Resolved => Action ?? To switch
        {
            ClaimStatus.Submitted => ClaimAction.Submit, ClaimStatus.Draft => ClaimAction.Withdraw, ClaimStatus.Reviewed => ClaimAction.Review, ClaimStatus.Returned => ClaimAction.Return,
            ClaimStatus.InNotice => ClaimAction.Publish, ClaimStatus.Approved => ClaimAction.Approve, _ => null,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Resolved).NotNull().OverridePropertyName("action")
                .WithMessage("请说明要进行的操作：action = submit、withdraw、review、return、publish 或 approve");
            RuleFor(x => x.Resolved).IsInEnum().OverridePropertyName("action").WithMessage("未知的操作：action 应为 submit、withdraw、review、return、publish 或 approve");
            RuleFor(x => x.Reason).MaximumLength(500).WithMessage("说明不超过 500 个字");
            RuleForEach(x => x.Decisions).NotNull().WithMessage("审核意见不能为空");
            RuleForEach(x => x.Decisions).ChildRules(d =>
            {
                d.RuleFor(x => x.Decision).IsInEnum().WithMessage("审核意见应为 approve（通过）、reject（不通过）或 return（退回修改）");
                d.RuleFor(x => x.Reason).MaximumLength(500).WithMessage("原因不超过 500 个字");
            });
            RuleFor(x => x.Decisions).Must(d => d is null || d.Where(x => x is not null).Select(x => x.LineId).Distinct().Count() == d.Count(x => x is not null)).WithMessage("同一学员只能有一条审核意见");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClaimAsync(id, user, ct, withLines: true);
            if (!found.IsOk) return found.AsFailure();
            var claim = found.Value!;
            var action = cmd.Resolved!.Value;
            if (!SubsidyAccess.Writers.Any(user.IsInRole) || (action is not (ClaimAction.Submit or ClaimAction.Withdraw) && !user.IsCounty()))
                return Result.Forbidden($"只有县级审核人员可以{Zh.Of(action)}补贴申请") with { Code = "transition.forbidden" };
            if (cmd.Version is { } v && v != claim.Version) return Stale(claim);
            var now = clock.GetUtcNow().UtcDateTime;
            var today = clock.Today();
            Refusal? refusal;
            switch (action)
            {
                case ClaimAction.Submit:
                    // The first submission binds the rules in force; a resubmission after a return keeps the claim's own.
                    var rules = claim.FirstSubmission ? await SubsidyHistory.RulesAtAsync(db, now, ct) : await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct);
                    refusal = claim.Submit(rules.Id, today, user.UserName, now);
                    if (refusal is null)
                    {
                        await ClaimJudging.JudgeAsync(db, claim, await ClassOf(db, claim, ct), rules, ct);
                        if (claim.Lines.Count == 0) refusal = new("claim.empty", "本班已没有在册学员，申请不能提交");
                    }
                    break;
                case ClaimAction.Withdraw: refusal = claim.Withdraw(user.UserName, now); break;
                case ClaimAction.Return: refusal = claim.ReturnAll(cmd.Reason, user.UserName, now); break;
                case ClaimAction.Review:
                    // Judged again now, under the claim's rules: a claim for the same person submitted earlier may have arrived meanwhile.
                    await ClaimJudging.JudgeAsync(db, claim, await ClassOf(db, claim, ct), await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct), ct);
                    refusal = claim.Review((cmd.Decisions ?? []).ToDictionary(d => d.LineId, d => (d.Decision, d.Reason)), user.UserName, now);
                    break;
                case ClaimAction.Publish:
                    var bound = await SubsidyHistory.RulesByIdAsync(db, claim.RulesId, ct);
                    var calendar = await Admin.Settings.CurrentSettings.CalendarAsync(db, now, ct);
                    refusal = claim.Publish(cmd.NoticeStartsOn ?? today, today, calendar, bound.NoticeWorkingDays, cmd.Reason, user.UserName, now);
                    break;
                case ClaimAction.Approve:
                    var open = await db.Objections.CountAsync(o => o.ClaimId == id && o.Status == ObjectionStatus.Open, ct);
                    refusal = claim.Approve(today, open, user.UserName, now);
                    break;
                default:
                    return Result.Invalid("action", "未知的操作");
            }
            if (refusal is not null)
                return refusal.Code switch
                {
                    "line.reason_required" or "line.decision" or "line.not_found" or "line.ineligible" => Result.Refused(refusal, "decisions"),
                    "notice.reason_required" or "claim.reason_required" => Result.Refused(refusal, "reason"),
                    "notice.too_early" => Result.Refused(refusal, "noticeStartsOn"),
                    _ => Result.Refused(refusal),
                };
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Stale(claim); }
            return await ClaimView.LoadAsync(db, id, user, clock, ct);
        }

        static Task<TrainingClass> ClassOf(AppDbContext db, SubsidyClaim claim, CancellationToken ct) =>
            db.Classes.AsNoTracking().Include(c => c.Occupation).SingleAsync(c => c.Id == claim.ClassId, ct);

        static Failure Stale(SubsidyClaim seen) =>
            Result.Conflict("该补贴申请刚被他人处理，已为您显示当前状态，请核对后再操作") with { Code = "claim.stale" };
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/subsidies/claims/{id:long}/transitions", async (long id, Command cmd, Handler h, IDbContextFactory<AppDbContext> dbs, CurrentUser user,
                TimeProvider clock, CancellationToken ct) =>
            {
                var r = await h.Handle(id, cmd, ct);
                if (r.Outcome != Outcome.Conflict || r.Code != "claim.stale") return r.ToHttp();
                // The loser sees the state the winner left.
                await using var db = await dbs.CreateDbContextAsync(ct);
                var now = await ClaimView.LoadAsync(db, id, user, clock, ct);
                return TypedResults.Problem(detail: r.Detail, statusCode: 409, title: Http.TitleOf(409), extensions: new Dictionary<string, object?>
                {
                    ["code"] = r.Code, ["currentStatus"] = now.Status.ToString(), ["currentStatusName"] = now.StatusName, ["currentVersion"] = now.Version, ["current"] = now,
                });
            })
            .WithName(nameof(TransitionClaim)).WithValidation<Command>().RequireSubsidyWriters()
            .WithSummary("Submit, withdraw, review (per-line decisions), publish the notice, or approve a claim; 409 with the current state when stale");
        api.MapGet("/subsidies/claims/{id:long}/transitions", async (long id, ListClaims.Handler h, TimeProvider clock, CancellationToken ct) =>
                (await h.One(id, clock, ct)).ToHttp(v => TypedResults.Ok(v.Transitions)))
            .WithName("ListClaimTransitions").WithSummary("Who moved the claim from which state to which, when and why").RequireSubsidyReaders();
    }
}
