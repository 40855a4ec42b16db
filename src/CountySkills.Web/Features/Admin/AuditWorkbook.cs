using System.Globalization;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Admin;

/// <summary>
/// The auditor's workbook: a sheet of readable entries (streamed, never held in memory) and a notes sheet saying what
/// was selected, by whom, how many rows, and whether the row cap cut it short. Written through <see cref="SheetWriter"/>,
/// so text that a spreadsheet would take for a formula (= + - @, tab, CR) gets a leading apostrophe.
/// </summary>
public static class AuditWorkbook
{
    public sealed class Outcome
    {
        public int Count { get; internal set; }
        public bool Capped { get; internal set; }
    }

    public static string SheetName => AuditVocabulary.English ? "Audit log" : "审计日志";
    static string NotesName => AuditVocabulary.English ? "Notes" : "说明";

    static readonly string[] Zh = ["编号", "时间", "操作人", "操作人姓名", "操作", "对象", "记录", "区划代码", "变更内容"];
    static readonly string[] En = ["ID", "When", "User", "Display name", "Action", "Entity", "Record", "Area code", "Changes"];
    public static string[] Headers => AuditVocabulary.English ? En : Zh;

    /// <summary>Writes at most <paramref name="max"/> items (the caller passes one more to tell that there were more).</summary>
    public static async Task<Outcome> WriteAsync(Stream output, IEnumerable<AuditItem> items, int max, TimeProvider clock,
        string exportedBy, object filter, CancellationToken ct)
    {
        var outcome = new Outcome();
        await SheetWriter.WriteAsync(output, ct, (SheetName, Rows(items, max, clock, outcome)), (NotesName, Notes(outcome, max, clock, exportedBy, filter)));
        return outcome;
    }

    static IEnumerable<Dictionary<string, object?>> Rows(IEnumerable<AuditItem> items, int max, TimeProvider clock, Outcome outcome)
    {
        var h = Headers;
        foreach (var i in items)
        {
            if (outcome.Count == max) { outcome.Capped = true; break; }
            outcome.Count++;
            yield return new Dictionary<string, object?>
            {
                [h[0]] = i.Id,
                [h[1]] = clock.ToLocal(i.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                [h[2]] = i.UserName, [h[3]] = i.UserDisplayName, [h[4]] = i.ActionName, [h[5]] = i.EntityName,
                [h[6]] = i.EntityKey, [h[7]] = i.AreaCode,
                [h[8]] = string.Join("\n", i.Changes.Select(AuditReader.Line)),
            };
        }
        if (outcome.Capped) // every column present: the writer reads each row by the first row's headers
            yield return h.Select((c, n) => (c, n)).ToDictionary(x => x.c, x => x.n == 0 ? (object?)CapText(max) : null);
    }

    static IEnumerable<Dictionary<string, object?>> Notes(Outcome outcome, int max, TimeProvider clock, string exportedBy, object filter)
    {
        // Enumerated after the entries sheet, so the count and the cap are known by now.
        var en = AuditVocabulary.English;
        Dictionary<string, object?> Row(string item, object? value) => new() { [en ? "Item" : "项目"] = item, [en ? "Value" : "内容"] = value };
        yield return Row(en ? "Exported at" : "导出时间", clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        yield return Row(en ? "Exported by" : "导出人", exportedBy);
        yield return Row(en ? "Filter" : "筛选条件", AuditReader.Describe(filter, clock) is { Length: > 0 } f ? f : (en ? "None (the whole log)" : "无（全部日志）"));
        yield return Row(en ? "Rows" : "导出条数", outcome.Count);
        yield return Row(en ? "Row cap" : "导出上限", outcome.Capped ? CapText(max) : (en ? $"Not reached ({max:N0} rows)" : $"未达到（{max:N0} 条）"));
    }

    static string CapText(int max) => AuditVocabulary.English
        ? $"Only the newest {max:N0} entries were exported; narrow the filters to export the rest."
        : $"已达导出上限：仅导出最新的 {max:N0} 条，其余未导出，请缩小筛选范围后再导出。";
}
