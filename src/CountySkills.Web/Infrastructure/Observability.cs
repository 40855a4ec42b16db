using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Logs, metrics and traces (ADR 0025). Logs: Serilog, levels from the Serilog section, JSON lines in Production (Logging:Format
/// json|text), one line per request when Logging:Requests (default on), the path with any long digit run masked and never the
/// query. Metrics: Prometheus at /metrics (<see cref="MetricsAccess"/>). Traces and metrics over OTLP only when an endpoint is
/// configured (Telemetry:Otlp:Endpoint or OTEL_EXPORTER_OTLP_ENDPOINT); otherwise OpenTelemetry is not registered at all.
/// </summary>
public static partial class Observability
{
    public const string ServiceName = "CountySkills.Web";

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var json = string.Equals(config["Logging:Format"] is { Length: > 0 } f ? f : (builder.Environment.IsProduction() ? "json" : "text"), "json", StringComparison.OrdinalIgnoreCase);
        builder.Host.UseSerilog((ctx, cfg) =>
        {
            cfg.ReadFrom.Configuration(ctx.Configuration).Enrich.FromLogContext();
            if (json) cfg.WriteTo.Console(new RenderedCompactJsonFormatter());
            else cfg.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
        });

        // Prometheus: the app's own series and the process's; not every .NET meter and event counter of the process (cost, size).
        PrometheusDefaults.Once();
        Features.Ops.Health.AddHealth(builder.Services);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetrics>());

        if (OtlpEndpoint(config) is not { } endpoint) return;
        var fromSetting = config["Telemetry:Otlp:Endpoint"] is { Length: > 0 };
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["Telemetry:ServiceName"] ?? ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !IsOps(ctx.Request.Path);
                    // The raw path may carry an ID number (/api/people/by-id-number/…): the span keeps the route and a masked path.
                    o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", MaskedPath(request.Path));
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => { if (fromSetting) o.Endpoint = endpoint; }))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", DbTiming.MeterName, "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddOtlpExporter(o => { if (fromSetting) o.Endpoint = endpoint; }));
    }

    /// <summary>Telemetry:Otlp:Endpoint, else the standard OTEL_EXPORTER_OTLP_ENDPOINT; null (nothing exported) when neither is set.</summary>
    public static Uri? OtlpEndpoint(IConfiguration config)
    {
        var value = config["Telemetry:Otlp:Endpoint"] is { Length: > 0 } s ? s : config["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Outermost after the forwarded headers: one line per request (method, masked path, status, ms) when Logging:Requests.</summary>
    public static void UseRequestLog(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Logging:Requests", true)) return;
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "{RequestMethod:l} {RequestPath:l} {StatusCode} {Elapsed:0} ms";
            o.IncludeQueryInRequestPath = false;
            // Probes and scrapes come every few seconds: Debug (a failing check is logged by the health-check service itself).
            o.GetLevel = (ctx, _, ex) => IsOps(ctx.Request.Path) ? LogEventLevel.Debug
                : ex is not null || ctx.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
            o.GetMessageTemplateProperties = (ctx, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(ctx.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(MaskedPath(ctx.Request.Path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
    }

    /// <summary>After routing, so each request is counted under its route template (never the raw path: no personal data, bounded series).</summary>
    public static void UseRequestMetrics(this WebApplication app) =>
        app.UseHttpMetrics(o =>
        {
            o.ReduceStatusCodeCardinality();
            o.CaptureMetricsUrl = false;
        });

    /// <summary>GET /metrics in the Prometheus text format, for the scrapers <see cref="MetricsAccess"/> lets in; 404 for anyone else.</summary>
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (HttpContext ctx, IConfiguration config) =>
        {
            if (!MetricsAccess.Allows(ctx, config)) { ctx.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            ctx.Response.Headers.CacheControl = "no-store";
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(ctx.Response.Body, ctx.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>Health and scrape endpoints: logged at Debug, not traced, not rate limited.</summary>
    public static bool IsOps(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");

    /// <summary>Any run of 11 or more digits (an ID number, a phone number) becomes "***"; an ID's check letter goes with it.</summary>
    public static string MaskedPath(PathString path) => LongDigits().Replace(path.Value ?? "", "***");

    [GeneratedRegex(@"\d{11,}[Xx]?")]
    private static partial Regex LongDigits();
}

/// <summary>
/// Who may read /metrics: a request from loopback that no proxy forwarded (Prometheus on the node itself), one from an address or
/// network in Metrics:AllowFrom (e.g. "10.0.0.9,10.0.2.0/24"), or one carrying "Authorization: Bearer {Metrics:Token}" when a token
/// is configured. Anyone else gets 404, as for an unknown address.
/// </summary>
public static class MetricsAccess
{
    public static bool Allows(HttpContext ctx, IConfiguration config)
    {
        var token = config["Metrics:Token"];
        if (!string.IsNullOrEmpty(token) && ctx.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(auth[7..]), System.Text.Encoding.UTF8.GetBytes(token)))
            return true;
        if (ctx.Connection.RemoteIpAddress is not { } ip) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var forwarded = ctx.Request.Headers.ContainsKey("X-Forwarded-For") || ctx.Request.Headers.ContainsKey("Forwarded");
        if (IPAddress.IsLoopback(ip) && !forwarded) return true;
        var allowed = config.GetSection("Metrics:AllowFrom") is var s && s.Value is { } one ? [one] : s.GetChildren().Select(c => c.Value ?? "");
        foreach (var e in allowed.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (e.Contains('/') ? System.Net.IPNetwork.TryParse(e, out var net) && net.Contains(ip) : IPAddress.TryParse(e, out var one2) && one2.Equals(ip))
                return true;
        }
        return false;
    }
}

static class PrometheusDefaults
{
    static int _done;

    public static void Once()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true, SuppressDebugMetrics = true });
        CircuitMetrics.Publish();
    }
}

/// <summary>Open Blazor circuits (a gauge) and circuits opened (a counter), for /metrics.</summary>
public sealed class CircuitMetrics : CircuitHandler
{
    static readonly Gauge Active = Metrics.CreateGauge("countyskills_blazor_circuits_active", "Blazor Server circuits open now");
    static readonly Counter Opened = Metrics.CreateCounter("countyskills_blazor_circuits_opened_total", "Blazor Server circuits opened");

    /// <summary>The series exist from the start (0 circuits), not only after the first one.</summary>
    public static void Publish() => Active.Set(0);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        Active.Inc();
        Opened.Inc();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        Active.Dec();
        return Task.CompletedTask;
    }
}
