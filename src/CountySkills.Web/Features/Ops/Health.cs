using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CountySkills.Web.Features.Ops;

/// <summary>
/// GET /healthz (liveness): 200 {status, database} when the database answers, 503 problem when it does not.
/// GET /readyz (readiness): every health check tagged "ready" (the database here; the job store where jobs run), 200 or 503 with
/// {status, checks:[{name, status, durationMs, error?}]}. Both anonymous; an error is the check's short description ("unreachable", "timeout") or the
/// exception's type name, never a message, host or data.
/// </summary>
public static class Health
{
    public const string Live = "live";
    public const string Ready = "ready";

    /// <summary>The checks: other features add theirs with .AddCheck(..., tags: [Health.Ready]) on services.AddHealthChecks().</summary>
    public static IHealthChecksBuilder AddHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("db", tags: [Live, Ready]);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HealthCheckService health, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(r => r.Tags.Contains(Live), ct);
                return report.Status == HealthStatus.Healthy
                    ? Results.Ok(new { status = "healthy", database = "up" })
                    : Http.Problem(StatusCodes.Status503ServiceUnavailable, "数据库无法连接");
            })
            .AllowAnonymous().WithName(nameof(Health)).WithTags("System");

        app.MapGet("/readyz", async (HealthCheckService health, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(r => r.Tags.Contains(Ready), ct);
                var body = new ReadyReport(Word(report.Status), report.Entries.Select(e => new ReadyCheck(e.Key, Word(e.Value.Status),
                    Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description ?? e.Value.Exception?.GetType().Name ?? "unhealthy")).ToList());
                return Results.Json(body, statusCode: report.Status == HealthStatus.Healthy ? 200 : 503);
            })
            .AllowAnonymous().WithName("Ready").WithTags("System");
    }

    static string Word(HealthStatus s) => s switch { HealthStatus.Healthy => "healthy", HealthStatus.Degraded => "degraded", _ => "unhealthy" };

    public sealed record ReadyReport(string Status, IReadOnlyList<ReadyCheck> Checks);

    public sealed record ReadyCheck(string Name, string Status, double DurationMs,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Error);
}
