using CountySkills.Web.Features.Training;

namespace CountySkills.Web.Data.Demo;

/// <summary>The history's training: classes through their lifecycle, rosters, sessions with attendance, results and certificates.</summary>
public sealed partial class DemoHistory
{
    /// <summary>What an institution runs (index of the demo's five), the occupation (catalogue code), level, kind, whether subsidised,
    /// how often (weight), the class name's words, the partner employer of an order or enterprise class (index of the demo's five),
    /// who mostly takes it, and whether it is for young people who did not continue school.</summary>
    sealed record Course(int Institution, string Occupation, SkillLevel Level, ClassKind Kind, bool Subsidised, int Weight, string Name,
        int? Employer = null, Sex? Mostly = null, bool Young = false);

    static readonly Course[] Courses =
    [
        new(0, "4-10-01-06", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 10, "家政服务员（五级）就业技能培训班", Mostly: Sex.Female),
        new(0, "4-10-01-06", SkillLevel.Intermediate, ClassKind.JobSkillUpgrade, true, 3, "家政服务员（四级）岗位技能提升培训班", Mostly: Sex.Female),
        new(0, "4-10-01-06-01", SkillLevel.Junior, ClassKind.Order, true, 6, "母婴护理员（五级）订单班（京禾家政）", 0, Sex.Female),
        new(0, "4-10-01-06-01", SkillLevel.Intermediate, ClassKind.Order, true, 3, "母婴护理员（四级）订单班（沪禾母婴）", 1, Sex.Female),
        new(0, "4-10-01-02", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 3, "育婴员（五级）就业技能培训班", Mostly: Sex.Female),
        new(0, "4-03-02-01", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 4, "中式烹调师（五级）就业技能培训班"),
        new(0, "4-01-02-02", SkillLevel.None, ClassKind.Entrepreneurship, true, 5, "电商创业（SYB）创业培训班"),
        new(0, "4-10-01-06", SkillLevel.Junior, ClassKind.PreJob, false, 5, "家政服务员企业岗前培训班（京禾家政）", 0, Sex.Female),
        new(1, "6-18-02-04", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 6, "焊工（五级）就业技能培训班", Mostly: Sex.Male),
        new(1, "6-18-02-04", SkillLevel.Intermediate, ClassKind.JobSkillUpgrade, true, 2, "焊工（四级）岗位技能提升培训班", Mostly: Sex.Male),
        new(1, "6-31-01-03", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 5, "电工（五级）就业技能培训班", Mostly: Sex.Male),
        new(1, "6-31-01-03", SkillLevel.Intermediate, ClassKind.JobSkillUpgrade, false, 3, "电工（四级）岗位技能提升培训班（企业职工）", 4, Sex.Male),
        new(1, "6-18-01-01", SkillLevel.Junior, ClassKind.Apprenticeship, false, 4, "数控车工企业新型学徒制培训班", 4, Sex.Male),
        new(1, "6-29-01-01", SkillLevel.Junior, ClassKind.Directed, true, 2, "砌筑工（五级）定向培训班", Mostly: Sex.Male),
        new(1, "6-29-01-03", SkillLevel.Junior, ClassKind.Directed, true, 1, "钢筋工（五级）定向培训班", Mostly: Sex.Male),
        new(2, "5-01-01-01", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 5, "高素质农民农艺工（五级）培训班"),
        new(2, "4-01-02-02", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 2, "农村电商（五级）就业技能培训班"),
        new(3, "4-01-02-02", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 4, "电子商务师（直播带货）就业技能培训班", Young: true),
        new(3, "4-03-02-01", SkillLevel.Junior, ClassKind.EmploymentSkills, true, 3, "中式烹调师（五级）青年就业技能培训班", Young: true),
        new(3, "4-07-04-01", SkillLevel.Junior, ClassKind.Directed, true, 1, "导游（五级）定向培训班", Young: true),
        new(3, "6-31-01-03", SkillLevel.Junior, ClassKind.PreJob, false, 8, "电子装配企业岗前培训班（产业集聚区）", 4, Young: true),
        new(4, "4-10-04-02-01", SkillLevel.Junior, ClassKind.Order, true, 6, "足部按摩师（五级）订单班（康足连锁）", 2),
        new(4, "4-10-04-02", SkillLevel.Intermediate, ClassKind.JobSkillUpgrade, true, 2, "保健按摩师（四级）岗位技能提升培训班"),
        new(4, "ZX-0001", SkillLevel.None, ClassKind.EmploymentSkills, true, 5, "艾灸调理专项职业能力培训班", Mostly: Sex.Female),
        new(4, "4-10-04-02-01", SkillLevel.Junior, ClassKind.PreJob, false, 6, "足部按摩师企业岗前培训班（康足连锁）", 2),
    ];

