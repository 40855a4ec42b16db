namespace CountySkills.Web.Features.Subsidies;

/// <summary>The latest payment batches with their counts: GET /api/subsidies/payment-batches.</summary>
public static class ListPaymentBatches
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        /// <summary>The latest 100 batches with their counts (one query; items only in the batch itself).</summary>
        public async Task<List<PaymentBatches.View>> Handle(CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await db.PaymentBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(100).Select(b => new
            {
                b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, b.Settled, b.Version,
                Paid = b.Items.Count(i => i.Status == PaymentState.Paid), Failed = b.Items.Count(i => i.Status == PaymentState.Failed),
                Pending = b.Items.Count(i => i.Status == PaymentState.InBatch),
            }).ToListAsync(ct);
            return rows.Select(b => new PaymentBatches.View(b.Id, b.Number, b.CreatedUtc, b.CreatedBy, b.ItemCount, b.TotalFen, b.Paid, b.Failed, b.Pending, b.Settled, b.Version, [])).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subsidies/payment-batches", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.Handle(ct)))
            .WithName(nameof(ListPaymentBatches)).WithSummary("Payment batches, newest first")
            .RequirePermission(Perm.SubsidiesFinance);
}
