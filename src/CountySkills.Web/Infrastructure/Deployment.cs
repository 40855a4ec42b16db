using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// What a deployment must say about itself (ADR 0013): the proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, and,
/// in Production, the checks without which the app refuses to serve.
/// </summary>
public static class Deployment
{
    /// <summary>
    /// App:ForwardedProxies: the addresses (10.0.0.5) and networks (10.0.0.0/24) of the reverse proxies in front of the app, as a
    /// list or separated by commas. Only a request arriving from one of them has its client address and scheme taken from the
    /// forwarded headers, hop by hop from the right while each hop is itself a listed proxy. None listed (the default, loopback
    /// included): the headers are ignored and the connection's own address is the client, so nobody can pick the key of the
    /// public and sign-in rate limits by sending a header.
    /// </summary>
    public static IReadOnlyList<(IPAddress? Proxy, System.Net.IPNetwork? Network)> ForwardedProxies(IConfiguration config, out List<string> invalid)
    {
        var section = config.GetSection("App:ForwardedProxies");
        var entries = section.Value is { } one ? [one] : section.GetChildren().Select(c => c.Value ?? "").ToList();
        var list = new List<(IPAddress?, System.Net.IPNetwork?)>();
        invalid = [];
        foreach (var e in entries.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (e.Contains('/') && System.Net.IPNetwork.TryParse(e, out var net)) list.Add((null, net));
            else if (!e.Contains('/') && IPAddress.TryParse(e, out var ip)) list.Add((ip, null));
            else invalid.Add(e);
        }
        return list;
    }

    public static void AddForwardedProxies(this IServiceCollection services, IConfiguration config) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; the app trusts exactly what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;
            foreach (var (proxy, network) in ForwardedProxies(config, out _))
            {
                if (proxy is not null) o.KnownProxies.Add(proxy);
                if (network is { } n) o.KnownIPNetworks.Add(n);
            }
        });

    /// <summary>
    /// Honours the forwarded headers of the configured proxies, first of all middleware (the rate limits, the sign-in throttle,
    /// HTTPS redirects and cookies all see the real client). With no proxy configured the middleware is not added at all: with
    /// empty lists ASP.NET Core would believe the headers from anyone.
    /// </summary>
    public static void UseForwardedProxies(this WebApplication app)
    {
        if (ForwardedProxies(app.Configuration, out _).Count > 0) app.UseForwardedHeaders();
    }

    /// <summary>
    /// Production refuses to start, naming every setting it misses, without: App:PublicBaseUrl (an absolute http(s) address, the one
    /// QR codes and public links carry), AllowedHosts (the host names the app answers to; not "*"), a key-encryption certificate
    /// (DataProtection:CertificatePath or :CertificateThumbprint) and well-formed App:ForwardedProxies. Operator commands (migrate,
    /// create-admin…) do not serve requests and are not checked.
    /// </summary>
    public static void RefuseToStartUnsafely(this WebApplication app)
    {
        if (!app.Environment.IsProduction()) return;
        var problems = ProductionProblems(app.Configuration);
        if (problems.Count > 0)
            throw new InvalidOperationException("生产环境配置不完整，拒绝启动 (Production refuses to start)：\n - " + string.Join("\n - ", problems));
    }

    public static List<string> ProductionProblems(IConfiguration config)
    {
        var problems = new List<string>();
        var url = config["App:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(url))
            problems.Add("未配置 App:PublicBaseUrl（对外访问地址，二维码和公开链接使用，如 https://skills.example.gov.cn）");
        else if (!PublicBaseUrl.TryParse(url, out _, out var why))
            problems.Add($"App:PublicBaseUrl “{url}” 无效：{why}");
        var hosts = (config["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0)
            problems.Add("未配置 AllowedHosts（本系统对外使用的主机名，多个用分号分隔，如 skills.example.gov.cn）");
        else if (hosts.Contains("*"))
            problems.Add("AllowedHosts 不能为 *：请列出本系统对外使用的主机名（如 skills.example.gov.cn）");
        if (!Auth.KeyProtection.IsConfigured(config))
            problems.Add("未配置数据保护密钥的加密证书（DataProtection:CertificatePath 与 DataProtection:CertificatePassword，或 DataProtection:CertificateThumbprint）：" +
                         "否则数据库备份中的密钥可以伪造登录 Cookie 和令牌");
        ForwardedProxies(config, out var invalid);
        if (invalid.Count > 0)
            problems.Add($"App:ForwardedProxies 中的 {string.Join("、", invalid)} 不是 IP 地址或网段（如 10.0.0.5 或 10.0.0.0/24）");
        return problems;
    }
}
