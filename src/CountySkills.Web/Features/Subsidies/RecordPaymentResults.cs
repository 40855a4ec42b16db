using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Records what the bank paid and what failed: POST /api/subsidies/payment-batches/{id}/results {paidOn?, paidLineIds | paid, failed: [{lineId,
/// reason}], allPaid?, version?}. The rules are the batch's own (PaymentBatch.RecordResults); a claim is paid once all its approved lines are.
/// A failed line can be re-submitted in a new batch (CreatePaymentBatch with retryFailed).
/// </summary>
public static class RecordPaymentResults
{
    public sealed record Failed(long LineId, string? Reason);
    public sealed record Command(DateOnly? PaidOn, List<long>? PaidLineIds, List<Failed>? Failed, bool AllPaid = false, Guid? Version = null, List<long>? Paid = null)
    {
        [System.Text.Json.Serialization.JsonIgnore] public List<long>? PaidLines => Paid is { Count: > 0 } p ? [.. PaidLineIds ?? [], .. p] : PaidLineIds;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleForEach(x => x.Failed).NotNull().WithMessage("失败明细不能为空");
            RuleForEach(x => x.Failed).ChildRules(f => f.RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明拨付失败的原因（如 账号不符、账户冻结）")
                .MaximumLength(200).WithMessage("失败原因不超过 200 个字"));
            RuleFor(x => x).Must(x => x.AllPaid || x.PaidLines is { Count: > 0 } || x.Failed is { Count: > 0 }).OverridePropertyName("paidLineIds")
                .WithMessage("请列出已拨付（paidLineIds）或拨付失败（failed）的明细，或 allPaid = true");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<PaymentBatches.View>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var batch = await db.PaymentBatches.Include(b => b.Items).ThenInclude(i => i.Line).SingleOrDefaultAsync(b => b.Id == id, ct);
            if (batch is null) return Result.NotFound("没有找到该拨付批次");
            if (cmd.Version is { } v && v != batch.Version) return Result.Conflict("该批次已被他人更新，请刷新后重试");
            var refusal = batch.RecordResults(cmd.PaidLines ?? [], (cmd.Failed ?? []).Select(f => (f.LineId, f.Reason!)).ToList(), cmd.AllPaid,
                cmd.PaidOn ?? clock.Today(), clock.Today());
            if (refusal is not null)
                return refusal.Code switch
                {
                    "payment.both" => Result.Refused(refusal, "failed"),
                    "payment.twice" or "payment.not_in_batch" => Result.Refused(refusal, "paidLineIds"),
                    "payment.future_date" => Result.Refused(refusal, "paidOn"),
                    _ => Result.Refused(refusal),
                };
            var claimIds = batch.Items.Select(i => i.Line!.ClaimId).Distinct().ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var claim in await db.Claims.Include(c => c.Lines).Include(c => c.Transitions).Where(c => claimIds.Contains(c.Id)).ToListAsync(ct))
                claim.SettleIfPaid(user.UserName, now);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该批次刚被他人更新，请刷新后重试"); }
            return await PaymentBatches.LoadAsync(db, id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subsidies/payment-batches/{id:long}/results", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(RecordPaymentResults)).ProducesValidationProblem().RequireSubsidyCounty()
            .WithSummary("Record which items the bank paid and which failed (a failed one can be re-submitted in a new batch)");
}
