using CountySkills.Web.Features.Indicators;

namespace CountySkills.Web.Features.Reports.Tables;

/// <summary>
/// 职业技能培训情况表: one row per class kind; 培训人次 in all and by target group (a trainee with two tags counts in both), the
/// subsidised part, and the trainees certified through their class. Every figure comes from the indicator engine: 合计 is
/// training.person_times by class kind, the groups its cross-breakdown by target group, 补贴性 training.subsidised.
/// </summary>
public static class TrainingTable
{
    public const string Key = "training", Title = "职业技能培训情况表";

    /// <summary>The target groups of the form, in its order; "其他" is everyone with none of them.</summary>
    static readonly (PersonTags Tag, string Key, string Text)[] Groups =
    [
        (PersonTags.PovertyAlleviated, "poverty", "脱贫劳动力"),
        (PersonTags.MigrantWorker, "migrant", "农村转移劳动力"),
        (PersonTags.Unemployed, "unemployed", "失业人员"),
        (PersonTags.SchoolLeaver, "school_leaver", "未升学初高中毕业生"),
        (PersonTags.Disabled, "disabled", "残疾人"),
        (PersonTags.Veteran, "veteran", "退役军人"),
    ];

    static readonly PersonTags Shown = Groups.Aggregate(PersonTags.None, (all, g) => all | g.Tag);

    public static async Task<StatTable> BuildAsync(ReportArea r, CancellationToken ct)
    {
        var trainings = ReportArea.Indicator("training.person_times");
        var all = await r.ByAsync(trainings, Breakdown.ClassKind, ct);
        var subsidised = await r.ByAsync("training.subsidised", Breakdown.ClassKind, ct);
        var certified = await r.ByAsync(Catalogue.ClassCertificates, Breakdown.ClassKind, ct);
        var byGroup = await r.CrossAsync(trainings, [Breakdown.ClassKind, Breakdown.TargetGroup], ct, Shown);

        var t = r.Table(Key, Title, "单位：人次、人", [new StatLabelColumn("培训类别")],
        [
            StatHeader.Group("培训人次",
                StatHeader.Column("total", "合计"),
                StatHeader.Group("按人员类别（可多选）",
                    [.. Groups.Select(g => StatHeader.Column(g.Key, g.Text)), StatHeader.Column("other", "其他")]),
                StatHeader.Column("subsidised", "其中：补贴性培训人次")),
            StatHeader.Column("certified", "取证人数"),
        ]);

        foreach (var kind in Enum.GetValues<ClassKind>())
        {
            var code = ((int)kind).ToString();
            var values = new Dictionary<string, decimal?>
            {
                ["total"] = ReportArea.Of(all, code),
                ["other"] = ReportArea.Of(byGroup, code, "0"),
                ["subsidised"] = ReportArea.Of(subsidised, code),
                ["certified"] = ReportArea.Of(certified, code),
            };
            foreach (var g in Groups) values[g.Key] = ReportArea.Of(byGroup, code, ((long)g.Tag).ToString());
            t.AddRow([Zh.Of(kind)], values);
        }
        return r.WithNotes(t,
            "说明：1. 培训人次为期间内开班（培训中、已结业或已归档）的培训班中未退出学员的人次，按开班日期计入期间，按学员户籍地统计。",
            "2. 按人员类别统计时，同一人具有多个类别的分别计入各类别（可多选，分项之和可大于合计）；“其他”为不属于以上六类的人员。",
            "3. 取证人数为期间内取得证书（未撤销）且证书关联培训班的学员人数，按该培训班的培训类别统计，同一类别内按人去重。");
    }
}
