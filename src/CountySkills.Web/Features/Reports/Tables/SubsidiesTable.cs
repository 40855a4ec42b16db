using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// 补贴资金使用情况表: one row per fund and certificate kind/level, a 小计 per fund (shown, not summed) and 合计: the claims approved
/// (distinct claims), the subsidised person-times (subsidies.person_times), the amounts approved (subsidies.approved_fen) and paid
/// (subsidies.paid_fen) in yuan, from the engine's fund x certificate kind x level breakdown.
/// </summary>
public static class SubsidiesTable
{
    public const string Key = "subsidies", Title = "补贴资金使用情况表";

    static readonly Breakdown[] By = [Breakdown.Fund, Breakdown.CertificateKind, Breakdown.Level];

    /// <summary>The columns, each with its figure and how a figure becomes the table's number (fen into yuan).</summary>
    static readonly (string Key, Indicator Indicator, decimal Divisor)[] Measures =
    [
        ("claims", Catalogue.SubsidyClaims, 1),
        ("persons", ReportArea.Indicator("subsidies.person_times"), 1),
        ("approved", ReportArea.Indicator("subsidies.approved_fen"), 100),
        ("paid", ReportArea.Indicator("subsidies.paid_fen"), 100),
    ];

    public static async Task<StatTable> BuildAsync(ReportArea r, CancellationToken ct)
    {
        var cells = new Dictionary<string, IReadOnlyDictionary<string, CrossRow>>();
        var funds = new Dictionary<string, IReadOnlyDictionary<string, FigureRow>>();
        foreach (var m in Measures)
        {
            cells[m.Key] = await r.CrossAsync(m.Indicator, By, ct);
            funds[m.Key] = await r.ByAsync(m.Indicator, Breakdown.Fund, ct);
        }
        var claims = await r.TotalAsync(Catalogue.SubsidyClaims, ct);

        var t = r.Table(Key, Title, "单位：笔、人次、元", [new StatLabelColumn("资金渠道"), new StatLabelColumn("证书类别及等级")],
        [
            StatHeader.Group("审批情况",
                StatHeader.Column("claims", "申请笔数", total: StatTotal.Fixed(claims.Value ?? 0)),
                StatHeader.Column("persons", "补贴人次"),
                StatHeader.Column("approved", "审批金额（元）", StatFormat.Yuan)),
            StatHeader.Group("拨付情况",
                StatHeader.Column("paid", "已拨付金额（元）", StatFormat.Yuan)),
        ]);

        foreach (var fund in Enum.GetValues<SubsidyFund>())
        {
            var f = ((int)fund).ToString();
            var keys = cells.Values.SelectMany(c => c.Values).Where(c => c.Codes[0] == f)
                .Select(c => (Kind: int.Parse(c.Codes[1]), Level: int.Parse(c.Codes[2]))).Distinct()
                .OrderBy(k => k.Kind).ThenBy(k => k.Level == 0 ? int.MaxValue : -k.Level);
            foreach (var (kind, level) in keys)
                t.AddRow([Zh.Of(fund), Name((CertificateKind)kind, (SkillLevel)level)],
                    Measures.ToDictionary(m => m.Key, m => (decimal?)(ReportArea.Of(cells[m.Key], f, kind.ToString(), level.ToString()) / m.Divisor)));
            t.AddRow([Zh.Of(fund), "小计"], Measures.ToDictionary(m => m.Key, m => (decimal?)(ReportArea.Of(funds[m.Key], f) / m.Divisor)), inTotal: false);
        }
        return r.WithNotes(t,
            "说明：1. 审批情况为申请日期在期间内、已审批或已拨付的补贴申请中审核通过的明细；拨付情况为拨付日期在期间内、拨付成功的明细。",
            "2. 金额含培训补贴和鉴定补贴。一笔申请的明细分属多个证书类别或等级时，在各行分别计 1 笔，小计和合计的申请笔数按申请去重。",
            "3. “小计”行为该资金渠道各行之和，不重复计入合计。");
    }

    /// <summary>职业技能等级证书·五级/初级工; a kind without levels alone.</summary>
    static string Name(CertificateKind kind, SkillLevel level) =>
        Enum.IsDefined(kind) ? level == SkillLevel.None ? Zh.Of(kind) : $"{Zh.Of(kind)}·{Zh.Of(level)}" : "未注明证书类别";
}
