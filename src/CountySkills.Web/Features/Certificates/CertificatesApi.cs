namespace CountySkills.Web.Features.Certificates;

/// <summary>Every endpoint of Certificates (skill certificates and their public verification page), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificates(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Certificates");
        ListCertificates.Map(g);
        RegisterCertificate.Map(g);
        RevokeCertificate.Map(g);
        IssueClassCertificates.Map(g);
        ImportCertificates.Map(g);
        VerifyCertificate.Map(g);
        return api;
    }

    /// <summary>The area's pages outside /api (anonymous unless they say otherwise).</summary>
    public static IEndpointRouteBuilder MapCertificatePages(this IEndpointRouteBuilder site)
    {
        VerifyCertificate.MapPages(site);
        return site;
    }
}
