using System.Diagnostics;
using CountySkills.Web.Domain;
using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;
using MiniExcelLibs;

namespace CountySkills.Bench;

/// <summary>
/// ledger-export: writing n ledger rows as the export writes them (SpreadCheetah, document properties, then one copy of
/// the file to add the page header that names who exported it) against the baseline of the same rows written by
/// MiniExcel without a stamp (how the export was written before), measured in the same run: time, allocations, size.
/// No database is involved (the rows are made in memory), so --provider changes nothing here; the title says so.
/// </summary>
public static class ExportBench
{
    public static async Task RunAsync(int n)
    {
        var names = new Dictionary<string, string>();
        var people = Enumerable.Range(0, n).Select(i => new Person
        {
            IdNumber = $"41992119{80 + i % 20}0101{i % 10000:D4}", Name = "王" + (char)('一' + i % 500), AreaCode = "419921101001", TownshipCode = "419921101",
            Phone = $"138{i:D8}", BirthDate = new DateOnly(1980 + i % 20, 1, 1), EmploymentStatus = EmploymentStatus.OutOfProvince,
            WorkProvince = "北京市", WorkCity = "北京市", Employer = "北京京禾家政服务有限公司", Industry = "家政服务", Notes = i % 7 == 0 ? "=备注" : null,
        }).ToList();
        var stamp = new ExportStamp("county", "县人社局 张科长", DateTimeOffset.Now, "发放补贴", true);

        var (baseline, baseAlloc, baseSize) = await Measure(async s =>
        {
            var seq = 0;
            await s.SaveAsAsync(people.Select(p => LedgerWorkbook.Row(p, names, ++seq, true)), sheetName: "劳动力台账");
        });
        var (stamped, stampAlloc, stampSize) = await Measure(async s =>
        {
            var seq = 0;
            await StampedWorkbook.WriteAsync(s, "劳动力台账", "劳动力台账", stamp, LedgerWorkbook.ExportHeaders,
                people.Select(p => (IReadOnlyList<object?>)LedgerWorkbook.Row(p, names, ++seq, true).Values.ToList()), default);
        });
        Table.Print($"ledger-export: {n:N0} rows (in memory, no database: the same with either provider)", ["writer", "seconds", "ratio", "allocated MB", "file MB"],
        [
            ["MiniExcel, no stamp (baseline)", $"{baseline:F2}", "1.00", $"{baseAlloc / 1e6:F0}", $"{baseSize / 1e6:F1}"],
            ["stamped (SpreadCheetah + page header)", $"{stamped:F2}", $"{stamped / baseline:F2}", $"{stampAlloc / 1e6:F0}", $"{stampSize / 1e6:F1}"],
        ]);
    }

    static async Task<(double Seconds, long Allocated, long Size)> Measure(Func<Stream, Task> write)
    {
        var path = Path.GetTempFileName();
        try
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            await using (var fs = File.Create(path)) await write(fs);
            sw.Stop();
            return (sw.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(true) - before, new FileInfo(path).Length);
        }
        finally { File.Delete(path); }
    }
}
