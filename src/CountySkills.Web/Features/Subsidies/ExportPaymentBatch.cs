using CountySkills.Web.Infrastructure.Excel;
using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>The bank's workbook of a payment batch: GET /api/subsidies/payment-batches/{id}/export?reason=… (full ID numbers, so the
/// export is audited).</summary>
public static class ExportPaymentBatch
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        /// <summary>The bank's workbook: full ID numbers (payment needs them), so it needs a stated reason, is audited like a
        /// reveal (with the number of people), and names who exported it, when and why (first row and document properties).</summary>
        public async Task<Result<(byte[] Bytes, string Name)>> Handle(long id, string? reason, CancellationToken ct)
        {
            if (ExportStamp.RefuseReason(reason, required: true) is { } refused) return refused;
            reason = reason!.Trim();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var b = await db.PaymentBatches.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (b is null) return Result.NotFound("没有找到该拨付批次");
            var rows = await PaymentBatches.Rows(db, id).ToListAsync(ct);
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

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subsidies/payment-batches/{id:long}/export", async (long id, string? reason, Handler h, CancellationToken ct) =>
                (await h.Handle(id, reason, ct)).ToHttp(f => TypedResults.File(f.Bytes, People.Import.ImportPeople.Xlsx, f.Name)))
            .WithName(nameof(ExportPaymentBatch)).RequireSubsidyCounty().WithSummary("The batch as xlsx for the bank (full ID numbers: needs reason=…; audited)");
}
