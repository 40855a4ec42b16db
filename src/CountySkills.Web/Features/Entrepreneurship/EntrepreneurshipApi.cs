namespace CountySkills.Web.Features.Entrepreneurship;

/// <summary>Every endpoint of Entrepreneurship (incubators and businesses), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class EntrepreneurshipApi
{
    public static RouteGroupBuilder MapEntrepreneurship(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Entrepreneurship");
        ListIncubators.Map(g);
        SaveIncubator.Map(g);
        ListBusinesses.Map(g);
        SaveBusiness.Map(g);
        AddSupport.Map(g);
        return api;
    }
}
