namespace CountySkills.Web.Domain;

/// <summary>What a notification tells its reader about; the words and the link come from resources (key Notify.&lt;kind&gt;).</summary>
public enum NotificationKind
{
    /// <summary>Follow-ups overdue (<see cref="Notification.Count"/>) and due within a week (<see cref="Notification.Count2"/>).</summary>
    [Zh("回访提醒")] FollowUps = 1,
    /// <summary>Claims whose public notice has ended and that may be approved (Count), and those held by open objections (Count2).</summary>
    [Zh("待审批补贴")] ClaimsReady = 2,
    /// <summary>Failed payment items still not re-submitted (Count) after the configured days, for AmountFen.</summary>
    [Zh("拨付失败")] PaymentsFailed = 3,
}

/// <summary>
/// An in-app notification (站内通知) for one user, written by a background job: one per user, kind and county day, so a job run
/// twice on a day (a retry, a recovery after a node died) updates the figures instead of notifying twice.
/// </summary>
public sealed class Notification : IAudited
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>The county day it was written for.</summary>
    public DateOnly Day { get; set; }
    public int Count { get; set; }
    public int Count2 { get; set; }
    public long AmountFen { get; set; }
    /// <summary>The page that lists what it is about (a path of this site).</summary>
    public required string Link { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }

    /// <summary>Takes the figures of a later run of the same day; a notification whose figures changed is unread again.</summary>
    public void Update(int count, int count2, long amountFen, string link)
    {
        if (count == Count && count2 == Count2 && amountFen == AmountFen && link == Link) return;
        (Count, Count2, AmountFen, Link, ReadUtc) = (count, count2, amountFen, link, null);
    }

    public void MarkRead(DateTime nowUtc) => ReadUtc ??= nowUtc;
}
