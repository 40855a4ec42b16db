namespace CountySkills.Web.Data.Demo;

/// <summary>
/// A year of the county's training, small enough to seed in a moment: classes of every kind and state at the five
/// institutions, rosters, sessions with attendance, results and certificates. Trainees are taken from the end of the
/// ledger so the first pages of the ledger stay free for whoever tries the system.
/// </summary>
public static class DemoTraining
{
    static readonly (int Institution, string Occupation, SkillLevel Level, ClassKind Kind, string Name, int StartOffset, int Days, ClassStatus Status, int Trainees)[] Plan =
    [
        (0, "4-10-01-06", SkillLevel.Junior, ClassKind.EmploymentSkills, "家政服务员（初级）第一期", -300, 20, ClassStatus.Closed, 18),
        (0, "4-10-01-06-01", SkillLevel.Intermediate, ClassKind.Order, "母婴护理员订单班（京禾家政）", -150, 25, ClassStatus.Completed, 16),
        (1, "6-18-02-04", SkillLevel.Junior, ClassKind.EmploymentSkills, "焊工（初级）就业技能班", -120, 30, ClassStatus.Completed, 15),
        (1, "6-31-01-03", SkillLevel.Junior, ClassKind.EmploymentSkills, "电工（初级）就业技能班", -10, 30, ClassStatus.InProgress, 14),
        (1, "6-18-01-01", SkillLevel.Intermediate, ClassKind.JobSkillUpgrade, "数控车工岗位技能提升班", 20, 30, ClassStatus.Submitted, 0),
        (2, "5-01-01-01", SkillLevel.Junior, ClassKind.EmploymentSkills, "高素质农民农业技术培训班", -60, 15, ClassStatus.Completed, 15),
        (3, "4-01-02-02", SkillLevel.Junior, ClassKind.EmploymentSkills, "电子商务（直播带货）培训班", -5, 20, ClassStatus.InProgress, 15),
        (3, "4-03-02-01", SkillLevel.Junior, ClassKind.EmploymentSkills, "中式烹调师（初级）培训班", 30, 25, ClassStatus.Draft, 0),
        (4, "4-10-04-02-01", SkillLevel.Junior, ClassKind.Order, "足部按摩师订单班（康足连锁）", -45, 30, ClassStatus.Completed, 16),
        (4, "ZX-0001", SkillLevel.None, ClassKind.EmploymentSkills, "艾灸调理专项能力培训班", 14, 10, ClassStatus.Approved, 10),
        // The senior technical school's other work (its clerk is school01): a class completed in the autumn, whose claim the county returned,
        // and a class plan the county returned for missing documents.
        (1, "6-31-01-03", SkillLevel.Junior, ClassKind.EmploymentSkills, "电工（初级）就业技能班（秋季班）", -80, 30, ClassStatus.Completed, 12),
        (1, "6-18-01-01", SkillLevel.Junior, ClassKind.EmploymentSkills, "数控车工（初级）就业技能班", 25, 20, ClassStatus.Returned, 0),
    ];

