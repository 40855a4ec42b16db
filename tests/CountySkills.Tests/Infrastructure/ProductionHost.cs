using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace CountySkills.Tests.Infrastructure;

/// <summary>What a Production host must be given to start (Deployment.RefuseToStartUnsafely): the public base address, the host
/// names, and a key-encryption certificate (a self-signed one made here, once per test run).</summary>
public static class ProductionHost
{
    public const string PublicBaseUrl = "https://skills.hefeng.example.gov.cn";
    public const string PublicHost = "skills.hefeng.example.gov.cn";
    static readonly Lazy<(string Path, string Password, string Thumbprint)> Cert = new(() => NewCertificate("CountySkills test key encryption"));

    public static (string Path, string Password, string Thumbprint) Certificate => Cert.Value;

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("AllowedHosts", $"localhost;{PublicHost}");
        builder.UseSetting("DataProtection:CertificatePath", Certificate.Path);
        builder.UseSetting("DataProtection:CertificatePassword", Certificate.Password);
    }

    /// <summary>A self-signed RSA certificate with its private key, written as a password-protected .pfx in the temp folder.</summary>
    public static (string Path, string Password, string Thumbprint) NewCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var dir = Path.Combine(Path.GetTempPath(), "countyskills-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"dp-{Guid.NewGuid():N}.pfx");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        File.WriteAllBytes(path, cert.Export(X509ContentType.Pfx, password));
        return (path, password, cert.Thumbprint);
    }
}
