using System.Globalization;

namespace CountySkills.Web.Features.Admin;

/// <summary>
/// The words of the audit log: what each audited record type, field and action is called, in Chinese (zh-CN) and in
/// English (en-US, the UI culture or the API's Accept-Language). Entities are named by their CLR type as the log stores
/// them; manual entries name theirs ("Account", "User", "Settings"). Unknown names fall back to themselves.
/// </summary>
public static class AuditVocabulary
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    static string Pick((string Zh, string En) w) => English ? w.En : w.Zh;

    /// <summary>Every record type the log may name, in the order the auditor's entity filter lists them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Entities = new Dictionary<string, (string, string)>
    {
        [nameof(Person)] = ("人员（劳动力台账）", "Person (labour ledger)"),
        [nameof(Region)] = ("行政区划", "Region"),
        [nameof(Institution)] = ("培训机构", "Training institution"),
        [nameof(Occupation)] = ("职业（工种）", "Occupation"),
        [nameof(TrainingClass)] = ("培训班", "Training class"),
        [nameof(ClassTransition)] = ("培训班状态变更", "Class status change"),
        [nameof(Enrolment)] = ("培训报名", "Enrolment"),
        [nameof(TrainingSession)] = ("培训课次", "Training session"),
        [nameof(AttendanceRecord)] = ("考勤记录", "Attendance record"),
        [nameof(Inspection)] = ("督导检查", "Inspection"),
        [nameof(Attachment)] = ("检查附件", "Inspection attachment"),
        [nameof(Certificate)] = ("技能证书", "Certificate"),
        [nameof(SubsidyRules)] = ("补贴标准", "Subsidy rules"),
        [nameof(SettingVersion)] = ("系统设置", "Setting"),
        [nameof(SubsidyClaim)] = ("补贴申请", "Subsidy claim"),
        [nameof(ClaimLine)] = ("补贴申请明细", "Claim line"),
        [nameof(ClaimTransition)] = ("补贴申请状态变更", "Claim status change"),
        [nameof(Objection)] = ("公示异议", "Objection"),
        [nameof(PaymentBatch)] = ("拨付批次", "Payment batch"),
        [nameof(PaymentItem)] = ("拨付明细", "Payment item"),
        [nameof(SubsidyBudget)] = ("补贴资金预算", "Subsidy budget"),
        [nameof(HistoricSubsidy)] = ("历史补贴记录", "Historic subsidy"),
        [nameof(Employer)] = ("用工单位", "Employer"),
        [nameof(LabourBase)] = ("劳务基地", "Labour base"),
        [nameof(Agreement)] = ("劳务协作协议", "Labour agreement"),
        [nameof(JobOrder)] = ("用工订单", "Job order"),
        [nameof(Placement)] = ("就业安置", "Placement"),
        [nameof(FollowUp)] = ("跟踪回访", "Follow-up"),
        [nameof(EmploymentAlert)] = ("就业预警", "Employment alert"),
        [nameof(Brand)] = ("劳务品牌", "Labour brand"),
        [nameof(BrandPartner)] = ("品牌合作单位", "Brand partner"),
        [nameof(BrandBase)] = ("品牌劳务基地", "Brand labour base"),
        [nameof(BrandMember)] = ("品牌从业人员", "Brand member"),
        [nameof(StarChange)] = ("星级评定", "Star rating"),
        [nameof(MemberFeedback)] = ("从业评价", "Member feedback"),
        [nameof(Incubator)] = ("创业孵化载体", "Incubator"),
        [nameof(Business)] = ("创业实体", "Business"),
        [nameof(BusinessSupport)] = ("创业扶持", "Business support"),
        [nameof(LabourEvent)] = ("欢送仪式与招聘会", "Labour event"),
        [nameof(TypicalCase)] = ("典型案例", "Typical case"),
        [nameof(CasePhoto)] = ("案例照片", "Case photo"),
        [nameof(ImportBatch)] = ("导入批次", "Import batch"),
        [nameof(Department)] = ("县直部门", "Department"),
        [nameof(LeadershipMember)] = ("领导小组成员", "Leadership group member"),
        [nameof(Plan)] = ("年度目标任务", "Annual plan"),
        [nameof(PlanRevision)] = ("目标任务修订版本", "Plan revision"),
        [nameof(ReportedValue)] = ("填报指标值", "Reported value"),
        [nameof(ReportNarrative)] = ("工作汇报文字", "Work report text"),
        [nameof(Notification)] = ("站内通知", "Notification"),
        [nameof(AuditEntry)] = ("审计日志", "Audit log"),
        ["Account"] = ("账户登录", "Sign-in account"),
        ["User"] = ("用户账户", "User account"),
        ["AppUser"] = ("用户账户", "User account"),
        ["Settings"] = ("系统设置", "Settings"),
        ["Holiday"] = ("节假日", "Public holiday"),
    };

    static readonly Dictionary<string, (string Zh, string En)> Actions = new()
    {
        [AuditEntry.Insert] = ("新增", "Created"),
        [AuditEntry.Update] = ("修改", "Changed"),
        [AuditEntry.Delete] = ("删除", "Deleted"),
        [AuditEntry.Reveal] = ("查看完整信息", "Revealed personal data"),
        [AuditEntry.SignIn] = ("登录", "Signed in"),
        [AuditEntry.SignInFailed] = ("登录失败", "Sign-in failed"),
        [AuditEntry.Export] = ("导出", "Exported"),
        [AuditEntry.Search] = ("精确查找", "Exact search"),
        ["SignOut"] = ("退出登录", "Signed out"),
        ["PasswordChanged"] = ("修改密码", "Changed password"),
        ["PasswordReset"] = ("重置密码", "Reset password"),
        ["UserCreated"] = ("新建账户", "Account created"),
        ["UserUpdated"] = ("修改账户", "Account changed"),
        ["UserDisabled"] = ("停用账户", "Account disabled"),
        ["UserEnabled"] = ("启用账户", "Account enabled"),
        ["UserUnlocked"] = ("解锁账户", "Account unlocked"),
        ["UsersImported"] = ("批量导入账户", "Accounts imported"),
        ["Disable"] = ("停用", "Disabled"),
        ["Enable"] = ("启用", "Enabled"),
    };

    /// <summary>The actions the auditor's filter offers.</summary>
    public static readonly string[] FilterActions =
        [AuditEntry.Insert, AuditEntry.Update, AuditEntry.Delete, AuditEntry.Reveal, AuditEntry.Export, AuditEntry.Search, AuditEntry.SignIn, AuditEntry.SignInFailed];

    public static string EntityName(string entity) => Entities.TryGetValue(entity, out var w) ? Pick(w) : entity;

    public static string ActionName(string action) => Actions.TryGetValue(action, out var w) ? Pick(w) : action;

    /// <summary>The action as the auditor reads it: a reveal that wrote a file (the ledger with full ID numbers, a bank
    /// file) is an export, and a subsidy eligibility check is named as one.</summary>
    public static string ActionName(string action, string entityKey, string? changes)
    {
        if (action != AuditEntry.Reveal) return ActionName(action);
        if (entityKey == "export") return English ? "Exported the ledger (full personal data)" : "导出台账（含完整信息）";
        if (entityKey.StartsWith("payment-batch:", StringComparison.Ordinal)) return English ? "Exported a bank payment file" : "导出拨付银行文件";
        if (changes?.Contains("\"eligibility\"", StringComparison.Ordinal) == true) return English ? "Subsidy eligibility check" : "补贴资格查询";
        return ActionName(action);
    }

    /// <summary>A field's name: the entity's own word for it if it has one (Person.Name is 姓名), else the common one.</summary>
    public static string FieldName(string entity, string field) =>
        AuditFieldNames.Specific.TryGetValue($"{entity}.{field}", out var own) ? Pick(own)
        : AuditFieldNames.Common.TryGetValue(field, out var common) ? Pick(common) : field;

    /// <summary>What an exact search was made by (its "search" key).</summary>
    public static string SearchKind(string kind) => Pick(kind switch
    {
        "IdNumber" => ("完整身份证号", "Full ID number"),
        "Phone" => ("手机号", "Phone"),
        "IdPrefix" => ("身份证号段（含出生日期）", "ID prefix (into the birth date)"),
        _ => (kind, kind),
    });

    /// <summary>What an exact search was for (its "purpose" key).</summary>
    public static string SearchPurpose(string purpose) => Pick(purpose switch
    {
        "ledger" => ("台账查询", "Ledger search"),
        "export" => ("台账导出", "Ledger export"),
        "by-id-number" => ("按身份证号查找人员", "Lookup by ID number"),
        "enrolment" => ("培训报名核对身份证号", "ID check at enrolment"),
        "roster-import" => ("花名册导入核对身份证号", "ID checks of a roster import"),
        "placement" => ("登记就业", "Placement"),
        "business" => ("登记创业实体", "Business"),
        "brand-member" => ("加入劳务品牌", "Brand membership"),
        "certificate" => ("登记证书", "Certificate"),
        "person-save" => ("登记或修改人员时身份证号已在其他乡镇", "ID number held in another township (saving a person)"),
        _ => (purpose, purpose),
    });

    /// <summary>A sign-in's recorded outcome (the verdict's name, or "unknown user").</summary>
    public static string SignInOutcome(string outcome) => Pick(outcome switch
    {
        "Ok" => ("成功", "Succeeded"),
        "Wrong" => ("密码错误", "Wrong password"),
        "LockedOut" => ("账户已锁定", "Locked out"),
        "NotAllowed" => ("账户不允许登录", "Not allowed"),
        "unknown user" => ("用户名不存在", "Unknown user"),
        _ => (outcome, outcome),
    });

    public static string Empty => English ? "(empty)" : "（空）";
    public static string Yes => English ? "Yes" : "是";
    public static string No => English ? "No" : "否";
    public static string Yuan(long fen) => English ? $"CNY {new Money(fen)}" : $"{new Money(fen)} 元";
    public static string System => English ? "System" : "系统";
}
