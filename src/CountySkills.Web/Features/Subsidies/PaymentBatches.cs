using CountySkills.Web.Infrastructure.Excel;
using CountySkills.Web.Features.People;
using FluentValidation;
using MiniExcelLibs;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Paying approved lines: POST /api/subsidies/payment-batches {claimIds?, retryFailed?} gathers the approved, unpaid lines (or the
/// failed ones, to re-submit) into a batch; GET …/{id}/export is the xlsx for the bank (full ID numbers, so the export is audited);
/// POST …/{id}/results records what the bank paid and what failed. A claim is paid once all its approved lines are.
/// </summary>
public static class PaymentBatches
{
    public sealed record Create(List<long>? ClaimIds, bool RetryFailed = false, long? ClaimId = null, SubsidyFund? Fund = null)
    {
        [System.Text.Json.Serialization.JsonIgnore] public List<long>? Claims => ClaimId is { } one ? [.. ClaimIds ?? [], one] : ClaimIds;
    }
    public sealed record Failed(long LineId, string? Reason);
    public sealed record Results(DateOnly? PaidOn, List<long>? PaidLineIds, List<Failed>? Failed, bool AllPaid = false, Guid? Version = null, List<long>? Paid = null)
    {
        [System.Text.Json.Serialization.JsonIgnore] public List<long>? PaidLines => Paid is { Count: > 0 } p ? [.. PaidLineIds ?? [], .. p] : PaidLineIds;
    }

    public sealed record Item(long Id, long LineId, long ClaimId, string ClaimNumber, string Name, string IdNumber, string Payee, long AmountFen,
        PaymentState Status, string StatusName, string? FailureReason, DateOnly? PaidOn);
    public sealed record View(long Id, string Number, DateTime CreatedUtc, string CreatedBy, int ItemCount, long TotalFen, int Paid, int FailedCount, int Pending,
        bool Settled, Guid Version, IReadOnlyList<Item> Items);

    public sealed class ResultsValidator : AbstractValidator<Results>
    {
        public ResultsValidator()
        {
            RuleForEach(x => x.Failed).NotNull().WithMessage("失败明细不能为空");
            RuleForEach(x => x.Failed).ChildRules(f => f.RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明拨付失败的原因（如 账号不符、账户冻结）")
                .MaximumLength(200).WithMessage("失败原因不超过 200 个字"));
            RuleFor(x => x).Must(x => x.AllPaid || x.PaidLines is { Count: > 0 } || x.Failed is { Count: > 0 }).OverridePropertyName("paidLineIds")
                .WithMessage("请列出已拨付（paidLineIds）或拨付失败（failed）的明细，或 allPaid = true");
        }
    }


    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<View>> CreateAsync(Create cmd, CancellationToken ct)
        {
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
            return await LoadAsync(db, batch.Id, ct);
        }

        public async Task<Result<View>> RecordAsync(long id, Results input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var batch = await db.PaymentBatches.Include(b => b.Items).ThenInclude(i => i.Line).SingleOrDefaultAsync(b => b.Id == id, ct);
            if (batch is null) return Result.NotFound("没有找到该拨付批次");
            if (input.Version is { } v && v != batch.Version) return Result.Conflict("该批次已被他人更新，请刷新后重试");
            var byLine = batch.Items.ToDictionary(i => i.LineId);
            var paid = input.AllPaid ? batch.Items.Where(i => i.Status == PaymentState.InBatch).Select(i => i.LineId).ToList() : input.PaidLines ?? [];
            var failed = input.Failed ?? [];
            if (input.AllPaid) paid = paid.Except(failed.Select(f => f.LineId)).ToList();
            if (paid.Intersect(failed.Select(f => f.LineId)).FirstOrDefault() is var both && both != 0)
                return Result.Invalid("failed", $"明细 {both} 不能同时登记为已拨付和拨付失败");
            if (paid.Concat(failed.Select(f => f.LineId)).GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice)
                return Result.Invalid("paidLineIds", $"明细 {twice.Key} 重复出现");
            foreach (var lineId in paid.Concat(failed.Select(f => f.LineId)))
            {
                if (!byLine.TryGetValue(lineId, out var item)) return Result.Invalid("paidLineIds", $"明细 {lineId} 不在本批次中");
                if (item.Status != PaymentState.InBatch) return Result.Refused(new("payment.already_recorded", $"明细 {lineId} 的拨付结果已登记为“{Zh.Of(item.Status)}”"));
            }
            var paidOn = input.PaidOn ?? clock.Today();
            if (paidOn > clock.Today()) return Result.Invalid("paidOn", "拨付日期不能晚于今天");
            foreach (var lineId in paid)
            {
                var item = byLine[lineId];
                (item.Status, item.PaidOn, item.Line!.Payment, item.Line.PaidOn) = (PaymentState.Paid, paidOn, PaymentState.Paid, paidOn);
            }
            foreach (var f in failed)
            {
                var item = byLine[f.LineId];
                (item.Status, item.FailureReason, item.Line!.Payment) = (PaymentState.Failed, f.Reason!.Trim(), PaymentState.Failed);
            }
            batch.Settled = batch.Items.All(i => i.Status != PaymentState.InBatch);
            batch.Touch();
            var claimIds = batch.Items.Select(i => i.Line!.ClaimId).Distinct().ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var claim in await db.Claims.Include(c => c.Lines).Include(c => c.Transitions).Where(c => claimIds.Contains(c.Id)).ToListAsync(ct))
                claim.SettleIfPaid(user.UserName, now);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("该批次刚被他人更新，请刷新后重试"); }
            return await LoadAsync(db, id, ct);
        }

        public async Task<Result<View>> OneAsync(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.PaymentBatches.AnyAsync(b => b.Id == id, ct) ? await LoadAsync(db, id, ct) : Result.NotFound("没有找到该拨付批次");
        }

        /// <summary>The latest 100 batches with their counts (one query; items only in the batch itself).</summary>
        public async Task<List<View>> ListAsync(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await db.PaymentBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(100).Select(b => new
            {
                b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, b.Settled, b.Version,
                Paid = b.Items.Count(i => i.Status == PaymentState.Paid), Failed = b.Items.Count(i => i.Status == PaymentState.Failed),
                Pending = b.Items.Count(i => i.Status == PaymentState.InBatch),
            }).ToListAsync(ct);
            return rows.Select(b => new View(b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, b.Paid, b.Failed, b.Pending, b.Settled, b.Version, [])).ToList();
        }

        static async Task<View> LoadAsync(AppDbContext db, long id, CancellationToken ct)
        {
            var b = await db.PaymentBatches.AsNoTracking().SingleAsync(x => x.Id == id, ct);
            var items = await Rows(db, id).ToListAsync(ct);
            var list = items.Select(r => new Item(r.Id, r.LineId, r.ClaimId, r.Number, r.Name, IdNumber.Mask(r.IdNumber), r.Payee == SubsidyPayee.Person ? r.Name + "（社保卡）" : r.Institution,
                r.AmountFen, r.Status, Words.Of(r.Status), r.FailureReason, r.PaidOn)).ToList();
            return new View(b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, list.Count(i => i.Status == PaymentState.Paid),
                list.Count(i => i.Status == PaymentState.Failed), list.Count(i => i.Status == PaymentState.InBatch), b.Settled, b.Version, list);
        }

        static IQueryable<Row> Rows(AppDbContext db, long id) =>
            from i in db.PaymentItems.AsNoTracking() where i.BatchId == id
            join l in db.ClaimLines on i.LineId equals l.Id
            join c in db.Claims on l.ClaimId equals c.Id
            orderby i.Id
            select new Row(i.Id, i.LineId, c.Id, c.Number, l.Person!.Name, l.Person.IdNumber, c.Payee, c.Institution!.Name, i.AmountFen, i.Status, i.FailureReason, i.PaidOn,
                l.AmountFen, l.AssessmentFen, l.CertificateNumber, l.Kind, l.Level, db.Occupations.Where(o => o.Id == l.OccupationId).Select(o => o.Name).First(),
                db.Certificates.Where(x => x.Id == l.CertificateId).Select(x => x.Issuer).FirstOrDefault());

        sealed record Row(long Id, long LineId, long ClaimId, string Number, string Name, string IdNumber, SubsidyPayee Payee, string Institution, long AmountFen,
            PaymentState Status, string? FailureReason, DateOnly? PaidOn, long TrainingFen, long AssessmentFen, string? CertificateNumber, CertificateKind Kind,
            SkillLevel Level, string Occupation, string? Issuer);

        /// <summary>The bank's workbook: full ID numbers (payment needs them), so it needs a stated reason, is audited like a
        /// reveal (with the number of people), and names who exported it, when and why (first row and document properties).</summary>
        public async Task<Result<(byte[] Bytes, string Name)>> ExportAsync(long id, string? reason, CancellationToken ct)
        {
            if (ExportStamp.RefuseReason(reason, required: true) is { } refused) return refused;
            reason = reason!.Trim();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var b = await db.PaymentBatches.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (b is null) return Result.NotFound("没有找到该拨付批次");
            var rows = await Rows(db, id).ToListAsync(ct);
            var n = 0;
            var sheet = rows.Select(r => (IReadOnlyList<object?>)
            [
                ++n, r.Number, r.Name, r.IdNumber, r.Occupation, Zh.Of(r.Kind), r.Level == SkillLevel.None ? "" : Zh.Of(r.Level), r.CertificateNumber,
                r.TrainingFen / 100m, r.Payee == SubsidyPayee.Person ? r.Name + "（社保卡）" : r.Institution,
                r.AssessmentFen / 100m, r.Issuer, r.AmountFen / 100m, Zh.Of(r.Status), r.FailureReason,
            ]);
            var ms = new MemoryStream();
            await StampedWorkbook.WriteAsync(ms, "拨付明细", $"补贴拨付明细 {b.Number}（含完整个人信息）", ExportStamp.Of(user, clock, reason, unmasked: true), BankHeaders, sheet, ct);
            db.AuditEntries.Add(RevealAudit.Of(user, clock, $"payment-batch:{b.Number}", new { export = rows.Count, batch = b.Number, reason }));
            await db.SaveChangesAsync(ct);
            return (ms.ToArray(), $"补贴拨付-{b.Number}.xlsx");
        }

        static readonly string[] BankHeaders =
            ["序号", "申请编号", "姓名", "身份证号码", "职业（工种）", "证书类别", "等级", "证书编号", "培训补贴（元）", "培训补贴收款方", "鉴定评价补贴（元）", "评价机构", "合计（元）", "拨付状态", "失败原因"];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/subsidies/payment-batches", async (Create cmd, Handler h, CancellationToken ct) =>
                (await h.CreateAsync(cmd, ct)).ToHttp(v => TypedResults.Created($"/api/subsidies/payment-batches/{v.Id}", v)))
            .WithName("CreatePaymentBatch").RequireSubsidyCounty()
            .WithSummary("Gather approved unpaid lines (or, with retryFailed, failed ones) into a payment batch");
        api.MapGet("/subsidies/payment-batches", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .WithName("ListPaymentBatches").WithSummary("Payment batches, newest first")
            .RequirePermission(Perm.SubsidiesFinance);
        api.MapGet("/subsidies/payment-batches/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.OneAsync(id, ct)).ToHttp())
            .WithName("GetPaymentBatch").WithSummary("A payment batch with its items (masked)")
            .RequirePermission(Perm.SubsidiesFinance);
        api.MapGet("/subsidies/payment-batches/{id:long}/export", async (long id, string? reason, Handler h, CancellationToken ct) =>
                (await h.ExportAsync(id, reason, ct)).ToHttp(f => TypedResults.File(f.Bytes, People.Import.ImportPeople.Xlsx, f.Name)))
            .WithName("ExportPaymentBatch").RequireSubsidyCounty().WithSummary("The batch as xlsx for the bank (full ID numbers: needs reason=…; audited)");
        api.MapPost("/subsidies/payment-batches/{id:long}/results", async (long id, Results input, Handler h, CancellationToken ct) => (await h.RecordAsync(id, input, ct)).ToHttp())
            .WithName("RecordPaymentResults").WithValidation<Results>().RequireSubsidyCounty()
            .WithSummary("Record which items the bank paid and which failed (a failed one can be re-submitted in a new batch)");
    }
}
