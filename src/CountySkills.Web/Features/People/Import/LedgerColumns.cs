namespace CountySkills.Web.Features.People.Import;

/// <summary>The ledger's columns: canonical key, the header the template writes, and the headers real files use.</summary>
public static class LedgerColumns
{
    public const string Seq = "seq", Name = "name", Sex = "sex", IdNumber = "idNumber", Phone = "phone", Education = "education",
        Household = "household", Township = "township", Village = "village", Tags = "tags", MonitoredCategory = "monitoredCategory",
        RiskEliminated = "riskEliminated", Status = "status", Destination = "destination", WorkProvince = "workProvince",
        WorkCity = "workCity", WorkPlace = "workPlace", Employer = "employer", Industry = "industry", Occupation = "occupation",
        Since = "since", MonthlyIncome = "monthlyIncome", YearlyIncomeWan = "yearlyIncomeWan", TrainingWish = "trainingWish",
        JobWish = "jobWish", Notes = "notes";

    /// <summary>First entry of each list is what the template and the export write.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Synonyms = new Dictionary<string, string[]>
    {
        [Seq] = ["序号", "编号"],
        [Name] = ["姓名", "名字", "劳动力姓名"],
        [Sex] = ["性别"],
        [IdNumber] = ["身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码", "身份证件号"],
        [Phone] = ["手机号", "手机号码", "联系电话", "电话", "联系方式", "电话号码"],
        [Education] = ["文化程度", "学历"],
        [Household] = ["户号", "户编号"],
        [Township] = ["乡镇(街道)", "乡镇", "街道(乡镇)", "乡(镇、街道)", "所属乡镇", "乡镇街道"],
        [Village] = ["村(社区)", "村", "社区(村)", "行政村", "所属村", "村居", "村(居)"],
        [Tags] = ["人员类别", "人员类型", "身份类别", "人员属性"],
        [MonitoredCategory] = ["监测对象类别", "监测类型", "监测对象类型"],
        [RiskEliminated] = ["风险是否消除", "是否消除风险", "风险消除"],
        [Status] = ["就业状态", "就业情况", "务工状态"],
        [Destination] = ["就业地域", "务工地域", "务工区域", "就业区域"],
        [WorkProvince] = ["务工省份", "就业省份", "务工地点(省)"],
        [WorkCity] = ["务工城市", "就业城市", "务工地点(市)"],
        [WorkPlace] = ["务工地点", "就业地点", "务工地址"],
        [Employer] = ["就业单位", "务工单位", "工作单位", "就业单位名称"],
        [Industry] = ["行业", "从事行业", "就业行业"],
        [Occupation] = ["工种", "职业", "从事工种", "岗位"],
        [Since] = ["务工时间", "外出务工时间", "就业时间", "务工起始时间"],
        [MonthlyIncome] = ["月收入(元)", "月收入", "月工资", "月工资(元)"],
        [YearlyIncomeWan] = ["年收入(万元)", "年务工收入(万元)"],
        [TrainingWish] = ["培训意愿", "培训需求", "培训意愿(工种)"],
        [JobWish] = ["就业意愿", "就业需求"],
        [Notes] = ["备注"],
    };

    public static readonly string[] Required = [IdNumber, Name];

    /// <summary>The columns of the template and the export, in order.</summary>
    public static readonly string[] Template =
        [Seq, Name, Sex, IdNumber, Phone, Education, Household, Township, Village, Tags, MonitoredCategory, RiskEliminated,
         Status, Destination, WorkProvince, WorkCity, Employer, Industry, Occupation, Since, MonthlyIncome, TrainingWish, JobWish, Notes];

    public static string HeaderOf(string key) => Synonyms[key][0];
}