    static readonly int[] MonthWeights = [4, 3, 10, 11, 10, 9, 8, 7, 10, 9, 10, 9];
    static readonly string[] Teachers = ["张建华（高级技师）、李春梅（技师）", "王立新（高级讲师）、赵红霞（技师）", "刘德胜（高级技师）、陈晓燕（讲师）", "孙明（技师）、周丽娟（高级技师）"];
    static readonly string[] ReturnReasons = ["材料不全：缺少授课教师资格证明", "教学计划课时不足，请按职业标准补充", "学员花名册身份证号有误，请核对"];
    static readonly string[] WithdrawReasons = ["外出务工", "家中有事", "身体原因", "已找到工作"];

    sealed class ClassPlan(TrainingClass cls, Course course, Occupation occupation)
    {
        public TrainingClass Class { get; } = cls;
        public Course Course { get; } = course;
        public Occupation Occupation { get; } = occupation;
        public long Id { get; set; }
        public List<Trainee> Trainees { get; } = [];
        public List<TrainingSession> Sessions { get; } = [];
        public DateOnly? CertifiedOn { get; set; }
        public bool Completed => Class.Status is ClassStatus.Completed or ClassStatus.Closed;
    }

    sealed class Trainee(Candidate person, Enrolment enrolment)
    {
        public Candidate Person { get; } = person;
        public Enrolment Enrolment { get; } = enrolment;
        public long Id { get; set; }
        /// <summary>Present at each session attendance was taken for, up to the withdrawal (no mark after it).</summary>
        public bool[] Present { get; set; } = [];
        /// <summary>Sessions of the class attendance was taken for (the rate's denominator).</summary>
        public int Taken { get; set; }
        public Certificate? Certificate { get; set; }
        public long? CertificateId { get; set; }
        public decimal? AttendancePercent => Roster.Rate(Present.Count(p => p), Taken);
        public bool Active => Enrolment.Status == EnrolmentStatus.Active;
    }

    const double SubsidisedShare = 0.73, CertifiedShare = 0.25;
    int _serial, _trained, _certified;

    async Task<List<ClassPlan>> TrainingAsync(CancellationToken ct)
    {
        var plans = new List<ClassPlan>();
        var courses = Courses.Where(c => _occupations.ContainsKey(c.Occupation) && c.Institution < _institutions.Count).ToArray();
        if (courses.Length == 0) return plans;
        foreach (var year in new[] { _today.Year - 1, _today.Year })
        {
            var (first, last) = (new DateOnly(year, 1, 1), year == _today.Year ? _today : new DateOnly(year, 12, 31));
            var target = Share(TrainingsPerYear, first, last);
            var serials = new Dictionary<Course, int>();
            var subsidised = 0;
            for (var n = 0; n < target;)
            {
                // The share of subsidised person-times held near the reference county's (8,000 of 11,000) even when a small ledger has few classes.
                var wanted = courses.Where(c => c.Subsidised == (subsidised < SubsidisedShare * Math.Max(1, n))).ToArray();
                var course = Weighted(wanted.Length > 0 ? wanted : courses);
                var serial = serials[course] = serials.GetValueOrDefault(course) + 1;
                var plan = NewClass(course, StartDay(first, last), serial);
                Enrol(plan, _rnd.Next(30, 61));
                if (plan.Trainees.Count == 0) break; // nobody left in a small ledger
                Run(plan);
                var active = plan.Trainees.Count(t => t.Active);
                n += active;
                _trained += active;
                if (course.Subsidised) subsidised += active;
                plans.Add(plan);
            }
        }
        await StoreTrainingAsync(plans, ct);
        return plans;
    }

