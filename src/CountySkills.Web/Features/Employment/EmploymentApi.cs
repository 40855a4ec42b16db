namespace CountySkills.Web.Features.Employment;

/// <summary>Every endpoint of Employment (employers, agreements, job orders, labour bases, placements, follow-ups, alerts, events, cases, outcomes), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class EmploymentApi
{
    public static RouteGroupBuilder MapEmployment(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Employment");
        Employers.Map(g);
        Agreements.Map(g);
        JobOrders.Map(g);
        LabourBases.Map(g);
        SavePlacement.Map(g);
        ListPlacements.Map(g);
        EndPlacement.Map(g);
        RecordFollowUp.Map(g);
        ListFollowUps.Map(g);
        Alerts.Map(g);
        Events.Map(g);
        Cases.Map(g);
        Outcomes.Map(g);
        return api;
    }
}
