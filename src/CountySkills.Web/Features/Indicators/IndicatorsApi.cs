namespace CountySkills.Web.Features.Indicators;

/// <summary>Every endpoint of Indicators (the indicator catalogue and its values), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Indicators");
        ListIndicators.Map(g);
        ListIndicatorRecords.Map(g);
        GetIndicatorValues.Map(g);
        return api;
    }
}
