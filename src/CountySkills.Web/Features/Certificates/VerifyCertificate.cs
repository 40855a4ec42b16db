using CountySkills.Web.Features.Admin.Settings;
using QRCoder;

namespace CountySkills.Web.Features.Certificates;

/// <summary>
/// Public verification of a certificate by its number, with no sign-in: the page /verify/{number} and
/// GET /api/public/certificates/{number}. The holder's name and ID are masked; both are rate-limited per address
/// (RateLimits:PublicPerMinute) so numbers cannot be harvested. The QR code carries the public base address of the settings
/// (<see cref="CurrentSettings.PublicLinkAsync"/>); outside Development with none set the QR endpoint is 409 and the page shows no code.
/// </summary>
public static class VerifyCertificate
{
    public sealed record PublicView(string Number, string HolderName, string HolderIdNumber, string Kind, string Occupation, string Level,
        string Issuer, DateOnly IssuedOn, bool Valid, string Status);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs)
    {
        public async Task<PublicView?> Lookup(string number, CancellationToken ct)
        {
            var n = Certificate.NormaliseNumber(number);
            if (n.Length is 0 or > 40) return null;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var c = await db.Certificates.AsNoTracking().Where(x => x.Number == n).OrderBy(x => x.RevokedUtc == null ? 0 : 1).ThenByDescending(x => x.Id)
                .Select(x => new { x.Number, x.Person!.Name, x.Person.IdNumber, x.Kind, x.OccupationName, x.Level, x.Issuer, x.IssuedOn, x.RevokedUtc })
                .FirstOrDefaultAsync(ct);
            return c is null ? null : new PublicView(c.Number, MaskName(c.Name), IdNumber.Mask(c.IdNumber), Words.Of(c.Kind), c.OccupationName,
                c.Level == SkillLevel.None ? "—" : Words.Of(c.Level), c.Issuer, c.IssuedOn, c.RevokedUtc is null, Say.Text(c.RevokedUtc is null ? "Pub.Cert.Valid" : "Pub.Cert.Revoked"));
        }
    }

    public static string MaskName(string name) => Person.MaskName(name);

    /// <summary>The QR code (PNG) that opens the certificate's public page.</summary>
    public static byte[] QrPng(string url)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    public static string PathOf(string number) => $"/verify/{Uri.EscapeDataString(number)}";

    /// <summary>The public page: /verify/{number}, and /verify?number= from its own search box. Unknown: 404 with the page's own message.</summary>
    public static void MapPages(IEndpointRouteBuilder app)
    {
        async Task<IResult> Page(string? number, Handler h, HttpRequest request, CurrentSettings settings)
        {
            number = number?.Trim();
            var view = string.IsNullOrEmpty(number) ? null : await h.Lookup(number, request.HttpContext.RequestAborted);
            var url = view is null ? null : (await settings.PublicLinkAsync(request, PathOf(view.Number), request.HttpContext.RequestAborted)).Value;
            var qr = url is null ? null : "data:image/png;base64," + Convert.ToBase64String(QrPng(url));
            return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<VerifyPage>(new { Number = number, View = view, QrDataUri = qr, PageUrl = url })
            {
                StatusCode = view is null && !string.IsNullOrEmpty(number) ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
            };
        }
        app.MapGet("/verify/{number}", (string number, Handler h, HttpRequest request, CurrentSettings settings) => Page(number, h, request, settings))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/verify", (string? number, Handler h, HttpRequest request, CurrentSettings settings) => Page(number, h, request, settings))
            .AllowAnonymous().ExcludeFromDescription();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/public/certificates/{number}", async (string number, Handler h, CancellationToken ct) =>
                await h.Lookup(number, ct) is { } v ? Results.Ok(v) : Http.Problem(404, $"未找到编号为“{number}”的证书，请核对编号", "certificate.unknown"))
            .AllowAnonymous().WithName(nameof(VerifyCertificate)).WithSummary("Public check of a certificate number (masked holder); rate-limited");
        api.MapGet("/public/certificates/{number}/qr", async (string number, Handler h, HttpRequest request, CurrentSettings settings, CancellationToken ct) =>
                await h.Lookup(number, ct) is not { } v ? Http.Problem(404, $"未找到该编号的证书，请核对编号", "certificate.unknown")
                : (await settings.PublicLinkAsync(request, PathOf(v.Number), ct)).ToHttp(url => Results.File(QrPng(url), "image/png")))
            .AllowAnonymous().WithName("CertificateQrCode").WithSummary("QR code (PNG) linking to the certificate's public page");
    }
}
