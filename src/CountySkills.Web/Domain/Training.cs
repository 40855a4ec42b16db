namespace CountySkills.Web.Domain;

/// <summary>Skill levels; the number is the level as certificates write it (5 = 初级工 … 1 = 高级技师).</summary>
public enum SkillLevel
{
    [Zh("无等级", "无", "不分等级")] None = 0,
    [Zh("一级/高级技师", "一级", "高级技师", "1")] SeniorTechnician = 1,
    [Zh("二级/技师", "二级", "技师", "2")] Technician = 2,
    [Zh("三级/高级工", "三级", "高级工", "高级", "3")] Advanced = 3,
    [Zh("四级/中级工", "四级", "中级工", "中级", "4")] Intermediate = 4,
    [Zh("五级/初级工", "五级", "初级工", "初级", "5")] Junior = 5,
}

public enum CertificateKind
{
    [Zh("职业技能等级证书", "技能等级证书", "等级证书")] SkillLevel = 1,
    [Zh("职业资格证书", "资格证书")] Qualification = 2,
    [Zh("专项职业能力证书", "专项能力证书", "专项职业能力")] SpecialAbility = 3,
    [Zh("培训合格证", "培训合格证书", "结业证书", "合格证")] TrainingCompletion = 4,
}

[Flags]
public enum CertificateKinds { None = 0, SkillLevel = 1, Qualification = 2, SpecialAbility = 4, TrainingCompletion = 8 }

public enum ClassKind
{
    [Zh("就业技能培训")] EmploymentSkills = 1,
    [Zh("岗位技能提升培训", "岗位技能提升")] JobSkillUpgrade = 2,
    [Zh("创业培训")] Entrepreneurship = 3,
    [Zh("订单式培训", "订单培训")] Order = 4,
    [Zh("定向培训")] Directed = 5,
    [Zh("企业岗前培训", "岗前培训")] PreJob = 6,
    [Zh("企业新型学徒制", "新型学徒制")] Apprenticeship = 7,
}

public enum ClassStatus
{
    [Zh("草稿")] Draft = 1,
    [Zh("已提交开班申请", "已提交")] Submitted = 2,
    [Zh("已批准")] Approved = 3,
    [Zh("已退回")] Returned = 4,
    [Zh("培训中")] InProgress = 5,
    [Zh("已结业")] Completed = 6,
    [Zh("已归档")] Closed = 7,
}

public enum ClassAction
{
    [Zh("提交开班申请", "提交")] Submit = 1,
    [Zh("撤回申请", "撤回")] Withdraw = 2,
    [Zh("批准", "审批通过")] Approve = 3,
    [Zh("退回", "退回修改")] Return = 4,
    [Zh("开班", "开始培训")] Start = 5,
    [Zh("结业")] Complete = 6,
    [Zh("归档", "关闭")] Close = 7,
}

/// <summary>A refusal by a business rule: a stable code for programs and a Chinese sentence for people.</summary>
public sealed record Refusal(string Code, string Message);

/// <summary>An occupation of the national classification (职业分类大典 2022) the county trains for.</summary>
public sealed class Occupation : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>For a work type (工种) listed under an occupation, e.g. 母婴护理员 under 家政服务员.</summary>
    public string? ParentName { get; set; }
    public required string Category { get; set; }
    /// <summary>The levels it is assessed at, e.g. "5,4,3,2"; empty when it has none (专项职业能力, 培训合格).</summary>
    public string LevelList { get; set; } = "";
    public CertificateKinds CertificateKinds { get; set; }
    /// <summary>Whether the code was checked against the published classification (DOMAIN.md).</summary>
    public bool CodeConfirmed { get; set; }

    public IReadOnlyList<SkillLevel> Levels =>
        LevelList.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => (SkillLevel)int.Parse(s)).ToList();

    public bool Offers(SkillLevel level) => level == SkillLevel.None ? true : Levels.Contains(level);
}
