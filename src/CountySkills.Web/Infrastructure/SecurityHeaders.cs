using System.Security.Cryptography;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// The security headers of every response (pages, API, static files, 404s, errors, /healthz), set in the outermost
/// middleware just before the response starts, so no later handler can lose them. ADR 0013.
/// <list type="bullet">
/// <item>Content-Security-Policy: scripts only from this origin, plus the one inline script Blazor renders (the import map),
/// which carries this response's nonce; inline styles are allowed because MudBlazor sets them on its elements; no plugins,
/// no framing by anyone (frame-ancestors 'none'), forms post only here; the circuit's WebSocket only to this host.</item>
/// <item>X-Frame-Options DENY (browsers that ignore frame-ancestors), X-Content-Type-Options nosniff,
/// Referrer-Policy strict-origin-when-cross-origin, Permissions-Policy with every powerful feature off,
/// Cross-Origin-Opener-Policy same-origin.</item>
/// </list>
/// HSTS is UseHsts outside Development (Platform.UsePlatform).
/// </summary>
public static class SecurityHeaders
{
    const string NonceKey = "csp-nonce";

    /// <summary>This response's CSP nonce, for the inline script elements a page must render (App.razor's import map).</summary>
    public static string CspNonce(this HttpContext ctx)
    {
        if (ctx.Items.TryGetValue(NonceKey, out var n) && n is string s) return s;
        // Hex, not base64: a "+" or "/" would be HTML-encoded in the attribute (&#x2B;) and differ from the header.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ctx.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.Response.OnStarting(static state =>
        {
            var c = (HttpContext)state;
            var h = c.Response.Headers;
            h.ContentSecurityPolicy = PolicyFor(c);
            h.XFrameOptions = "DENY";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // Answers of the signed-in API (people, reveals, exports, the bank file) are never kept by a browser or a proxy cache.
            if (c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/api/public"))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        }, ctx);
        return next(ctx);
    });

    /// <summary>The policy of one response. The API reference (/scalar, Development or Api:Docs only) runs inline and eval'd scripts
    /// of its own, on a page without personal data; everything else gets the strict policy.</summary>
    public static string PolicyFor(HttpContext ctx)
    {
        var host = ctx.Request.Host.HasValue ? ctx.Request.Host.Value : null;
        // 'self' covers a same-origin ws:/wss: in current browsers; the explicit host keeps older ones working. The Host header is
        // checked by AllowedHosts in Production.
        var sockets = host is null || host.IndexOfAny([' ', ';', ',', '\'']) >= 0 ? "" : $" ws://{host} wss://{host}";
        var script = ctx.Request.Path.StartsWithSegments("/scalar") ? "'self' 'unsafe-inline' 'unsafe-eval'" : $"'self' 'nonce-{ctx.CspNonce()}'";
        return $"default-src 'self'; script-src {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
               $"connect-src 'self'{sockets}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }
}
