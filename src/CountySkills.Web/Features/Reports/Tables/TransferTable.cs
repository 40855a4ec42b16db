using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// 农村劳动力转移就业情况表: one row per township of the area (those without a record too); the people in transferred employment on
/// the last day (labour.transferred, in all and by band), the poverty-alleviated among them, the new transfers of the period and the
/// organised ones among those, all from the indicator engine by township.
/// </summary>
public static class TransferTable
{
    public const string Key = "transfer", Title = "农村劳动力转移就业情况表";

    public static async Task<StatTable> BuildAsync(ReportArea r, CancellationToken ct)
    {
        var transferred = ReportArea.Indicator("labour.transferred");
        var total = await r.ByAsync(transferred, Breakdown.Township, ct);
        var byBand = await r.CrossAsync(transferred, [Breakdown.Township, Breakdown.Band], ct);
        var poverty = await r.ByAsync("labour.poverty_alleviated_working", Breakdown.Township, ct);
        var fresh = await r.ByAsync("labour.new_transfers", Breakdown.Township, ct);
        var organised = await r.ByAsync("labour.organised", Breakdown.Township, ct);

        var t = r.Table(Key, Title, "单位：人", [new StatLabelColumn("乡镇（街道）")],
        [
            StatHeader.Group("转移就业人数（期末）",
                [StatHeader.Column("total", "合计"), .. Figures.BandGroups.Select(b => StatHeader.Column(b.Code, b.Name))]),
            StatHeader.Column("poverty", "其中：脱贫劳动力"),
            StatHeader.Column("new", "本期新增转移就业"),
            StatHeader.Column("organised", "其中：组织化输出"),
        ]);

        var townships = (await r.TownshipsAsync(ct)).ToList();
        // A record in a township the region list does not hold still shows (under its code), so the rows add up to the indicator.
        var known = townships.Select(x => x.Code).ToHashSet();
        var codes = total.Keys.Concat(fresh.Keys).Concat(organised.Keys).Concat(poverty.Keys).Where(c => !known.Contains(c)).Distinct().Order(StringComparer.Ordinal);
        townships.AddRange(codes.Select(c => (c, r.Labels.AreaName(c))));

        foreach (var (code, name) in townships)
        {
            var values = new Dictionary<string, decimal?>
            {
                ["total"] = ReportArea.Of(total, code),
                ["poverty"] = ReportArea.Of(poverty, code),
                ["new"] = ReportArea.Of(fresh, code),
                ["organised"] = ReportArea.Of(organised, code),
            };
            foreach (var b in Figures.BandGroups) values[b.Code] = ReportArea.Of(byBand, code, b.Code);
            t.AddRow([name], values);
        }
        return r.WithNotes(t,
            "说明：1. 转移就业人数为期末当天在岗的人数（存量），一人有多条在岗记录时取最近上岗的一条，按其务工地分县内、县外省内、省外（含境外）。",
            "2. 本期新增转移就业为期间内上岗的人数，按人去重；组织化输出为其中由县里组织输出的人数。按劳动者户籍所在乡镇统计。");
    }
}
