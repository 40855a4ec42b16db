namespace CountySkills.Web.Features.Reports;

/// <summary>Every endpoint of Reports (statistical tables and the work report), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Reports");
        Tables.GetReport.Map(g);
        WorkReport.PreviewWorkReport.Map(g);
        WorkReport.DownloadWorkReport.Map(g);
        WorkReport.ListNarratives.Map(g);
        WorkReport.SaveNarrative.Map(g);
        return api;
    }
}
