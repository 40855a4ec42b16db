namespace CountySkills.Web.Features.Brands;

/// <summary>Every endpoint of Brands (labour brands, members, and the public worker card), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class BrandsApi
{
    public static RouteGroupBuilder MapBrands(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Brands");
        ListBrands.Map(g);
        GetBrand.Map(g);
        SaveBrand.Map(g);
        ListMembers.Map(g);
        AddMembers.Map(g);
        GetMember.Map(g);
        RateMember.Map(g);
        AddFeedback.Map(g);
        RevokeMember.Map(g);
        PublicWorker.Map(g);
        return api;
    }

    /// <summary>The area's pages outside /api (anonymous unless they say otherwise).</summary>
    public static IEndpointRouteBuilder MapBrandPages(this IEndpointRouteBuilder site)
    {
        PublicWorker.MapPages(site);
        return site;
    }
}
