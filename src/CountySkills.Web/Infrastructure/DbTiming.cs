using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Prometheus;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// The time of every database command EF Core runs, on both providers (ADR 0025): a Prometheus histogram
/// countyskills_db_command_duration_seconds{kind,outcome} for /metrics, and the same figure on the "CountySkills.Db" meter for
/// OTLP. For a query it is the time until the first row can be read (what the database spends), not the reading of all rows.
/// Labels carry the kind of call and whether it failed, never SQL or values.
/// </summary>
public sealed class DbTiming : DbCommandInterceptor
{
    public const string MeterName = "CountySkills.Db";
    public static readonly DbTiming Instance = new();

    static readonly Histogram Seconds = Metrics.CreateHistogram("countyskills_db_command_duration_seconds", "Database command duration (EF Core)",
        new HistogramConfiguration
        {
            LabelNames = ["kind", "outcome"],
            Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });
    static readonly Meter Meter = new(MeterName);
    static readonly Histogram<double> OtelSeconds = Meter.CreateHistogram<double>("countyskills.db.command.duration", "s", "Database command duration (EF Core)");

    DbTiming() { }

    static void Record(string kind, TimeSpan duration, bool failed = false)
    {
        var outcome = failed ? "error" : "ok";
        Seconds.WithLabels(kind, outcome).Observe(duration.TotalSeconds);
        if (OtelSeconds.Enabled)
            OtelSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record("reader", eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    {
        Record("reader", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record("nonquery", eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Record("nonquery", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record("scalar", eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    {
        Record("scalar", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Record(eventData.ExecuteMethod.ToString().ToLowerInvariant() switch { "executereader" => "reader", "executenonquery" => "nonquery", _ => "scalar" }, eventData.Duration, failed: true);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken ct = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }
}
