namespace CountySkills.Web.Features.Employment;

/// <summary>Every endpoint of Employment (employers, agreements, job orders, labour bases, placements, follow-ups, alerts, events, cases, outcomes), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class EmploymentApi
{
    public static RouteGroupBuilder MapEmployment(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Employment");
        Employers.Map(g);
        ListAgreements.Map(g);
        SaveAgreement.Map(g);
        EndAgreement.Map(g);
        ListJobOrders.Map(g);
        SaveJobOrder.Map(g);
        CloseJobOrder.Map(g);
        OpenOrderClass.Map(g);
        JobOrderCandidates.Map(g);
        ListLabourBases.Map(g);
        SaveLabourBase.Map(g);
        SavePlacement.Map(g);
        ListPlacements.Map(g);
        EndPlacement.Map(g);
        RecordFollowUp.Map(g);
        ListFollowUps.Map(g);
        Alerts.Map(g);
        ListEvents.Map(g);
        SaveEvent.Map(g);
        ListCases.Map(g);
        SaveCase.Map(g);
        AddCasePhoto.Map(g);
        GetCasePhoto.Map(g);
        Outcomes.Map(g);
        return api;
    }
}
