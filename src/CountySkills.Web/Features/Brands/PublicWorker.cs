using CountySkills.Web.Features.Admin.Settings;
using CountySkills.Web.Features.Certificates;

namespace CountySkills.Web.Features.Brands;

/// <summary>
/// A brand worker's service card, for customers, with no sign-in: the page /brands/workers/{code} (the card's QR code opens it) and
/// GET /api/public/brand-workers/{code}. Masked name, brand, star level, certificates, whether currently active. An unknown code is 404;
/// a member who left the brand is 410 with the page saying so. Rate-limited with the other public pages.
/// </summary>
public static class PublicWorker
{
    public sealed record Cert(string Kind, string Occupation, string Level, DateOnly IssuedOn);

    public sealed record Card(string Code, string Name, string Brand, string BrandCategory, StarLevel Stars, string StarsName, bool Active, bool Revoked,
        string Status, DateOnly JoinedOn, IReadOnlyList<Cert> Certificates);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
    {
        public async Task<Card?> Lookup(string code, CancellationToken ct)
        {
            var c = (code ?? "").Trim().ToUpperInvariant();
            if (c.Length is 0 or > 20) return null;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var m = await db.BrandMembers.AsNoTracking().Where(x => x.Code == c)
                .Select(x => new { x.Code, x.PersonId, x.Person!.Name, Brand = x.Brand!.Name, x.Brand.Category, x.Stars, x.RevokedUtc, x.JoinedOn }).SingleOrDefaultAsync(ct);
            if (m is null) return null;
            var working = await db.Placements.AnyAsync(p => p.PersonId == m.PersonId && p.EndedOn == null && p.StartDate <= clock.Today(), ct);
            var certs = await db.Certificates.AsNoTracking().Where(x => x.PersonId == m.PersonId && x.RevokedUtc == null).OrderByDescending(x => x.IssuedOn)
                .Select(x => new { x.Kind, x.OccupationName, x.Level, x.IssuedOn }).ToListAsync(ct);
            var revoked = m.RevokedUtc is not null;
            return new Card(m.Code, Person.MaskName(m.Name), m.Brand, m.Category, revoked ? StarLevel.None : m.Stars, revoked ? "—" : Words.Of(m.Stars), !revoked && working, revoked,
                Say.Text(revoked ? "Pub.Worker.Revoked" : working ? "Pub.Worker.Working" : "Pub.Worker.Idle"), m.JoinedOn,
                certs.Select(x => new Cert(Words.Of(x.Kind), x.OccupationName, x.Level == SkillLevel.None ? "—" : Words.Of(x.Level), x.IssuedOn)).ToList());
        }
    }

    /// <summary>The card's path; its QR code carries the public base address of the settings (<see cref="CurrentSettings.PublicLinkAsync"/>).</summary>
    public static string PathOf(string code) => $"/brands/workers/{Uri.EscapeDataString(code)}";

    public static void MapPages(IEndpointRouteBuilder app) =>
        app.MapGet("/brands/workers/{code}", async (string code, Handler h, HttpRequest request, CurrentSettings settings) =>
            {
                var card = await h.Lookup(code, request.HttpContext.RequestAborted);
                var url = card is null ? null : (await settings.PublicLinkAsync(request, PathOf(card.Code), request.HttpContext.RequestAborted)).Value;
                var qr = url is null ? null : "data:image/png;base64," + Convert.ToBase64String(VerifyCertificate.QrPng(url));
                return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<WorkerCardPage>(new { Code = code, Card = card, QrDataUri = qr })
                {
                    StatusCode = card is null ? 404 : card.Revoked ? 410 : 200,
                };
            })
            .AllowAnonymous().ExcludeFromDescription();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/public/brand-workers/{code}", async (string code, Handler h, CancellationToken ct) =>
                await h.Lookup(code, ct) is not { } card ? Http.Problem(404, "没有找到该服务卡，请核对编号或联系县人社局", "brand_worker.unknown")
                : card.Revoked ? TypedResults.Problem(detail: Say.Text("Pub.Worker.RevokedDetail"), statusCode: 410, title: Say.Text("Pub.Worker.RevokedTitle"),
                    extensions: new Dictionary<string, object?> { ["code"] = "brand_worker.revoked", ["card"] = card })
                : Results.Ok(card))
            .AllowAnonymous().WithName("PublicBrandWorker").WithSummary("A brand worker's service card (masked; no sign-in; rate-limited)");
        api.MapGet("/brands/members/{memberId:long}/card-qr", async (long memberId, IDbContextFactory<AppDbContext> dbs, HttpRequest request, CurrentSettings settings,
                CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var code = await db.BrandMembers.Where(m => m.Id == memberId).Select(m => m.Code).SingleOrDefaultAsync(ct);
                return code is null ? Http.Problem(404, "没有找到该品牌成员")
                    : (await settings.PublicLinkAsync(request, PathOf(code), ct)).ToHttp(url => Results.File(VerifyCertificate.QrPng(url), "image/png"));
            })
            .WithName("BrandMemberCardQr").RequireBrandReaders().WithSummary("The QR code (PNG) of a member's service card");
    }
}
