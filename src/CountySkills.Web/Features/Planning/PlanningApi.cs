namespace CountySkills.Web.Features.Planning;

/// <summary>Every endpoint of Planning (plans, targets, progress, reported values, departments, leadership), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class PlanningApi
{
    public static RouteGroupBuilder MapPlanning(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Planning");
        Plans.Map(g);
        SavePlan.Map(g);
        IssuePlan.Map(g);
        GetProgress.Map(g);
        Scorecard.Map(g);
        ReportedValues.Map(g);
        SaveReportedValue.Map(g);
        Departments.Map(g);
        Leadership.Map(g);
        return api;
    }
}
