namespace CountySkills.Web.Features.Admin;

/// <summary>The names of audited fields (and of the keys manual entries write), common ones first, then those an
/// entity calls otherwise. A field missing here shows by its property name.</summary>
static class AuditFieldNames
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Common = new Dictionary<string, (string, string)>
    {
        // identity, names, codes
        ["Id"] = ("编号", "ID"), ["Name"] = ("名称", "Name"), ["Title"] = ("标题", "Title"), ["Code"] = ("编码", "Code"),
        ["Number"] = ("编号", "Number"), ["Key"] = ("记录键", "Key"), ["CreditCode"] = ("统一社会信用代码", "Credit code"),
        ["IdNumber"] = ("身份证号", "ID number"), ["Phone"] = ("手机号", "Phone"), ["Sex"] = ("性别", "Sex"), ["BirthDate"] = ("出生日期", "Birth date"),
        ["HouseholdNumber"] = ("户号", "Household number"), ["Education"] = ("文化程度", "Education"), ["Tags"] = ("人员类别", "Categories"),
        ["DisplayName"] = ("姓名", "Display name"), ["UserName"] = ("用户名", "User name"), ["Email"] = ("电子邮箱", "Email"),
        ["PhoneNumber"] = ("手机号", "Phone"), ["Role"] = ("角色", "Role"), ["AreaScope"] = ("权限范围", "Area scope"),
        // places
        ["AreaCode"] = ("区划代码", "Area code"), ["TownshipCode"] = ("乡镇代码", "Township code"), ["HomeAreaCode"] = ("品牌所在地", "Home area"),
        ["ParentCode"] = ("上级区划", "Parent area"), ["Province"] = ("省份", "Province"), ["City"] = ("城市", "City"), ["Address"] = ("地址", "Address"),
        ["Place"] = ("地点", "Place"), ["WorkProvince"] = ("务工省份", "Work province"), ["WorkCity"] = ("务工城市", "Work city"),
        ["Destination"] = ("就业地域", "Destination"), ["Band"] = ("就业地域", "Destination"),
        // status, kinds, levels
        ["Status"] = ("状态", "Status"), ["Kind"] = ("类别", "Kind"), ["Level"] = ("等级", "Level"), ["Category"] = ("类别", "Category"),
        ["EmploymentStatus"] = ("就业状态", "Employment status"), ["MonitoredCategory"] = ("监测对象类别", "Monitored category"),
        ["MonitoredRiskEliminated"] = ("风险是否消除", "Risk eliminated"), ["Stars"] = ("星级", "Stars"), ["Decision"] = ("审核结论", "Decision"),
        ["Payment"] = ("拨付状态", "Payment state"), ["Fund"] = ("资金来源", "Fund"), ["Payee"] = ("补贴对象", "Payee"), ["Source"] = ("来源", "Source"),
        ["Action"] = ("操作", "Action"), ["From"] = ("原状态", "From"), ["To"] = ("新状态", "To"), ["Proposed"] = ("系统建议", "Proposed"),
        ["Eligible"] = ("是否符合条件", "Eligible"), ["Completed"] = ("是否结业", "Completed"), ["Passed"] = ("考核是否合格", "Passed"),
        ["Present"] = ("是否出勤", "Present"), ["Valid"] = ("是否有效", "Valid"), ["Cancelled"] = ("已取消", "Cancelled"), ["Settled"] = ("已结算", "Settled"),
        ["Disabled"] = ("已停用", "Disabled"), ["DisabledReason"] = ("停用原因", "Reason disabled"), ["MustChangePassword"] = ("须修改密码", "Must change password"),
        ["OnCatalogue"] = ("在目录内", "On the catalogue"), ["Subsidised"] = ("补贴性培训", "Subsidised"), ["Organised"] = ("组织化输出", "Organised"),
        // amounts (long fen, shown in yuan)
        ["AmountFen"] = ("金额", "Amount"), ["AssessmentFen"] = ("鉴定评价补贴", "Assessment subsidy"), ["TotalFen"] = ("合计金额", "Total"),
        ["MonthlyIncomeFen"] = ("月收入", "Monthly income"), ["MonthlyWageFen"] = ("月工资", "Monthly wage"), ["WageFen"] = ("月工资", "Wage"),
        ["WageMinFen"] = ("最低工资", "Minimum wage"), ["WageMaxFen"] = ("最高工资", "Maximum wage"), ["CompletionFen"] = ("培训合格补贴", "Completion subsidy"),
        ["JuniorFen"] = ("初级工补贴", "Junior subsidy"), ["IntermediateFen"] = ("中级工补贴", "Intermediate subsidy"), ["AdvancedFen"] = ("高级工补贴", "Advanced subsidy"),
        ["TechnicianFen"] = ("技师补贴", "Technician subsidy"), ["SeniorTechnicianFen"] = ("高级技师补贴", "Senior technician subsidy"),
        ["SpecialAbilityFen"] = ("专项能力补贴", "Special ability subsidy"), ["AssessJuniorFen"] = ("初级鉴定补贴", "Junior assessment subsidy"),
        ["AssessIntermediateFen"] = ("中级鉴定补贴", "Intermediate assessment subsidy"), ["AssessAdvancedFen"] = ("高级鉴定补贴", "Advanced assessment subsidy"),
        ["AssessTechnicianFen"] = ("技师鉴定补贴", "Technician assessment subsidy"), ["AssessSeniorTechnicianFen"] = ("高级技师鉴定补贴", "Senior technician assessment subsidy"),
        ["AssessSpecialAbilityFen"] = ("专项能力鉴定补贴", "Special ability assessment subsidy"),
        // dates and instants
        ["Date"] = ("日期", "Date"), ["StartDate"] = ("开始日期", "Start date"), ["EndDate"] = ("结束日期", "End date"), ["Deadline"] = ("截止日期", "Deadline"),
        ["CreatedUtc"] = ("创建时间", "Created"), ["AtUtc"] = ("时间", "When"), ["IssuedOn"] = ("发证日期", "Issued on"), ["PaidOn"] = ("拨付日期", "Paid on"),
        ["DueOn"] = ("应回访日期", "Due on"), ["DoneOn"] = ("回访日期", "Done on"), ["EndedOn"] = ("结束日期", "Ended on"), ["JoinedOn"] = ("加入日期", "Joined on"),
        ["OnDate"] = ("日期", "Date"), ["VisitedOn"] = ("检查日期", "Visited on"), ["RectifyBy"] = ("整改期限", "Rectify by"), ["ClosedOn"] = ("办结日期", "Closed on"),
        ["AssessedOn"] = ("考核日期", "Assessed on"), ["ClaimedOn"] = ("申请日期", "Claimed on"), ["WorkingSince"] = ("务工时间", "Working since"),
        ["EnrolledUtc"] = ("报名时间", "Enrolled"), ["WithdrawnUtc"] = ("退出时间", "Withdrawn"), ["RevokedUtc"] = ("撤销时间", "Revoked"),
        ["SubmittedUtc"] = ("提交时间", "Submitted"), ["ReviewedUtc"] = ("审核时间", "Reviewed"), ["ApprovedUtc"] = ("审批时间", "Approved"),
        ["DecidedUtc"] = ("审核时间", "Decided"), ["ResolvedUtc"] = ("处理时间", "Resolved"), ["ClosedUtc"] = ("关闭时间", "Closed"), ["RaisedUtc"] = ("预警时间", "Raised"),
        ["FiledUtc"] = ("提出时间", "Filed"), ["RecordedUtc"] = ("登记时间", "Recorded"), ["UploadedUtc"] = ("上传时间", "Uploaded"), ["MergedUtc"] = ("合并时间", "Merged"),
        ["EffectiveFromUtc"] = ("生效时间", "Effective from"), ["AttendanceTakenUtc"] = ("考勤时间", "Attendance taken"), ["LastSignInUtc"] = ("最近登录", "Last sign-in"),
        ["NoticePublishedUtc"] = ("公示发布时间", "Notice published"), ["NoticeStartsOn"] = ("公示开始日期", "Notice starts"), ["NoticeEndsOn"] = ("公示结束日期", "Notice ends"),
        ["StartTime"] = ("开始时间", "Start time"), ["EndTime"] = ("结束时间", "End time"), ["Year"] = ("年度", "Year"), ["Months"] = ("回访月份", "Month"),
        // people and who did what
        ["CreatedBy"] = ("创建人", "Created by"), ["ChangedBy"] = ("修改人", "Changed by"), ["EnrolledBy"] = ("报名登记人", "Enrolled by"), ["By"] = ("评定人", "By"),
        ["RecordedBy"] = ("登记人", "Recorded by"), ["UploadedBy"] = ("上传人", "Uploaded by"), ["DecidedBy"] = ("审核人", "Decided by"), ["ReviewedBy"] = ("审核人", "Reviewed by"),
        ["ApprovedBy"] = ("审批人", "Approved by"), ["ResolvedBy"] = ("处理人", "Resolved by"), ["ClosedBy"] = ("关闭人", "Closed by"), ["RaisedBy"] = ("预警人", "Raised by"),
        ["Inspector"] = ("检查人", "Inspector"), ["Teacher"] = ("授课教师", "Teacher"), ["Teachers"] = ("授课教师", "Teachers"), ["Owner"] = ("品牌主体", "Owner"),
        ["ContactName"] = ("联系人", "Contact"), ["ContactPhone"] = ("联系电话", "Contact phone"), ["Contact"] = ("联系方式", "Contact"),
        // links to other records
        ["PersonId"] = ("人员编号", "Person"), ["FounderId"] = ("创业人编号", "Founder"), ["ClassId"] = ("培训班编号", "Class"), ["FromClassId"] = ("来源培训班", "From class"),
        ["InstitutionId"] = ("培训机构编号", "Institution"), ["EmployerId"] = ("用工单位编号", "Employer"), ["OccupationId"] = ("职业编号", "Occupation"),
        ["EnrolmentId"] = ("报名编号", "Enrolment"), ["SessionId"] = ("课次编号", "Session"), ["CertificateId"] = ("证书编号", "Certificate"),
        ["ClaimId"] = ("补贴申请编号", "Claim"), ["LineId"] = ("申请明细编号", "Claim line"), ["BatchId"] = ("拨付批次编号", "Payment batch"),
        ["RulesId"] = ("补贴标准编号", "Rules"), ["BasedOnId"] = ("基于标准", "Based on"), ["PlacementId"] = ("就业安置编号", "Placement"),
        ["FollowUpId"] = ("回访编号", "Follow-up"), ["AgreementId"] = ("协议编号", "Agreement"), ["JobOrderId"] = ("用工订单编号", "Job order"),
        ["LabourBaseId"] = ("劳务基地编号", "Labour base"), ["BrandId"] = ("劳务品牌编号", "Brand"), ["MemberId"] = ("从业人员编号", "Member"),
        ["IncubatorId"] = ("孵化载体编号", "Incubator"), ["BusinessId"] = ("创业实体编号", "Business"), ["CaseId"] = ("案例编号", "Case"),
        ["InspectionId"] = ("检查编号", "Inspection"), ["ImportBatchId"] = ("导入批次", "Import batch"), ["MergedIntoId"] = ("合并到", "Merged into"),
        // texts
        ["Note"] = ("备注", "Note"), ["Notes"] = ("备注", "Notes"), ["Reason"] = ("原因", "Reason"), ["Text"] = ("内容", "Text"), ["Description"] = ("简介", "Description"),
        ["RevokeReason"] = ("撤销原因", "Revocation reason"), ["WithdrawReason"] = ("退出原因", "Withdrawal reason"), ["ReturnReason"] = ("退回原因", "Return reason"),
        ["DecisionReason"] = ("审核意见", "Decision reason"), ["EndReason"] = ("结束原因", "End reason"), ["FailureReason"] = ("失败原因", "Failure reason"),
        ["Resolution"] = ("处理结果", "Resolution"), ["Reasons"] = ("不符合原因", "Reasons"), ["Explanations"] = ("判定说明", "Explanations"),
        ["Findings"] = ("检查发现", "Findings"), ["RectificationReport"] = ("整改报告", "Rectification report"), ["ClosingNote"] = ("办结说明", "Closing note"),
        ["Story"] = ("事迹", "Story"), ["Services"] = ("服务内容", "Services"), ["Majors"] = ("培训专业", "Majors"), ["Topic"] = ("课程内容", "Topic"),
        ["TeachingPlan"] = ("教学计划", "Teaching plan"), ["AssessmentPlan"] = ("考核方案", "Assessment plan"), ["Standards"] = ("服务标准", "Standards"),
        ["SkillLeaders"] = ("技能带头人", "Skill leaders"), ["StarSchemeJson"] = ("星级标准", "Star scheme"), ["TrademarkNumber"] = ("商标注册号", "Trademark number"),
        // work and training facts
        ["Employer"] = ("就业单位", "Employer"), ["EmployerName"] = ("用工单位", "Employer"), ["Industry"] = ("行业", "Industry"), ["Occupation"] = ("工种", "Occupation"),
        ["OccupationName"] = ("职业（工种）", "Occupation"), ["Position"] = ("岗位", "Position"), ["TrainingWish"] = ("培训意愿", "Training wish"), ["JobWish"] = ("就业意愿", "Job wish"),
        ["Capacity"] = ("容量", "Capacity"), ["Hours"] = ("学时", "Hours"), ["Score"] = ("成绩", "Score"), ["TargetGroups"] = ("培训对象", "Target groups"),
        ["AttendancePercent"] = ("出勤率（%）", "Attendance (%)"), ["CertificateNumber"] = ("证书编号", "Certificate number"), ["CertificateIssuedOn"] = ("发证日期", "Certificate issued on"),
        ["Issuer"] = ("发证机构", "Issuer"), ["InstitutionName"] = ("培训机构", "Institution"), ["CertificateKinds"] = ("证书类别", "Certificate kinds"),
        ["LevelList"] = ("等级", "Levels"), ["ParentName"] = ("上级分类", "Parent"), ["CodeConfirmed"] = ("编码已核实", "Code confirmed"),
        ["StillEmployed"] = ("是否在岗", "Still employed"), ["SameEmployer"] = ("是否同一单位", "Same employer"), ["ByEmployer"] = ("用工单位确认", "Confirmed by employer"),
        ["Problems"] = ("发现问题", "Problems"), ["Headcount"] = ("招聘人数", "Headcount"), ["QuotaPerYear"] = ("年输送人数", "Quota per year"), ["Benefits"] = ("待遇保障", "Benefits"),
        ["PartnerName"] = ("协作方", "Partner"), ["PartnerProvince"] = ("协作方省份", "Partner province"), ["PartnerCity"] = ("协作方城市", "Partner city"),
        ["Participants"] = ("参加人数", "Participants"), ["JobsOffered"] = ("提供岗位", "Jobs offered"), ["PeopleSigned"] = ("达成意向", "People signed"),
        ["EmployersPresent"] = ("参会单位", "Employers present"), ["JobsCreated"] = ("带动就业", "Jobs created"), ["RegistrationCode"] = ("登记注册号", "Registration code"),
        ["TraineesPresent"] = ("在场学员", "Trainees present"), ["ItemCount"] = ("笔数", "Items"), ["AgencyGrade"] = ("机构等级", "Agency grade"),
        ["NoticeBackdated"] = ("公示日期补录", "Notice backdated"), ["NoticeWorkingDays"] = ("公示工作日", "Notice working days"), ["MaxPerYear"] = ("每年最多补贴次数", "Max per year"),
        ["MinAttendancePercent"] = ("最低出勤率（%）", "Minimum attendance (%)"), ["ClaimWindowMonths"] = ("申领期限（月）", "Claim window (months)"),
        ["WorkingAgeMin"] = ("劳动年龄下限", "Working age from"), ["WorkingAgeMax"] = ("劳动年龄上限", "Working age to"), ["CatalogueOnly"] = ("仅限目录内机构", "Catalogue only"),
        ["SharedPhoneThreshold"] = ("共用手机号预警阈值", "Shared phone threshold"), ["Holidays"] = ("节假日", "Holidays"), ["ExtraWorkdays"] = ("调休工作日", "Extra workdays"),
        // files and imports
        ["FileName"] = ("文件名", "File name"), ["ContentType"] = ("文件类型", "Content type"), ["Size"] = ("大小（字节）", "Size (bytes)"), ["Data"] = ("文件内容", "Content"),
        ["Sha256"] = ("文件指纹", "SHA-256"), ["TotalRows"] = ("总行数", "Rows"), ["Created"] = ("新增", "Created"), ["Updated"] = ("更新", "Updated"),
        ["Unchanged"] = ("未变化", "Unchanged"), ["Rejected"] = ("被拒绝", "Rejected"),
        // keys written by manual entries (reveals, checks, exports, sign-ins)
        ["fields"] = ("查看的字段", "Fields"), ["reason"] = ("原因", "Reason"), ["eligibility"] = ("查询对象", "Person checked"), ["occupation"] = ("职业", "Occupation"),
        ["level"] = ("等级", "Level"), ["reasons"] = ("不符合原因", "Reasons"), ["export"] = ("导出条数", "Rows exported"), ["count"] = ("条数", "Count"),
        ["filter"] = ("筛选条件", "Filter"), ["batch"] = ("拨付批次", "Payment batch"), ["outcome"] = ("结果", "Outcome"), ["source"] = ("来源", "Source"),
        ["capped"] = ("已达导出上限", "Capped"),
        // filters recorded with exports (the ledger's, the audit log's own)
        ["Q"] = ("关键词", "Search"), ["VillageCode"] = ("村代码", "Village code"), ["Tag"] = ("人员类别", "Category"), ["AgeMin"] = ("年龄下限", "Age from"),
        ["AgeMax"] = ("年龄上限", "Age to"), ["Trained"] = ("是否参加培训", "Trained"), ["Certified"] = ("是否持证", "Certified"),
        ["user"] = ("操作人", "User"), ["area"] = ("区划", "Area"), ["entity"] = ("对象", "Entity"), ["entityKey"] = ("记录", "Record"),
        ["from"] = ("开始日期", "From"), ["to"] = ("结束日期", "To"), ["action"] = ("操作", "Action"),
    };

    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Specific = new Dictionary<string, (string, string)>
    {
        ["SettingVersion.Key"] = ("设置项", "Setting"), ["SettingVersion.Value"] = ("设置值", "Value"), ["SettingVersion.ChangedUtc"] = ("修改时间", "Changed at"),
        ["SettingVersion.BasedOnId"] = ("基于版本", "Based on version"),
        ["Person.Name"] = ("姓名", "Name"), ["HistoricSubsidy.Name"] = ("姓名", "Name"), ["Person.Notes"] = ("备注", "Notes"),
        ["Person.Occupation"] = ("工种", "Occupation"), ["Person.Employer"] = ("就业单位", "Employer"),
        ["Region.Kind"] = ("乡镇类别", "Township kind"), ["Region.Level"] = ("层级", "Level"), ["Region.Code"] = ("区划代码", "Area code"),
        ["BrandMember.Code"] = ("从业编号", "Member code"), ["Occupation.Code"] = ("职业编码", "Occupation code"),
        ["BrandPartner.Role"] = ("合作角色", "Partner role"), ["BusinessSupport.From"] = ("开始日期", "From"), ["BusinessSupport.To"] = ("结束日期", "To"),
        ["StarChange.From"] = ("原星级", "From"), ["StarChange.To"] = ("新星级", "To"), ["ClassTransition.UserName"] = ("操作人", "By"),
        ["ClaimTransition.UserName"] = ("操作人", "By"), ["ImportBatch.UserName"] = ("导入人", "Imported by"), ["ImportBatch.AtUtc"] = ("导入时间", "Imported"),
        ["ImportBatch.Kind"] = ("导入类型", "Import kind"), ["MemberFeedback.Source"] = ("评价来源", "Source"), ["Inspection.Status"] = ("整改状态", "Status"),
        ["TrainingClass.Kind"] = ("培训类型", "Class kind"), ["Certificate.Kind"] = ("证书类别", "Certificate kind"), ["LabourEvent.Kind"] = ("活动类型", "Event kind"),
        ["Employer.Kind"] = ("单位类型", "Employer kind"), ["Institution.Kind"] = ("机构类型", "Institution kind"), ["Incubator.Kind"] = ("载体类型", "Incubator kind"),
        ["Business.Kind"] = ("经营类型", "Business kind"), ["BusinessSupport.Kind"] = ("扶持方式", "Support kind"), ["ClaimLine.Kind"] = ("证书类别", "Certificate kind"),
        ["ClaimTransition.From"] = ("原状态", "From"), ["ClaimTransition.To"] = ("新状态", "To"), ["PaymentItem.Status"] = ("拨付结果", "Payment result"),
        ["SubsidyBudget.AmountFen"] = ("预算金额", "Budget"), ["BusinessSupport.AmountFen"] = ("扶持金额", "Support amount"), ["ClaimLine.AmountFen"] = ("培训补贴", "Training subsidy"),
        ["PaymentItem.AmountFen"] = ("拨付金额", "Amount paid"), ["HistoricSubsidy.AmountFen"] = ("补贴金额", "Subsidy"),
    };
}
