namespace CountySkills.Web.Features.Notifications;

/// <summary>Every endpoint of Notifications (what the background jobs tell each user), in one list.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Notifications");
        ListNotifications.Map(g);
        MarkNotificationRead.Map(g);
        return api;
    }
}
