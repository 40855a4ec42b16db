using Quartz;

namespace CountySkills.Web.Infrastructure.Jobs;

/// <summary>
/// Starts the scheduler with the app and stops it, letting running jobs finish. A database that does not answer at start does not
/// stop the app (it serves 503 on /readyz meanwhile): the start is tried again every few seconds until the store answers.
/// </summary>
public sealed class JobsHost(IServiceProvider services, ILogger<JobsHost> log) : BackgroundService
{
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    volatile IScheduler? _scheduler;

    /// <summary>The started scheduler, or null while it is not (yet) running on this node.</summary>
    public IScheduler? Scheduler => _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = services.GetService<ISchedulerFactory>();
        if (factory is null) return; // Jobs:Enabled = false
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var scheduler = await factory.GetScheduler(stoppingToken);
                await scheduler.Start(stoppingToken);
                _scheduler = scheduler;
                log.LogInformation("Job scheduler {Name} started as {Instance}", scheduler.SchedulerName, scheduler.SchedulerInstanceId);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Job scheduler did not start; trying again in {Seconds} s", RetryEvery.TotalSeconds);
                try { await Task.Delay(RetryEvery, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is { } s)
        {
            _scheduler = null;
            try { await s.Shutdown(true, cancellationToken); }
            catch (Exception e) { log.LogWarning(e, "Job scheduler did not shut down cleanly"); }
        }
    }
}
