using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace CountySkills.Web.Infrastructure.Auth;

/// <summary>
/// The data-protection keys (which sign the cookies and bearer tokens) live in the database, so every node shares them; a
/// configured certificate encrypts them there, so a copy of the database cannot mint a cookie (ADR 0013):
/// DataProtection:CertificatePath (a .pfx) with DataProtection:CertificatePassword, or DataProtection:CertificateThumbprint (in
/// the CurrentUser or LocalMachine "My" store). After a certificate change, the old one goes in
/// DataProtection:PreviousCertificates:N:Path / :Password so the keys it encrypted still open. Production refuses to start without
/// one (<see cref="Deployment.RefuseToStartUnsafely"/>); Development and the tests keep plain keys unless one is configured.
/// </summary>
public static class KeyProtection
{
    public static bool IsConfigured(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config["DataProtection:CertificatePath"]) || !string.IsNullOrWhiteSpace(config["DataProtection:CertificateThumbprint"]);

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration config)
    {
        if (!IsConfigured(config)) return builder;
        var current = Load(config.GetSection("DataProtection"));
        builder.ProtectKeysWithCertificate(current);
        var previous = config.GetSection("DataProtection:PreviousCertificates").GetChildren().Select(Load).ToArray();
        if (previous.Length > 0) builder.UnprotectKeysWithAnyCertificate(previous);
        return builder;
    }

    /// <summary>The certificate a section names; a clear exception when it cannot be had (a start must not go on without it).</summary>
    static X509Certificate2 Load(IConfigurationSection s)
    {
        var path = s["CertificatePath"] ?? s["Path"];
        var thumbprint = s["CertificateThumbprint"] ?? s["Thumbprint"];
        X509Certificate2 cert;
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"数据保护证书文件 {path} 不存在（{s.Path}）");
            try { cert = X509CertificateLoader.LoadPkcs12FromFile(path, s["CertificatePassword"] ?? s["Password"], X509KeyStorageFlags.EphemeralKeySet); }
            catch (CryptographicException e) { throw new InvalidOperationException($"无法读取数据保护证书 {path}（密码不对或不是 PKCS#12 文件）：{e.Message}", e); }
        }
        else cert = FromStore(thumbprint!.Replace(" ", "").ToUpperInvariant())
            ?? throw new InvalidOperationException($"证书存储（CurrentUser/My、LocalMachine/My）中没有指纹为 {thumbprint} 的证书（{s.Path}）");
        if (!cert.HasPrivateKey || cert.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"数据保护证书 {cert.Subject} 没有 RSA 私钥，不能用于加密密钥（{s.Path}）");
        return cert;
    }

    static X509Certificate2? FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.Count > 0) return found[0];
            }
            catch (CryptographicException) { /* a store this platform does not have (LocalMachine/My on Linux) */ }
            catch (PlatformNotSupportedException) { }
        }
        return null;
    }
}
