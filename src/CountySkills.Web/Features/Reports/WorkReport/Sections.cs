namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>The narrative sections of the county work report that staff write (二、主要做法 and the prose around the figures), each with
/// the text a new period starts from. Texts may hold placeholders such as {培训人次} (see <see cref="Placeholders"/>).</summary>
public static class Sections
{
    public sealed record Section(string Key, string Chapter, string Title, string TitleEn, string Default);

    public static readonly IReadOnlyList<Section> All =
    [
        new("overview", "一", "县情及总体工作开展情况（导语）", "County and overall work (opening)",
            "{县名}辖{乡镇数}个乡镇（街道），{行政村数}个行政村，劳动力资源台账在册{台账人数}人。{期间}，我县坚持把技能培训和劳务输出作为稳就业、促增收、巩固拓展脱贫攻坚成果的重要抓手，全年开展各类职业技能培训{培训人次}人次，其中补贴性培训{补贴性培训人次}人次；新增农村劳动力转移就业{新增转移就业人数}人，期末转移就业{农村劳动力转移就业人数}人。"),
        new("practice_1", "二", "（一）健全工作机制", "(1) Working mechanism",
            "成立由县政府主要负责同志任组长的技能培训和劳务输出工作领导小组，将目标任务分解到各乡镇和县直部门，实行月调度、季通报、年考核。"),
        new("practice_2", "二", "（二）突出技能培训", "(2) Skills training",
            "依托县人社局就业培训中心、高级技工学校、农业广播电视学校、职业教育中心四个培训基地，围绕家政、足疗、艾灸、烹饪、焊工等工种开展订单式、定向式培训，{取证人数}人取得职业技能等级证书或专项职业能力证书。"),
        new("practice_3", "二", "（三）打造劳务品牌", "(3) Labour brands",
            "坚持品牌引领，统一服装、标识和星级评定，与北京、上海、郑州、西安等地合作机构共建劳务基地，劳务品牌输出{劳务品牌输出人数}人，带动就业{品牌带动就业人数}人。"),
        new("practice_4", "二", "（四）强化跟踪服务", "(4) Follow-up services",
            "对外出务工人员按 1、3、6、12 个月开展跟踪回访，回访按期完成率{跟踪回访按期完成率}，及时协调解决欠薪等问题。"),
        new("practice_5", "二", "（五）扶持返乡创业", "(5) Returnee entrepreneurship",
            "发挥两个创业孵化园作用，落实房租减免、水电补贴等扶持政策，{返乡创业人数}名返乡人员创业，带动就业{返乡创业带动就业人数}人。"),
        new("results", "三", "取得成效（导语）", "Results (opening)",
            "通过一系列举措，全县技能培训和劳务输出工作取得明显成效，共发放培训补贴{补贴发放金额}，主要指标完成情况如下。"),
        new("next_steps", "四", "下步打算（导语）", "Next steps (opening)",
            "下一步，我县将紧盯“人人持证、技能社会”建设目标，深化省外劳务协作，推进技师学院建设，重点做好以下工作。"),
    ];

    public static Section? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
