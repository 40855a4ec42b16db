namespace CountySkills.Web.Infrastructure.Jobs;

/// <summary>
/// The background jobs' settings (configuration section "Jobs"). Schedules are Quartz cron expressions (seconds first) read in the
/// county's time zone (App:TimeZone). On PostgreSQL the scheduler is one cluster across every node sharing the database.
/// </summary>
public sealed class JobSettings
{
    public const string Section = "Jobs";
    public const string SchedulerName = "CountySkills";
    public const string TablePrefix = "qrtz_";

    /// <summary>Off: no scheduler at all on this node (a node that only serves pages, or a maintenance command).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Follow-up reminders for township officers and employer staff: 06:30 every day.</summary>
    public string FollowUpsCron { get; set; } = "0 30 6 * * ?";
    /// <summary>Claims whose public notice has ended, for county officers: 08:00 every day.</summary>
    public string ClaimsReadyCron { get; set; } = "0 0 8 * * ?";
    /// <summary>Failed payments still not re-submitted, for county officers: 08:15 every day.</summary>
    public string FailedPaymentsCron { get; set; } = "0 15 8 * * ?";
    /// <summary>A failed payment is reported once it has waited this many days (counted from its batch) without being re-submitted.</summary>
    public int FailedPaymentDays { get; set; } = 3;
    /// <summary>"AUTO" (host name and start time) or a fixed id unique to this node in the cluster.</summary>
    public string InstanceId { get; set; } = "AUTO";
    /// <summary>How often a node records that it is alive; another node takes over its jobs once it has missed this plus the threshold below.</summary>
    public double CheckinIntervalSeconds { get; set; } = 7.5;
    public double CheckinMisfireThresholdSeconds { get; set; } = 7.5;
    /// <summary>How late a trigger may fire before it counts as misfired (a missed daily run then fires once, at once).</summary>
    public double MisfireThresholdSeconds { get; set; } = 60;
    /// <summary>Jobs run at the same time on one node.</summary>
    public int MaxConcurrency { get; set; } = 2;
    /// <summary>How long the scheduler waits before asking the store again when nothing is due.</summary>
    public double IdleWaitSeconds { get; set; } = 30;
}
