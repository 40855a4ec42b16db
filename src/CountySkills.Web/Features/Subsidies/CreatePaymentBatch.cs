using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Gathers approved, unpaid lines into a payment batch: POST /api/subsidies/payment-batches {claimIds?, claimId?, fund?}; with
/// retryFailed = true it re-submits the lines the bank failed to pay. One batch pays from one fund.
/// </summary>
public static class CreatePaymentBatch
{
    public sealed record Command(List<long>? ClaimIds, bool RetryFailed = false, long? ClaimId = null, SubsidyFund? Fund = null)
    {
        [System.Text.Json.Serialization.JsonIgnore] public List<long>? Claims => ClaimId is { } one ? [.. ClaimIds ?? [], one] : ClaimIds;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Fund).IsInEnum().WithMessage("资金来源应为 就业补助资金、职业技能提升行动专账资金 或 其他资金");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<PaymentBatches.View>> Handle(Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var want = cmd.RetryFailed ? PaymentState.Failed : PaymentState.Pending;
            var claims = db.Claims.Where(c => c.Status == ClaimStatus.Approved);
            if (cmd.Claims is { Count: > 0 } ids) claims = claims.Where(c => ids.Contains(c.Id));
            // One batch pays from one fund: the fund asked for, or that of the oldest claim waiting.
            var fund = cmd.Fund ?? await db.ClaimLines.Where(l => l.Decision == LineDecision.Approved && l.Payment == want)
                .Join(claims, l => l.ClaimId, c => c.Id, (l, c) => new { c.Id, c.Fund }).OrderBy(x => x.Id).Select(x => (SubsidyFund?)x.Fund).FirstOrDefaultAsync(ct);
            claims = claims.Where(c => c.Fund == fund);
            var lines = await db.ClaimLines.Where(l => l.Decision == LineDecision.Approved && l.Payment == want && claims.Any(c => c.Id == l.ClaimId)).ToListAsync(ct);
            if (lines.Count == 0)
                return Result.Refused(new("payment.nothing_to_pay", cmd.RetryFailed ? "没有拨付失败待重新提交的明细" : "没有已审批待拨付的明细"));
            var now = clock.GetUtcNow().UtcDateTime;
            // Numbered from its own id once stored (a count would give two batches made at once the same number).
            var batch = new PaymentBatch { Number = "BF-" + Guid.NewGuid().ToString("N")[..16], Fund = fund!.Value, CreatedUtc = now, CreatedBy = user.UserName, ItemCount = lines.Count, TotalFen = lines.Sum(l => l.TotalFen) };
            foreach (var l in lines)
            {
                l.Payment = PaymentState.InBatch;
                batch.Items.Add(new PaymentItem { LineId = l.Id, AmountFen = l.TotalFen });
            }
            db.PaymentBatches.Add(batch);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
                batch.Number = $"BF{clock.Today():yyyyMMdd}-{batch.Id:D4}";
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("这些明细刚被他人编入拨付批次，请刷新后重试"); }
            return await PaymentBatches.LoadAsync(db, batch.Id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subsidies/payment-batches", async (Command cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(cmd, ct)).ToHttp(v => TypedResults.Created($"/api/subsidies/payment-batches/{v.Id}", v)))
            .WithName(nameof(CreatePaymentBatch)).RequireSubsidyCounty()
            .WithSummary("Gather approved unpaid lines (or, with retryFailed, failed ones) into a payment batch");
}
