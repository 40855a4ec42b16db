using B = CountySkills.Web.Features.Indicators.Breakdown;

namespace CountySkills.Web.Features.Indicators;

/// <summary>
/// The one catalogue of indicators (指标): each with its key, names, unit, kind, definition and the query of its records.
/// Every figure of the dashboard, the plans' progress, the statistical tables and the work report is computed from here at the
/// moment it is asked for.
/// </summary>
public static partial class Catalogue
{
    static readonly Breakdown[] TrainingBy = [B.Township, B.Month, B.ClassKind, B.TargetGroup, B.Occupation, B.Brand, B.Level, B.Department];
    static readonly Breakdown[] PlacementBy = [B.Township, B.Month, B.Band, B.TargetGroup, B.Brand];

    public static readonly IReadOnlyList<Indicator> All =
    [
        new()
        {
            Key = "training.person_times", Name = "培训人次", NameEn = "Training person-times", Unit = "人次", Kind = IndicatorKind.Count,
            Aggregate = Aggregate.Count, Breakdowns = TrainingBy, RecordKind = "enrolment", Facts = (db, p) => [Trainings(db, p, false)],
            Definition = "期间内开班（培训中、已结业或已归档）的培训班中未退出学员的人次，按开班日期计入期间，按学员户籍所在乡镇分地区",
            DefinitionEn = "Trainees (not withdrawn) of classes that started in the period (in progress, completed or closed), by the class's start date and the trainee's township",
        },
        new()
        {
            Key = "training.subsidised", Name = "补贴性培训人次", NameEn = "Subsidised training person-times", Unit = "人次", Kind = IndicatorKind.Count,
            Aggregate = Aggregate.Count, Breakdowns = TrainingBy, RecordKind = "enrolment", Facts = (db, p) => [Trainings(db, p, true)],
            Definition = "培训人次中属于补贴性培训班的部分", DefinitionEn = "The training person-times of subsidised classes",
        },
        new()
        {
            Key = "training.people", Name = "培训人数", NameEn = "People trained", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = TrainingBy, RecordKind = "enrolment", Facts = (db, p) => [Trainings(db, p, false)],
            Definition = "培训人次按人去重：同一人期间内参加多个班只计 1 人", DefinitionEn = "Training person-times de-duplicated by person",
        },
        new()
        {
            Key = "certificates.people", Name = "取证人数", NameEn = "People certified", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation, B.TargetGroup], RecordKind = "certificate",
            Facts = (db, p) => [Certificates(db, p)],
            Definition = "期间内取得证书（未撤销）的人数，按人去重；按证书类别分组时，一人在每个类别各计 1 人",
            DefinitionEn = "People who obtained a (not revoked) certificate in the period, de-duplicated by person (once per certificate kind when broken down by kind)",
        },
        new()
        {
            Key = "certificates.issued", Name = "取证人次", NameEn = "Certificates issued", Unit = "人次", Kind = IndicatorKind.Count,
            Aggregate = Aggregate.Count, Breakdowns = [B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation, B.TargetGroup], RecordKind = "certificate",
            Facts = (db, p) => [Certificates(db, p)],
            Definition = "期间内发放（未撤销）的证书本数", DefinitionEn = "Certificates (not revoked) issued in the period",
        },
        new()
        {
            Key = "certificates.rate", Name = "持证率", NameEn = "Certificate holding rate", Unit = "%", Kind = IndicatorKind.Rate,
            Aggregate = Aggregate.Ratio, Breakdowns = [B.Township, B.TargetGroup], RecordKind = "person", Facts = (db, p) => [CertificateHolding(db, p)],
            Definition = "截至期末，台账中劳动年龄（补贴规则的年龄范围，默认 16–59 岁）人员里持有至少一本未撤销证书的比例；分母为劳动年龄人数",
            DefinitionEn = "At the end of the period, the share of working-age people of the ledger (the subsidy rules' age range, 16-59 by default) holding at least one certificate",
        },
        new()
        {
            Key = "labour.transferred", Name = "农村劳动力转移就业人数", NameEn = "Rural labour in transferred employment", Unit = "人", Kind = IndicatorKind.Stock,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = PlacementBy, RecordKind = "placement", Facts = (db, p) => [Working(db, p.To, false)],
            Definition = "期末当天在岗的就业记录所涉人数（存量）；一人同时有多条在岗记录时取最近上岗的一条，按其去向分组",
            DefinitionEn = "People with a placement active on the last day of the period (a stock); of several active placements the latest counts",
        },
        new()
        {
            Key = "labour.new_transfers", Name = "新增转移就业人数", NameEn = "New transfers into employment", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = PlacementBy, RecordKind = "placement", Facts = (db, p) => [Placements(db, p, false, false)],
            Definition = "期间内上岗的就业记录所涉人数，按人去重", DefinitionEn = "People whose placement started in the period, de-duplicated by person",
        },
        new()
        {
            Key = "labour.organised", Name = "组织化输出人数", NameEn = "Organised labour export", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = PlacementBy, RecordKind = "placement", Facts = (db, p) => [Placements(db, p, true, false)],
            Definition = "期间内上岗且由县里组织输出（组织化输出）的人数，按人去重", DefinitionEn = "People placed in the period through organised export, de-duplicated",
        },
        new()
        {
            Key = "labour.poverty_alleviated_working", Name = "脱贫劳动力务工人数", NameEn = "Poverty-alleviated labourers at work", Unit = "人", Kind = IndicatorKind.Stock,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.Township, B.Band, B.Brand], RecordKind = "placement", Facts = (db, p) => [Working(db, p.To, true)],
            Definition = "期末当天在岗的脱贫户劳动力人数（存量）", DefinitionEn = "People of poverty-alleviated households with a placement active on the last day of the period",
        },
        new()
        {
            Key = "brands.output", Name = "劳务品牌输出人数", NameEn = "Labour-brand output", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.Brand, B.Township, B.Month, B.Band], RecordKind = "placement", Facts = (db, p) => [Placements(db, p, false, true)],
            Definition = "期间内以劳务品牌名义上岗的人数，按人去重", DefinitionEn = "People placed under a labour brand in the period, de-duplicated",
        },
        new()
        {
            Key = "brands.jobs_driven", Name = "品牌带动就业人数", NameEn = "Jobs driven by labour brands", Unit = "人", Kind = IndicatorKind.Stock,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Brand, B.Township], RecordKind = "placement", Facts = (db, p) => [BrandWorking(db, p.To), BrandBusinesses(db, p.To)],
            Definition = "期末当天以品牌名义在岗的人数，加上品牌带动创办、期末前开业的经营主体吸纳的就业岗位数",
            DefinitionEn = "People at work under a brand on the last day, plus the jobs created by businesses founded under the brand by then",
        },
        new()
        {
            Key = "entrepreneurship.returnees", Name = "返乡创业人数", NameEn = "Returnee entrepreneurs", Unit = "人", Kind = IndicatorKind.People,
            Aggregate = Aggregate.DistinctPeople, Breakdowns = [B.Township, B.Month, B.BusinessKind, B.Brand], RecordKind = "business", Facts = (db, p) => [Businesses(db, p, true)],
            Definition = "期间内开业、创办人带“返乡创业”标记的经营主体的创办人数，按人去重", DefinitionEn = "Founders marked as returnee entrepreneurs of businesses started in the period",
        },
        new()
        {
            Key = "entrepreneurship.jobs_driven", Name = "返乡创业带动就业人数", NameEn = "Jobs created by returnee entrepreneurs", Unit = "人", Kind = IndicatorKind.Sum,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Township, B.Month, B.BusinessKind, B.Brand], RecordKind = "business", Facts = (db, p) => [Businesses(db, p, true)],
            Definition = "期间内开业的返乡创业经营主体登记的吸纳就业人数之和", DefinitionEn = "Jobs created by the returnee entrepreneurs' businesses started in the period",
        },
        new()
        {
            Key = "entrepreneurship.businesses", Name = "新增创业经营主体", NameEn = "New businesses", Unit = "户", Kind = IndicatorKind.Count,
            Aggregate = Aggregate.Count, Breakdowns = [B.Township, B.Month, B.BusinessKind, B.Brand], RecordKind = "business", Facts = (db, p) => [Businesses(db, p, false)],
            Definition = "期间内开业的创业经营主体户数", DefinitionEn = "Businesses started in the period",
        },
        new()
        {
            Key = "followups.on_time_rate", Name = "跟踪回访按期完成率", NameEn = "Follow-ups done on time", Unit = "%", Kind = IndicatorKind.Rate,
            Aggregate = Aggregate.Ratio, Breakdowns = [B.Township, B.Month], RecordKind = "followUp", Facts = (db, p) => [FollowUps(db, p)],
            Definition = "应回访日在期间内、已到期或已完成的回访中，在应回访日当天或之前完成的比例（已取消的不计）",
            DefinitionEn = "Of the follow-ups due in the period that are past due or done, the share done on or before their due day (cancelled ones excluded)",
        },
        new()
        {
            Key = "subsidies.paid_fen", Name = "补贴发放金额", NameEn = "Subsidies paid", Unit = "分", Kind = IndicatorKind.Sum,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Fund, B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation], RecordKind = "claimLine", Facts = (db, p) => [PaidLines(db, p)],
            Definition = "期间内拨付成功的补贴明细金额（培训补贴加鉴定补贴），单位为分", DefinitionEn = "Subsidy lines paid in the period (training plus assessment subsidy), in fen",
        },
        new()
        {
            Key = "subsidies.approved_fen", Name = "补贴审批金额", NameEn = "Subsidies approved", Unit = "分", Kind = IndicatorKind.Sum,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Fund, B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation], RecordKind = "claimLine", Facts = (db, p) => [ApprovedLines(db, p, true)],
            Definition = "申请日在期间内、已审批或已拨付的补贴申请中审核通过的明细金额，单位为分", DefinitionEn = "Approved lines of claims made in the period and approved or paid, in fen",
        },
        new()
        {
            Key = "subsidies.person_times", Name = "享受补贴人次", NameEn = "Subsidised person-times approved", Unit = "人次", Kind = IndicatorKind.Count,
            Aggregate = Aggregate.Count, Breakdowns = [B.Fund, B.CertificateKind, B.Level, B.Township, B.Month, B.Occupation], RecordKind = "claimLine", Facts = (db, p) => [ApprovedLines(db, p, false)],
            Definition = "申请日在期间内、已审批或已拨付的补贴申请中审核通过的明细条数", DefinitionEn = "Approved lines of claims made in the period and approved or paid",
        },
        .. Outcomes,
        new()
        {
            Key = "employment.urban_new_jobs", Name = "城镇新增就业人数", NameEn = "New urban jobs", Unit = "人", Kind = IndicatorKind.Sum, Reported = true,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Township, B.Month, B.Department],
            Definition = "由责任部门按月填报（平台无法统计），期间内各月填报值之和", DefinitionEn = "Entered monthly by the responsible department (not countable here): the sum of the period's months",
        },
        new()
        {
            Key = "labour.income", Name = "劳务收入", NameEn = "Labour income", Unit = "万元", Kind = IndicatorKind.Sum, Reported = true,
            Aggregate = Aggregate.Sum, Breakdowns = [B.Township, B.Month, B.Department],
            Definition = "由责任部门按月填报（来自其他系统），期间内各月填报值之和", DefinitionEn = "Entered monthly by the responsible department (from other systems): the sum of the period's months",
        },
    ];

    public static Indicator? Find(string key) => All.FirstOrDefault(i => i.Key == key);
}
