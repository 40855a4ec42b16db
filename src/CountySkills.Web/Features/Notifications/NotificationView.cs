using CountySkills.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CountySkills.Web.Features.Notifications;

/// <summary>A notification as its reader gets it: the figures, and the sentence they make in the reader's language.</summary>
public sealed record NotificationView(long Id, NotificationKind Kind, string KindName, DateOnly Day, int Count, int Count2, long AmountFen, string Text,
    string Link, bool Read, DateTime CreatedUtc)
{
    public static NotificationView Of(Notification n, IStringLocalizer<SharedResource> L) =>
        new(n.Id, n.Kind, Words.Of(n.Kind), n.Day, n.Count, n.Count2, n.AmountFen, TextOf(n, L), n.Link, n.ReadUtc is not null, n.CreatedUtc);

    public static string TextOf(Notification n, IStringLocalizer<SharedResource> L) => n.Kind switch
    {
        NotificationKind.FollowUps => L["Notify.FollowUps", n.Count, n.Count2],
        NotificationKind.ClaimsReady => n.Count2 > 0 ? L["Notify.ClaimsReadyHeld", n.Count, n.Count2] : L["Notify.ClaimsReady", n.Count],
        NotificationKind.PaymentsFailed => L["Notify.PaymentsFailed", n.Count, n.Count2, new Money(n.AmountFen).ToString()],
        _ => Words.Of(n.Kind),
    };
}
