namespace CountySkills.Web.Features.Regions;

/// <summary>Every endpoint of Regions (townships and area codes), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class RegionsApi
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Regions");
        ListTownships.Map(g);
        GetRegion.Map(g);
        return api;
    }
}
