namespace CountySkills.Web.Features.People;

/// <summary>Every endpoint of People (the labour-force ledger), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("People");
        ListPeople.Map(g);
        GetPerson.Map(g);
        SavePerson.Map(g);
        RevealPersonalData.Map(g);
        PersonTimeline.Map(g);
        PersonAccessLog.Map(g);
        ListDuplicates.Map(g);
        MergePeople.Map(g);
        ExportPeople.Map(g);
        Import.ImportPeople.Map(g);
        return api;
    }
}
