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

    /// <summary>Runs the request's one validator, then the step the action names; each step is a use case of its own
    /// (SubmitClaim, WithdrawClaim, ReviewClaim, ReturnClaim, PublishNotice, ApproveClaim).</summary>
    public sealed class Handler(IValidator<Command> validator, SubmitClaim.Handler submit, WithdrawClaim.Handler withdraw, ReviewClaim.Handler review,
        ReturnClaim.Handler @return, PublishNotice.Handler publish, ApproveClaim.Handler approve)
    {
        public async Task<Result<ClaimView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            return cmd.Resolved!.Value switch
            {
                ClaimAction.Submit => await submit.Handle(id, new(cmd.Version), ct),
                ClaimAction.Withdraw => await withdraw.Handle(id, new(cmd.Version), ct),
                ClaimAction.Review => await review.Handle(id, new(cmd.Decisions, cmd.Version), ct),
                ClaimAction.Return => await @return.Handle(id, new(cmd.Reason, cmd.Version), ct),
                ClaimAction.Publish => await publish.Handle(id, new(cmd.NoticeStartsOn, cmd.Reason, cmd.Version), ct),
                ClaimAction.Approve => await approve.Handle(id, new(cmd.Version), ct),
                _ => (Result<ClaimView>)Result.Invalid("action", "未知的操作"),
            };
        }
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
            .WithName(nameof(TransitionClaim)).ProducesValidationProblem().RequireSubsidyWriters()
            .WithSummary("Submit, withdraw, review (per-line decisions), publish the notice, or approve a claim; 409 with the current state when stale");
        api.MapGet("/subsidies/claims/{id:long}/transitions", async (long id, ListClaims.Handler h, TimeProvider clock, CancellationToken ct) =>
                (await h.One(id, clock, ct)).ToHttp(v => TypedResults.Ok(v.Transitions)))
            .WithName("ListClaimTransitions").WithSummary("Who moved the claim from which state to which, when and why").RequireSubsidyReaders();
    }
}