    Course Weighted(Course[] courses)
    {
        var pick = _rnd.Next(courses.Sum(c => c.Weight));
        foreach (var c in courses)
        {
            if (pick < c.Weight) return c;
            pick -= c.Weight;
        }
        return courses[^1];
    }

    /// <summary>A weekday of the year, more often in spring and autumn than around the Spring Festival and in summer; never after <paramref name="last"/>.</summary>
    DateOnly StartDay(DateOnly first, DateOnly last)
    {
        var pick = _rnd.Next(MonthWeights.Take(last.Month).Sum());
        var month = 1;
        while (pick >= MonthWeights[month - 1]) pick -= MonthWeights[month++ - 1];
        var day1 = new DateOnly(first.Year, month, 1);
        var d = Weekday(Between(day1, month == last.Month ? last : day1.AddMonths(1).AddDays(-1)));
        while (d > last || d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(-1);
        return d < first ? first : d;
    }

    ClassPlan NewClass(Course c, DateOnly start, int serial)
    {
        var institution = _institutions[c.Institution];
        var occupation = _occupations[c.Occupation];
        var days = c.Kind switch
        {
            ClassKind.Entrepreneurship => 10, ClassKind.JobSkillUpgrade => _rnd.Next(10, 21), ClassKind.Order => _rnd.Next(20, 31), ClassKind.Directed => _rnd.Next(15, 26),
            ClassKind.PreJob => _rnd.Next(7, 13), ClassKind.Apprenticeship => _rnd.Next(30, 46), _ => _rnd.Next(15, 31),
        };
        var employer = c.Employer is { } e && e < _employers.Count ? _employers[e] : null;
        var cls = new TrainingClass
        {
            Name = $"{start.Year}年{c.Name}第{serial}期", InstitutionId = institution.Id, OccupationId = occupation.Id, Level = c.Level, Kind = c.Kind, Subsidised = c.Subsidised,
            TargetGroups = c.Young ? PersonTags.SchoolLeaver | PersonTags.PovertyAlleviated
                : c.Mostly == Sex.Female ? PersonTags.LeftBehindWoman | PersonTags.PovertyAlleviated : PersonTags.PovertyAlleviated | PersonTags.MigrantWorker | PersonTags.Unemployed,
            EmployerId = employer?.Id, BrandId = _brands.TryGetValue(occupation.Category, out var brand) ? brand : null,
            StartDate = start, EndDate = start.AddDays(days - 1), Capacity = 60, Place = institution.Name + (c.Kind is ClassKind.PreJob or ClassKind.Apprenticeship ? "（企业实训车间）" : "实训楼"),
            Teachers = OneOf(Teachers), TeachingPlan = "理论教学 30%，实操训练 60%，考核 10%；按国家职业技能标准组织教学。",
            AssessmentPlan = c.Level == SkillLevel.None ? "实操考核为主，结业测评合格发证" : "理论机考 + 实操考核，60 分合格",
            CreatedUtc = Utc(start.AddDays(-28)), CreatedBy = Staff,
        };
        return new ClassPlan(cls, c, occupation);
    }

    bool Free(long person, DateOnly start, DateOnly end) =>
        !_training.TryGetValue(person, out var taken) || taken.All(t => t.End < start || t.Start > end);

    /// <summary>Trainees of working age (mostly 18-55; 16-25 for the young people's classes), of the sex the course mostly draws,
    /// in no other class at the same time; a few withdraw in the first days.</summary>
    void Enrol(ClassPlan plan, int size)
    {
        var cls = plan.Class;
        var here = new HashSet<long>();
        for (var i = 0; i < size; i++)
        {
            Sex? sex = plan.Course.Mostly is { } s && Chance(0.9) ? s : null;
            var (min, max) = plan.Course.Young && Chance(0.6) ? (16, 25) : Chance(0.95) ? (18, 55) : (16, 59);
            if (Pick(p => (sex is null || p.Sex == sex) && Age(p, cls.StartDate) is var a && a >= min && a <= max && !here.Contains(p.Id)
                          && Free(p.Id, cls.StartDate, cls.EndDate)) is not { } person) continue;
            here.Add(person.Id);
            if (!_training.TryGetValue(person.Id, out var taken)) _training[person.Id] = taken = [];
            taken.Add((cls.StartDate, cls.EndDate));
            var e = new Enrolment { PersonId = person.Id, EnrolledUtc = Utc(cls.StartDate.AddDays(-_rnd.Next(3, 15))), EnrolledBy = Staff };
            if (cls.StartDate.AddDays(4) < _today && Chance(0.03))
                (e.Status, e.WithdrawnUtc, e.WithdrawReason) = (EnrolmentStatus.Withdrawn, Utc(cls.StartDate.AddDays(_rnd.Next(1, 4))), OneOf(WithdrawReasons));
            plan.Trainees.Add(new Trainee(person, e));
        }
        cls.Capacity = Math.Max(40, (plan.Trainees.Count + 9) / 5 * 5);
    }

    /// <summary>The class's lifecycle as the entity allows it, sessions and attendance, results at the end, certificates after.</summary>
    void Run(ClassPlan plan)
    {
        var cls = plan.Class;
        var s = cls.StartDate;
        Must(cls.Apply(ClassAction.Submit, false, null, Staff, Utc(s.AddDays(-21))));
        if (Chance(0.05))
        {
            Must(cls.Apply(ClassAction.Return, true, OneOf(ReturnReasons), "county", Utc(s.AddDays(-18))));
            Must(cls.Apply(ClassAction.Submit, false, null, Staff, Utc(s.AddDays(-15))));
        }
        Must(cls.Apply(ClassAction.Approve, true, null, "county", Utc(s.AddDays(-10))));
        Must(cls.Apply(ClassAction.Start, false, null, Staff, Utc(s)));
        Schedule(plan);
        if (cls.EndDate >= _today) return; // still in progress
        foreach (var t in plan.Trainees.Where(t => t.Active))
        {
            var passed = t.AttendancePercent >= 80 ? Chance(0.93) : Chance(0.4);
            Must(t.Enrolment.RecordResult(cls, passed, passed ? _rnd.Next(60, 99) : _rnd.Next(35, 60), cls.EndDate));
        }
        Must(cls.Apply(ClassAction.Complete, false, null, Staff, Utc(cls.EndDate.AddDays(1))));
        if (cls.EndDate.AddDays(90) < _today) Must(cls.Apply(ClassAction.Close, true, null, "county", Utc(cls.EndDate.AddDays(90))));
        Certify(plan);
    }

    /// <summary>Up to ten sessions over the class's weekdays; attendance taken for those on or before today.</summary>
    void Schedule(ClassPlan plan)
    {
        var cls = plan.Class;
        var days = new List<DateOnly>();
        for (var d = cls.StartDate; d <= cls.EndDate; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        var n = Math.Min(10, days.Count);
        var picked = Enumerable.Range(0, n).Select(i => days[n == 1 ? 0 : i * (days.Count - 1) / (n - 1)]).Distinct().ToList();
        var ending = cls.EndDate < _today;
        foreach (var (d, i) in picked.Select((d, i) => (d, i)))
            plan.Sessions.Add(new TrainingSession
            {
                Date = d, Hours = 6, StartTime = new TimeOnly(8, 30), EndTime = new TimeOnly(16, 30), Teacher = cls.Teachers?.Split('（')[0],
                Topic = i == 0 ? "开班仪式与职业道德" : ending && i == picked.Count - 1 ? "结业考核" : i % 2 == 1 ? $"理论教学 {i / 2 + 1}" : $"实操训练 {i / 2}",
                AttendanceTakenUtc = d <= _today ? Utc(d, 9) : null,
            });
        cls.Hours = Math.Max(1, plan.Sessions.Count) * 6;
        var taken = plan.Sessions.Where(x => x.AttendanceTakenUtc is not null).ToList();
        foreach (var t in plan.Trainees)
        {
            var p = Chance(0.85) ? 0.98 : Chance(0.8) ? 0.88 : 0.6;
            var until = t.Enrolment.WithdrawnUtc is { } w ? DateOnly.FromDateTime(w) : DateOnly.MaxValue;
            t.Taken = taken.Count;
            t.Present = taken.TakeWhile(x => x.Date < until).Select(_ => Chance(p)).ToArray();
        }
    }

    /// <summary>Most subsidised classes and a few others are assessed: every passed trainee gets the class's certificate 1-3 weeks after the end
    /// (职业技能等级证书 at the class's level; 专项职业能力证书 for an ability without levels; 培训合格证 for entrepreneurship training).</summary>
    void Certify(ClassPlan plan)
    {
        var (cls, occ, course) = (plan.Class, plan.Occupation, plan.Course);
        // Assessed as often as keeps the certificates near the reference county's (~2,750 of 11,000 trained from classes), mostly subsidised classes.
        if (_certified >= CertifiedShare * _trained || !Chance(course.Subsidised ? 0.9 : 0.3)) return;
        var on = cls.EndDate.AddDays(_rnd.Next(7, 26));
        if (on > _today) return;
        plan.CertifiedOn = on;
        var kind = cls.Level != SkillLevel.None ? CertificateKind.SkillLevel
            : occ.CertificateKinds.HasFlag(CertificateKinds.SpecialAbility) ? CertificateKind.SpecialAbility : CertificateKind.TrainingCompletion;
        var institution = _institutions.FindIndex(i => i.Id == cls.InstitutionId);
        foreach (var t in plan.Trainees.Where(t => t.Enrolment.Passed == true))
        {
            t.Certificate = NewCertificate(t.Person.Id, kind, occ, cls.Level, on, institution, CertificateSource.Class, cls.InstitutionId);
            _certified++;
        }
    }

    Certificate NewCertificate(long person, CertificateKind kind, Occupation occ, SkillLevel level, DateOnly on, int institution, CertificateSource source, long? institutionId)
    {
        level = kind == CertificateKind.SkillLevel ? level : SkillLevel.None;
        var number = kind switch
        {
            CertificateKind.SkillLevel => $"S{1000 + institution:D4}41{910000 + institution:D6}{on:yy}{(int)level}{++_serial:D6}",
            CertificateKind.SpecialAbility => $"ZXH41992{on:yy}{++_serial:D6}",
            _ => PublicCodes.NewCompletionNumber(on.Year),
        };
        if (Certificate.Check(kind, level, number, on, _today, occ) is { } wrong) throw new InvalidOperationException($"{wrong.Code}: {wrong.Message}");
        return new Certificate
        {
            PersonId = person, Kind = kind, OccupationId = occ.Id, OccupationName = occ.Name, Level = level, Number = number, IssuedOn = on,
            Issuer = kind switch
            {
                CertificateKind.SkillLevel => "禾丰县职业技能等级认定中心", CertificateKind.SpecialAbility => "禾丰县人力资源和社会保障局",
                _ => institution >= 0 ? _institutions[institution].Name : "禾丰县人社局就业培训中心",
            },
            InstitutionId = institutionId, Source = source, CreatedUtc = Utc(on), CreatedBy = source == CertificateSource.Class ? Staff : "county",
        };
    }

    /// <summary>Certificates people brought from elsewhere (assessed by another body, registered by the county).</summary>
    async Task<int> OtherCertificatesAsync(CancellationToken ct)
    {
        var leveled = _occupations.Values.Where(o => o.Levels.Count > 0).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        var rows = new List<Certificate>();
        var n = Share(OtherCertificatesPerYear, _from, _today);
        for (var i = 0; i < n && leveled.Count > 0; i++)
        {
            var on = Between(_from, _today);
            if (Pick(p => Age(p, on) is >= 18 and <= 55) is not { } person) continue;
            var occ = OneOf(leveled);
            var level = Chance(0.3) && occ.Offers(SkillLevel.Intermediate) ? SkillLevel.Intermediate : occ.Levels.Max();
            rows.Add(NewCertificate(person.Id, CertificateKind.SkillLevel, occ, level, on, 999, CertificateSource.Manual, null));
        }
        await Store(rows, ct);
        return rows.Count;
    }

    async Task StoreTrainingAsync(List<ClassPlan> plans, CancellationToken ct)
    {
        var before = await _db.Classes.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        await Store(plans.Select(p => p.Class).ToList(), ct);
        var ids = await _db.Classes.Where(c => c.Id > before).OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (ids.Count != plans.Count || ids.Zip(plans).Any(x => x.First.Name != x.Second.Class.Name))
            throw new InvalidOperationException("The history's classes did not read back in the order they were written.");
        foreach (var (plan, row) in plans.Zip(ids)) plan.Id = row.Id;
        await Store(plans.SelectMany(p => p.Class.Transitions.Select(t => { t.ClassId = p.Id; return t; })).ToList(), ct);

        before = await _db.Enrolments.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        await Store(plans.SelectMany(p => p.Trainees.Select(t => { t.Enrolment.ClassId = p.Id; return t.Enrolment; })).ToList(), ct);
        var enrolments = await _db.Enrolments.Where(e => e.Id > before).Select(e => new { e.Id, e.ClassId, e.PersonId }).ToDictionaryAsync(e => (e.ClassId, e.PersonId), e => e.Id, ct);
        foreach (var p in plans) foreach (var t in p.Trainees) t.Id = enrolments[(p.Id, t.Person.Id)];

        before = await _db.Sessions.MaxAsync(s => (long?)s.Id, ct) ?? 0;
        await Store(plans.SelectMany(p => p.Sessions.Select(s => { s.ClassId = p.Id; return s; })).ToList(), ct);
        var sessions = await _db.Sessions.Where(s => s.Id > before).Select(s => new { s.Id, s.ClassId, s.Date }).ToDictionaryAsync(s => (s.ClassId, s.Date), s => s.Id, ct);
        await Store(plans.SelectMany(p =>
        {
            var taken = p.Sessions.Where(s => s.AttendanceTakenUtc is not null).ToList();
            return p.Trainees.SelectMany(t => t.Present.Select((present, i) => new AttendanceRecord
            {
                SessionId = sessions[(p.Id, taken[i].Date)], EnrolmentId = t.Id, Present = present, RecordedUtc = taken[i].AttendanceTakenUtc!.Value, RecordedBy = Staff,
            }));
        }).ToList(), ct);

        before = await _db.Certificates.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var issued = plans.SelectMany(p => p.Trainees.Where(t => t.Certificate is not null).Select(t => (p, t))).ToList();
        foreach (var (p, t) in issued) (t.Certificate!.ClassId, t.Certificate.EnrolmentId) = (p.Id, t.Id);
        await Store(issued.Select(x => x.t.Certificate!).ToList(), ct);
        var numbers = await _db.Certificates.Where(c => c.Id > before).Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Number, c => c.Id, ct);
        foreach (var (_, t) in issued) t.CertificateId = numbers[t.Certificate!.Number];
    }

    static void Must(Refusal? refusal)
    {
        if (refusal is not null) throw new InvalidOperationException($"The history broke a rule: {refusal.Code}: {refusal.Message}");
    }
}
