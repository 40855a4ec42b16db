# Background jobs: the notifications they write (站内通知), the bell in the app bar, and their enum words.
S = {
 "Notify.FollowUps": ("{0} 件回访已逾期，{1} 件一周内到期", "{0} follow-ups overdue, {1} due within a week"),
 "Notify.ClaimsReady": ("{0} 份补贴申请公示期满，可以审批", "{0} subsidy claims have ended their public notice and are ready for approval"),
 "Notify.ClaimsReadyHeld": ("{0} 份补贴申请公示期满，可以审批；另有 {1} 份尚有异议未处理", "{0} subsidy claims are ready for approval; {1} more are held by open objections"),
 "Notify.PaymentsFailed": ("{0} 笔拨付失败超过 {1} 天仍未重新提交，共 {2} 元", "{0} failed payments not re-submitted after {1} days, {2} yuan in all"),
 "Notify.Title": ("通知", "Notifications"),
 "Notify.None": ("暂无通知", "No notifications"),
 "Notify.MarkRead": ("标为已读", "Mark read"),
 "Notify.Open": ("查看", "Open"),
 "Enum.NotificationKind.FollowUps": ("回访提醒", "Follow-up reminder"),
 "Enum.NotificationKind.ClaimsReady": ("待审批补贴", "Claims ready for approval"),
 "Enum.NotificationKind.PaymentsFailed": ("拨付失败", "Failed payments"),
}
