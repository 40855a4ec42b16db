using System.Text.Json.Serialization;

namespace CountySkills.Web.Infrastructure.Excel;

/// <summary>What an import did (commit) or would do (dry run), row by row.</summary>
public sealed class ImportReport
{
    public const int MaxErrors = 10_000, MaxRejectedRowsKept = 20_000;

    public string Mode { get; init; } = "";

    public static ImportReport For(ImportMode mode, IReadOnlyDictionary<string, string> headers) =>
        new() { Mode = mode == ImportMode.Commit ? "commit" : "dryRun", Headers = headers.Values.ToList() };
    public int TotalRows { get; set; }
    public int Valid { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int SkippedRows { get; set; }
    /// <summary>Rows skipped as the template's example (also counted in <see cref="SkippedRows"/>).</summary>
    public int ExampleRows { get; set; }
    /// <summary>Rosters and certificate imports: people added to the ledger on the way.</summary>
    public int PeopleCreated { get; set; }
    public long? ImportBatchId { get; set; }
    public bool ErrorsTruncated { get; set; }
    public List<ImportError> Errors { get; } = [];

    /// <summary>The rejected rows as the file had them, for the "rejected rows" workbook (not sent by the API).</summary>
    [JsonIgnore] public List<RejectedRow> RejectedRows { get; } = [];
    [JsonIgnore] public IReadOnlyList<string> Headers { get; set; } = [];

    /// <summary>Errors sorted by row once both stages are done.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Errors.Sort((a, b) => a.Row.CompareTo(b.Row));
            RejectedRows.Sort((a, b) => a.Row.CompareTo(b.Row));
        }
    }

    readonly Lock _gate = new();

    /// <summary>Thread-safe: the reading stage and the storing stage both reject rows.</summary>
    public void Reject(int row, IReadOnlyList<ImportError> errors, IReadOnlyDictionary<string, string?> cells)
    {
        lock (_gate) RejectLocked(row, errors, cells);
    }

    void RejectLocked(int row, IReadOnlyList<ImportError> errors, IReadOnlyDictionary<string, string?> cells)
    {
        Rejected++;
        foreach (var e in errors)
        {
            if (Errors.Count < MaxErrors) Errors.Add(e);
            else ErrorsTruncated = true;
        }
        if (RejectedRows.Count < MaxRejectedRowsKept)
            RejectedRows.Add(new RejectedRow(row, cells, string.Join("；", errors.Select(e => $"{e.Column}：{e.Message}"))));
    }
}

public sealed record RejectedRow(int Row, IReadOnlyDictionary<string, string?> Cells, string Reasons);

public sealed record ImportProgress(int Rows, double Fraction);

public enum ImportMode { DryRun, Commit }

/// <summary>One problem of one row: the row number as Excel shows it, the column as the file heads it, a code and a sentence.</summary>
public sealed record ImportError(int Row, string Column, string Code, string Message);
