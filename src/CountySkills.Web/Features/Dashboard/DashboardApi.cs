namespace CountySkills.Web.Features.Dashboard;

/// <summary>Every endpoint of Dashboard (home summary and dashboards), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Dashboard");
        GetHomeSummary.Map(g);
        GetHome.Map(g);
        GetDashboard.Map(g);
        return api;
    }
}
