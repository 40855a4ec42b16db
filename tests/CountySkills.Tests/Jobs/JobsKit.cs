using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CountySkills.Tests.Jobs;

/// <summary>Running the app's real jobs through its own scheduler, and reading what they told each user.</summary>
public static class JobsKit
{
    /// <summary>The app's scheduler once it has started (it starts just after the host).</summary>
    public static async Task<IScheduler> SchedulerOf(AppFactory app)
    {
        var host = app.Services.GetRequiredService<JobsHost>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (host.Scheduler is null)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the job scheduler did not start");
            await Task.Delay(50);
        }
        return host.Scheduler;
    }

    /// <summary>Fires the job now, as its schedule would, and waits until it has run; returns what it reported (users told).</summary>
    public static async Task<object?> RunAsync(AppFactory app, JobKey key)
    {
        var scheduler = await SchedulerOf(app);
        var done = new Done(key);
        scheduler.ListenerManager.AddJobListener(done, [GroupMatcher<JobKey>.GroupEquals(key.Group)]);
        try
        {
            await scheduler.TriggerJob(key);
            return await done.Result.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally { scheduler.ListenerManager.RemoveJobListener(done.Name); }
    }

    sealed class Done(JobKey key) : IJobListener
    {
        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name { get; } = "test-done-" + key.Name + "-" + Guid.NewGuid().ToString("N");

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default)
        {
            if (!context.JobDetail.Key.Equals(key)) return ValueTask.CompletedTask;
            if (jobException is not null) Result.TrySetException(jobException);
            else Result.TrySetResult(context.Result);
            return ValueTask.CompletedTask;
        }
    }

    public static async Task<JsonElement> Notifications(HttpClient c, string query = "") =>
        await HttpAssert.Json(await c.GetAsync("/api/notifications" + query));

    /// <summary>The caller's notifications of one kind (FollowUps, ClaimsReady, PaymentsFailed).</summary>
    public static async Task<List<JsonElement>> OfKind(HttpClient c, string kind) =>
        (await Notifications(c)).GetProperty("items").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == kind).ToList();
}
