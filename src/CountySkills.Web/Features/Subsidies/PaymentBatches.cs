using CountySkills.Web.Features.People;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// Paying approved lines, the read side: a batch and its items as the API and the payments page show them (masked). The use cases are
/// CreatePaymentBatch (POST /api/subsidies/payment-batches, also re-submitting failed lines), ListPaymentBatches, GetPaymentBatch,
/// ExportPaymentBatch (the bank's xlsx, audited) and RecordPaymentResults. A claim is paid once all its approved lines are.
/// </summary>
public static class PaymentBatches
{
    public sealed record Item(long Id, long LineId, long ClaimId, string ClaimNumber, string Name, string IdNumber, string Payee, long AmountFen,
        PaymentState Status, string StatusName, string? FailureReason, DateOnly? PaidOn);
    public sealed record View(long Id, string Number, DateTime CreatedUtc, string CreatedBy, int ItemCount, long TotalFen, int Paid, int FailedCount, int Pending,
        bool Settled, Guid Version, IReadOnlyList<Item> Items);

    public static async Task<View> LoadAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var b = await db.PaymentBatches.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var items = await Rows(db, id).ToListAsync(ct);
        var list = items.Select(r => new Item(r.Id, r.LineId, r.ClaimId, r.Number, r.Name, IdNumber.Mask(r.IdNumber), r.Payee == SubsidyPayee.Person ? r.Name + "（社保卡）" : r.Institution,
            r.AmountFen, r.Status, Words.Of(r.Status), r.FailureReason, r.PaidOn)).ToList();
        return new View(b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, list.Count(i => i.Status == PaymentState.Paid),
            list.Count(i => i.Status == PaymentState.Failed), list.Count(i => i.Status == PaymentState.InBatch), b.Settled, b.Version, list);
    }

    internal static IQueryable<Row> Rows(AppDbContext db, long id) =>
        from i in db.PaymentItems.AsNoTracking() where i.BatchId == id
        join l in db.ClaimLines on i.LineId equals l.Id
        join c in db.Claims on l.ClaimId equals c.Id
        orderby i.Id
        select new Row(i.Id, i.LineId, c.Id, c.Number, l.Person!.Name, l.Person.IdNumber, c.Payee, c.Institution!.Name, i.AmountFen, i.Status, i.FailureReason, i.PaidOn,
            l.AmountFen, l.AssessmentFen, l.CertificateNumber, l.Kind, l.Level, db.Occupations.Where(o => o.Id == l.OccupationId).Select(o => o.Name).First(),
            db.Certificates.Where(x => x.Id == l.CertificateId).Select(x => x.Issuer).FirstOrDefault());

    internal sealed record Row(long Id, long LineId, long ClaimId, string Number, string Name, string IdNumber, SubsidyPayee Payee, string Institution, long AmountFen,
        PaymentState Status, string? FailureReason, DateOnly? PaidOn, long TrainingFen, long AssessmentFen, string? CertificateNumber, CertificateKind Kind,
        SkillLevel Level, string Occupation, string? Issuer);
}