    public static async Task SeedAsync(AppDbContext db, DateOnly today, DateTime nowUtc, CancellationToken ct)
    {
        if (await db.Classes.AnyAsync(ct)) return;
        var institutions = await db.Institutions.OrderBy(i => i.Id).ToListAsync(ct);
        var occupations = await db.Occupations.ToDictionaryAsync(o => o.Code, ct);
        var employers = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        var minBirth = today.AddYears(-55);
        var maxBirth = today.AddYears(-20);
        var pool = await db.People.Where(p => p.MergedIntoId == null && p.BirthDate >= minBirth && p.BirthDate <= maxBirth)
            .OrderByDescending(p => p.Id).Take(Plan.Sum(p => p.Trainees)).ToListAsync(ct);
        if (institutions.Count < 5 || pool.Count < Plan.Sum(p => p.Trainees)) return;
        var next = 0;
        var serial = 0;
        foreach (var p in Plan)
        {
            var start = today.AddDays(p.StartOffset);
            var cls = new TrainingClass
            {
                Name = p.Name, InstitutionId = institutions[p.Institution].Id, OccupationId = occupations[p.Occupation].Id, Level = p.Level, Kind = p.Kind,
                Subsidised = true, TargetGroups = PersonTags.PovertyAlleviated | PersonTags.LeftBehindWoman | PersonTags.MigrantWorker,
                EmployerId = p.Kind == ClassKind.Order ? employers[p.Occupation.StartsWith("4-10-04") ? 2 : 0] : null,
                StartDate = start, EndDate = start.AddDays(p.Days - 1), Hours = p.Days * 6, Capacity = 40, Place = institutions[p.Institution].Name + "实训楼",
                Teachers = "张建华（高级技师）、李春梅（技师）", TeachingPlan = "理论教学 30%，实操训练 60%，考核 10%；按国家职业技能标准组织教学。",
                AssessmentPlan = "理论机考 + 实操考核，60 分合格", CreatedUtc = nowUtc, CreatedBy = "demo",
            };
            foreach (var step in StepsTo(p.Status).Where(a => a != ClassAction.Close))
                cls.Apply(step, county: true, step == ClassAction.Return ? "材料不全：缺少实训场地租赁合同和教师资格证书复印件" : null,
                    step is ClassAction.Approve or ClassAction.Close or ClassAction.Return ? "county" : "school01", nowUtc);
            db.Classes.Add(cls);
            await db.SaveChangesAsync(ct);
            var enrolments = pool.Skip(next).Take(p.Trainees).Select(person => new Enrolment { ClassId = cls.Id, PersonId = person.Id, EnrolledUtc = start.AddDays(-7).ToDateTime(new TimeOnly(1, 30), DateTimeKind.Utc), EnrolledBy = "school01" }).ToList();
            next += p.Trainees;
            db.Enrolments.AddRange(enrolments);
            var sessions = Enumerable.Range(0, Math.Min(6, p.Days)).Select(i => new TrainingSession
            {
                ClassId = cls.Id, Date = start.AddDays(i * Math.Max(1, p.Days / 6)), Hours = 6, Topic = i == 0 ? "开班仪式与职业道德" : $"专业模块 {i}",
            }).ToList();
            db.Sessions.AddRange(sessions);
            await db.SaveChangesAsync(ct);
            if (p.Status is not (ClassStatus.InProgress or ClassStatus.Completed or ClassStatus.Closed)) continue;
            // Attendance is taken at the end of the day: today's session is still waiting for it (the clerk's work of the day).
            foreach (var (s, si) in sessions.Where(s => s.Date < today).Select((s, i) => (s, i)))
            {
                // Taken at the end of the session's day (17:00 in the county), as a clerk would.
                var taken = s.Date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                s.AttendanceTakenUtc = taken < nowUtc ? taken : nowUtc;
                db.Attendance.AddRange(enrolments.Select((e, ei) => new AttendanceRecord
                {
                    SessionId = s.Id, EnrolmentId = e.Id, Present = (ei * 7 + si * 3) % 11 != 0, RecordedUtc = s.AttendanceTakenUtc.Value, RecordedBy = "school01",
                }));
            }
            if (p.Status != ClassStatus.InProgress)
                foreach (var (e, i) in enrolments.Select((e, i) => (e, i)))
                {
                    var score = 52 + (i * 13) % 47;
                    e.RecordResult(cls, passed: score >= 60, score: score, cls.EndDate);
                    if (e.Passed != true) continue;
                    var person = pool.First(x => x.Id == e.PersonId);
                    var level = p.Level == SkillLevel.None ? "5" : ((int)p.Level).ToString();
                    db.Certificates.Add(new Certificate
                    {
                        PersonId = person.Id, Kind = p.Level == SkillLevel.None ? CertificateKind.SpecialAbility : CertificateKind.SkillLevel,
                        OccupationId = cls.OccupationId, OccupationName = occupations[p.Occupation].Name, Level = p.Level,
                        Number = p.Level == SkillLevel.None ? $"ZX41992{cls.EndDate:yy}{++serial:D6}" : $"S0001419000{p.Institution + 1:D2}{cls.EndDate:yy}{level}{++serial:D6}",
                        Issuer = "禾丰县职业技能等级认定中心", IssuedOn = cls.EndDate.AddDays(10) > today ? today : cls.EndDate.AddDays(10),
                        ClassId = cls.Id, EnrolmentId = e.Id, InstitutionId = cls.InstitutionId, Source = CertificateSource.Class, CreatedUtc = nowUtc, CreatedBy = "demo",
                    });
                }
            if (p.Status == ClassStatus.Closed) cls.Apply(ClassAction.Close, county: true, null, "county", nowUtc);
            await db.SaveChangesAsync(ct);
        }

        // On-site inspections awaiting rectification: the electricians' class (due in three days) and the e-commerce class (overdue).
        foreach (var (name, visited, by, findings) in new[]
                 {
                     ("电工（初级）就业技能班", -3, 3, "签到表未按课次留存；实训设备使用台账不全"),
                     ("电子商务（直播带货）培训班", -4, -1, "现场学员人数少于花名册，部分学员未佩戴学员证"),
                 })
        {
            if (await db.Classes.FirstOrDefaultAsync(c => c.Name == name, ct) is not { } cls) continue;
            db.Inspections.Add(new Inspection
            {
                ClassId = cls.Id, VisitedOn = today.AddDays(visited), Inspector = "county", Findings = findings, TraineesPresent = 11,
                RectifyBy = today.AddDays(by), CreatedUtc = nowUtc,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    static IEnumerable<ClassAction> StepsTo(ClassStatus target) => target switch
    {
        ClassStatus.Draft => [],
        ClassStatus.Submitted => [ClassAction.Submit],
        ClassStatus.Approved => [ClassAction.Submit, ClassAction.Approve],
        ClassStatus.Returned => [ClassAction.Submit, ClassAction.Return],
        ClassStatus.InProgress => [ClassAction.Submit, ClassAction.Approve, ClassAction.Start],
        ClassStatus.Completed => [ClassAction.Submit, ClassAction.Approve, ClassAction.Start, ClassAction.Complete],
        _ => [ClassAction.Submit, ClassAction.Approve, ClassAction.Start, ClassAction.Complete, ClassAction.Close],
    };
}
