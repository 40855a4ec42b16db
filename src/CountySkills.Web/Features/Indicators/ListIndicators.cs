namespace CountySkills.Web.Features.Indicators;

/// <summary>The catalogue of indicators: GET /api/indicators.</summary>
public static class ListIndicators
{
    public sealed record Item(string Key, string Name, string NameEn, string Unit, string Kind, string Source, bool Reported, string Definition, string DefinitionEn,
        IReadOnlyList<string> Breakdowns, string LeadDepartment, string RecordKind);

    public static Item Describe(Indicator i) => new(i.Key, i.Name, i.NameEn, i.Unit, IndicatorRequest.KindName(i.Kind), i.Source, i.Reported, i.Definition, i.DefinitionEn,
        i.Breakdowns.Select(IndicatorRequest.Name).ToList(), i.LeadDepartment, i.Reported ? "reportedValue" : i.RecordKind);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/indicators", () => TypedResults.Ok(Catalogue.All.Select(Describe).ToList()))
            .WithName(nameof(ListIndicators)).WithTags("Indicators").RequirePermission(Perm.IndicatorsRead)
            .WithSummary("The indicator catalogue: key, names, unit, kind (count, people, stock, rate, sum), definition, breakdowns");
}
