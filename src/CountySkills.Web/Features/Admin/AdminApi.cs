namespace CountySkills.Web.Features.Admin;

/// <summary>Every endpoint of Admin (users, settings, audit log), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Admin");
        Users.ListUsers.Map(g);
        Users.AccountCounts.Map(g);
        Users.SaveUser.Map(g);
        Users.AccountActions.Map(g);
        Users.ImportUsers.Map(g);
        Users.UsersTemplate.Map(g);
        Settings.GetSettings.Map(g);
        Settings.SettingHistory.Map(g);
        Settings.ChangeCalendar.Map(g);
        Settings.ChangeFollowUpIntervals.Map(g);
        Settings.ChangeExactSearchLimit.Map(g);
        Settings.ChangePublicBaseUrl.Map(g);
        ListAudit.Map(g);
        ExportAudit.Map(g);
        return api;
    }
}
