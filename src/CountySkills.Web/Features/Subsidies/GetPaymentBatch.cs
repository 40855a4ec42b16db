namespace CountySkills.Web.Features.Subsidies;

/// <summary>One payment batch with its items (masked): GET /api/subsidies/payment-batches/{id}.</summary>
public static class GetPaymentBatch
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<Result<PaymentBatches.View>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.PaymentBatches.AnyAsync(b => b.Id == id, ct) ? await PaymentBatches.LoadAsync(db, id, ct) : Result.NotFound("没有找到该拨付批次");
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subsidies/payment-batches/{id:long}", async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
            .WithName(nameof(GetPaymentBatch)).WithSummary("A payment batch with its items (masked)")
            .RequirePermission(Perm.SubsidiesFinance);
}
