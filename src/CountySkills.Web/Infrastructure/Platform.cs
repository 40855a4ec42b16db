using System.Globalization;
using CountySkills.Web.Data.Demo;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace CountySkills.Web.Infrastructure;

/// <summary>The cross-cutting wiring Program.cs would otherwise drown in.</summary>
public static class Platform
{
    public const long JsonBodyLimit = 1 * 1024 * 1024;
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        // Outside Development, a node run from the build output (no published wwwroot) serves the static assets from where the build
        // left them (ContentRoot.Settle; deploy/cluster-up.sh also sets App:StaticWebAssetsFromBuild, which now changes nothing more).
        ContentRoot.Settle(builder);
        builder.AddObservability();   // logs, health checks, metrics, OTLP (Observability.cs)
        var s = builder.Services;
        s.AddSingleton<TimeProvider>(new CountyClock(CountyClock.Zone(builder.Configuration["App:TimeZone"])));
        s.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Problems written by outer middleware (status pages, the exception handler) run outside the request's culture:
            // say them in the language the request asked for (ADR 0021).
            var saved = CultureInfo.CurrentUICulture;
            if (ctx.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture is { } asked) CultureInfo.CurrentUICulture = asked;
            try
            {
                var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
                // The framework's own titles ("Bad Request", "One or more validation errors occurred.") and, in English, a Chinese one
                // become the title of the status; a title the app chose stays.
                var title = ctx.ProblemDetails.Title;
                if (title is null || (Say.English ? Say.HasCjk(title) || title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)
                        || title == "One or more validation errors occurred." : title.All(c => c < 128)))
                    ctx.ProblemDetails.Title = Http.TitleOf(status);
                ctx.ProblemDetails.Detail ??= status switch
                {
                    401 => "请先登录（Cookie 或 Authorization: Bearer 令牌）",
                    403 => "您的角色或权限范围不允许此操作",
                    404 => "请求的地址或记录不存在",
                    405 => "该地址不支持此请求方法",
                    _ => null,
                };
                if (ctx.ProblemDetails.Detail is { } detail)
                    ctx.ProblemDetails.Detail = Say.Message(detail, ctx.ProblemDetails.Extensions.TryGetValue("code", out var code) ? code as string : null,
                        status switch { 404 => Outcome.NotFound, 401 or 403 => Outcome.Forbidden, 409 => Outcome.Conflict, 429 => Outcome.Throttled, >= 500 => Outcome.Ok, _ => Outcome.Invalid });
            }
            finally { CultureInfo.CurrentUICulture = saved; }
        });
        s.AddExceptionHandler<ProblemExceptionHandler>();
        s.AddOpenApi(o => o.AddOperationTransformer((op, ctx, _) =>
        {
            // The permission each operation needs, from the one table (Perm): read by clients and by the walk test.
            if (ctx.Description.ActionDescriptor.EndpointMetadata.OfType<Auth.PermissionMetadata>().LastOrDefault() is { } p)
            {
                op.Extensions ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiExtension>();
                op.Extensions["x-permission"] = new Microsoft.OpenApi.JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(p.Permission));
            }
            return Task.CompletedTask;
        }));
        s.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new ZhEnumConverterFactory());
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        s.AddLocalization();
        s.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // The API follows Accept-Language (en, en-US, zh…) when it names a supported language, else the cookie; pages follow the
            // cookie the language switch sets (never the browser's Accept-Language); zh-CN when neither says.
            o.RequestCultureProviders = [new CustomRequestCultureProvider(ApiLanguage), new CookieRequestCultureProvider()];
        });
        s.AddRazorComponents().AddInteractiveServerComponents();
        s.AddMudServices();
        // Pages carry Chinese as text, not as &#x...; entities.
        s.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.AddHttpContextAccessor();
        s.AddRateLimiter(o =>
        {
            var perMinute = builder.Configuration.GetValue("RateLimits:PublicPerMinute", 30);
            o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsPublic(ctx.Request.Path)
                ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter("public:" + ctx.Connection.RemoteIpAddress, _ =>
                    new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("app"));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (!http.Request.Path.StartsWithSegments("/api"))
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>查询过于频繁</title>" +
                        "<body style=\"font-family:sans-serif;padding:40px\"><h1>查询过于频繁</h1><p>为防止证书信息被批量抓取，每个网络地址每分钟的查询次数有限，请一分钟后再试。</p></body></html>", ct);
                    return;
                }
                await Http.WriteProblemAsync(http, StatusCodes.Status429TooManyRequests, "查询过于频繁，请一分钟后再试");
            };
        });
        s.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 60 * 1024 * 1024);
        s.AddForwardedProxies(builder.Configuration);
    }

    /// <summary>For /api requests, the first supported language of Accept-Language (any English is en-US, any Chinese zh-CN).</summary>
    static Task<ProviderCultureResult?> ApiLanguage(HttpContext ctx)
    {
        if (!ctx.Request.Path.StartsWithSegments("/api")) return Task.FromResult<ProviderCultureResult?>(null);
        foreach (var lang in ctx.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = lang.Value.Value ?? "";
            var culture = tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-US" : tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : null;
            if (culture is not null) return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
        }
        return Task.FromResult<ProviderCultureResult?>(null);
    }

    /// <summary>Pages and APIs anyone may open without signing in: each address gets a per-minute quota. The address is the connection's,
    /// or the client's as a configured proxy forwarded it (<see cref="Deployment.UseForwardedProxies"/>), never a header from anyone else.</summary>
    static bool IsPublic(PathString path) => path.StartsWithSegments("/verify") || path.StartsWithSegments("/notices") || path.StartsWithSegments("/brands/workers") || path.StartsWithSegments("/api/public");

    public static void UsePlatform(this WebApplication app)
    {
        // Outermost: the real client address for everything after, and the security headers on every response, errors included.
        app.UseForwardedProxies();
        app.UseSecurityHeaders();
        app.UseRequestLog();
        app.UseExceptionHandler("/error");
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/healthz") && !c.Request.Path.StartsWithSegments("/readyz"),
            ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the error and not-found handlers, so a re-executed request (/error, /not-found) is routed again.
        app.UseRouting();
        app.UseRequestMetrics();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseRateLimiter();
        app.Use(LimitJsonBodies);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAccountGate();
        app.UseAuthorization();
        app.UseCurrentUser();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapMetricsEndpoint();
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Api:Docs"))
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference("/scalar", o => o.DisableDefaultFonts()).AllowAnonymous();   // no fonts from Scalar's CDN (CSP)
        }
        app.MapGet("/culture", (string? c, string? r, HttpContext ctx) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name == c)?.Name;
            if (culture is null) return Http.Problem(400, $"不支持的语言：{Shown(c)}（可选 {string.Join("、", Cultures.Select(x => x.Name))}）", "culture.unknown");
            if (!string.IsNullOrEmpty(r) && !IsReturnPath(r)) return Http.Problem(400, "返回地址须是本站内以 / 开头的路径", "culture.return_path");
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(r is { Length: > 0 } ? AsciiOnly(r) : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A path of this site to return to after the language switch: /…, not //host or /\host (which browsers take for
    /// another site), no backslash, no control or space characters, nothing a redirect could carry elsewhere.</summary>
    public static bool IsReturnPath(string r) =>
        r.Length is > 0 and <= 2048 && r[0] == '/' && (r.Length == 1 || r[1] is not ('/' or '\\'))
        && !r.Any(ch => ch == '\\' || char.IsControl(ch) || char.IsWhiteSpace(ch))
        && Uri.TryCreate(r, UriKind.Relative, out _);

    /// <summary>A Location header must be ASCII (Kestrel refuses anything else with a 500): "/people?q=王" goes as "/people?q=%E7%8E%8B".</summary>
    static string AsciiOnly(string path) => path.All(char.IsAscii) ? path
        : string.Concat(path.EnumerateRunes().Select(r => r.IsAscii ? r.ToString() : Uri.EscapeDataString(r.ToString())));

    static string Shown(string? s) => s is null ? "（未指定）" : s.Length > 20 ? s[..20] + "…" : s;

    /// <summary>JSON bodies over 1 MB are refused with 413 before anything reads them (uploads have their own limit).</summary>
    static Task LimitJsonBodies(HttpContext ctx, RequestDelegate next)
    {
        var isJson = ctx.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson && ctx.Request.Path.StartsWithSegments("/api"))
        {
            if (ctx.Request.ContentLength > JsonBodyLimit)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            var limit = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = JsonBodyLimit;
        }
        return next(ctx);
    }

    /// <summary>Migrates at start in Development (or when Database:MigrateOnStart), then seeds the demo county in Development.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue("Database:MigrateOnStart", app.Environment.IsDevelopment());
        if (!migrate) return;
        await using var scope = app.Services.CreateAsyncScope();
        await Cli.MigrateAsync(scope.ServiceProvider);
        // Demo:Counties (default 1) seeds a demo province of that many counties instead of the demo county (DemoProvince).
        // Demo:History (set by the launch profile of `dotnet run`, not by the tests) adds two years of history on the first start.
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(app.Configuration.GetValue("Demo:People", 20_000), accounts: true,
                    app.Configuration.GetValue("Demo:History", false) ? HistorySeeding.NewLedger : HistorySeeding.None,
                    counties: app.Configuration.GetValue("Demo:Counties", 1), progress: null);
    }
}
