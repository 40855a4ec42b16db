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
                await db.Regions.AnyAsync(timeout.Token); // a real query: throws when the database (or its schema) does not answer
                return Results.Ok(new { status = "healthy", database = "up" });
            }
            catch (Exception) { /* reported below */ }
            return Http.Problem(StatusCodes.Status503ServiceUnavailable, "数据库无法连接");
        })
        .AllowAnonymous().WithName(nameof(Health)).WithTags("System");
}
