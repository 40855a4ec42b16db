namespace CountySkills.Web.Features.Ops;

/// <summary>GET /healthz: 200 when the database answers, 503 when it does not.</summary>
public static class Health
{
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/healthz", async (IDbContextFactory<AppDbContext> dbs, CancellationToken ct) =>
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                if (await db.Database.CanConnectAsync(timeout.Token) && await db.Regions.AnyAsync(timeout.Token) is var _)
                    return Results.Ok(new { status = "healthy", database = "up" });
            }
            catch (Exception) { /* reported below */ }
            return Http.Problem(StatusCodes.Status503ServiceUnavailable, "数据库无法连接");
        })
        .AllowAnonymous().WithName(nameof(Health)).WithTags("System");
}
