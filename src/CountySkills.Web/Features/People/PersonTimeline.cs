namespace CountySkills.Web.Features.People;

/// <summary>
/// A person's journey on one timeline: ledger events now; training, certificates, subsidies, placements, follow-ups and
/// brand membership add their events here as those areas arrive. Merged records' histories are included.
/// </summary>
public static class PersonTimeline
{
    public sealed record Event(DateTime When, string Title, string? Detail, MudBlazor.Color Color);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        /// <summary>The events, newest first; "not found" for an unknown id and for a person outside the caller's scope alike.</summary>
        public async Task<Result<IReadOnlyList<Event>>> Handle(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            // Two index seeks (UNION ALL): "Id = x OR MergedIntoId = x" makes SQLite scan the whole ledger.
            var people = await db.People.AsNoTracking().Where(p => p.Id == id).Concat(db.People.AsNoTracking().Where(p => p.MergedIntoId == id)).ToListAsync(ct);
            var person = people.SingleOrDefault(p => p.Id == id);
            if (!user.Finds(person)) return PersonScope.NotFound();
            var keys = people.Select(p => p.Id.ToString()).ToList();
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Entity == nameof(Person) && keys.Contains(a.EntityKey) && a.Action != AuditEntry.Reveal)
                .OrderBy(a => a.Id).Take(200).ToListAsync(ct);
            var events = new List<Event>();
            foreach (var p in people)
            {
                var batch = p.ImportBatchId is { } b ? await db.ImportBatches.Where(x => x.Id == b).Select(x => x.FileName).FirstOrDefaultAsync(ct) : null;
                events.Add(new Event(clock.ToLocal(p.CreatedUtc), p.Id == id ? "登记入台账" : $"重复记录 {p.Name} 登记入台账",
                    batch is null ? null : $"来自导入文件 {batch}", MudBlazor.Color.Primary));
                if (p.WorkingSince is { } since)
                    events.Add(new Event(since.ToDateTime(TimeOnly.MinValue), $"开始务工：{p.WorkProvince}{p.WorkCity} {p.Employer}".Trim(), p.Industry, MudBlazor.Color.Success));
                if (p.MergedUtc is { } merged)
                    events.Add(new Event(clock.ToLocal(merged), $"重复记录 {p.Name}（{IdNumber.Mask(p.IdNumber)}）合并到本人", null, MudBlazor.Color.Warning));
            }
            await AddTrainingAsync(db, people.Select(p => p.Id).ToArray(), events, ct);
            await AddSubsidiesAsync(db, people.Select(p => p.Id).ToArray(), people.Select(p => p.IdNumber).ToArray(), events, ct);
            await AddEmploymentAsync(db, people.Select(p => p.Id).ToArray(), events, ct);
            await AddBrandsAndBusinessesAsync(db, people.Select(p => p.Id).ToArray(), events, ct);
            foreach (var a in audit.Where(a => a.Action == AuditEntry.Update))
            {
                var changes = Admin.AuditChanges.Parse(a.Changes).ToList();
                var source = changes.Where(c => c.Field == "Source").Select(c => c.To).FirstOrDefault();
                var fields = changes.Select(c => c.Field).Where(f => f is not (nameof(Entity.Version) or "Source")).ToList();
                if (fields.Count == 0) continue;
                events.Add(Person.FromPlacement(source)
                    ? new Event(clock.ToLocal(a.AtUtc), $"台账就业信息随就业记录更新（{source}）", string.Join("、", fields), MudBlazor.Color.Info)
                    : new Event(clock.ToLocal(a.AtUtc), $"{a.UserName} 修改了信息", string.Join("、", fields), MudBlazor.Color.Default));
            }
            return Result<IReadOnlyList<Event>>.Of(events.OrderByDescending(e => e.When).ToList());
        }

        /// <summary>Classes (with attendance rate and result) and certificates.</summary>
        async Task AddTrainingAsync(AppDbContext db, long[] personIds, List<Event> events, CancellationToken ct)
        {
            var classes = await db.Enrolments.AsNoTracking().Where(e => EF.Parameter(personIds).Contains(e.PersonId)).Select(e => new
            {
                e.Id, e.EnrolledUtc, e.Status, e.WithdrawnUtc, e.Passed, e.Score, e.ClassId, Class = e.Class!.Name, Institution = e.Class.Institution!.Name,
                Occupation = e.Class.Occupation!.Name, e.Class.Level, e.Class.StartDate, e.Class.EndDate, ClassStatus = e.Class.Status, e.Class.Subsidised,
                Taken = db.Sessions.Count(s => s.ClassId == e.ClassId && s.AttendanceTakenUtc != null),
                Attended = db.Attendance.Count(a => a.EnrolmentId == e.Id && a.Present),
            }).ToListAsync(ct);
            foreach (var c in classes)
            {
                events.Add(new Event(clock.ToLocal(c.EnrolledUtc), $"报名参加培训：{c.Class}",
                    $"{c.Institution} · {c.Occupation} {Zh.Of(c.Level)} · {c.StartDate:yyyy-MM-dd} 至 {c.EndDate:yyyy-MM-dd}{(c.Subsidised ? " · 补贴性培训" : "")}", MudBlazor.Color.Info));
                if (c.Status == EnrolmentStatus.Withdrawn && c.WithdrawnUtc is { } w)
                    events.Add(new Event(clock.ToLocal(w), $"退出培训：{c.Class}", null, MudBlazor.Color.Warning));
                else if (c.ClassStatus is ClassStatus.Completed or ClassStatus.Closed || c.Passed is not null)
                {
                    var rate = Training.Roster.Rate(c.Attended, c.Taken);
                    var result = c.Passed switch { true => "考核合格", false => "考核不合格", _ => "未登记考核结果" };
                    events.Add(new Event(c.EndDate.ToDateTime(new TimeOnly(18, 0)), $"培训结业：{c.Class}",
                        $"出勤率 {(rate is { } r ? $"{r}%（{c.Attended}/{c.Taken} 次）" : "未考勤")} · {result}{(c.Score is { } sc ? $"，成绩 {sc}" : "")}",
                        c.Passed == true ? MudBlazor.Color.Success : MudBlazor.Color.Default));
                }
            }
            var certs = await db.Certificates.AsNoTracking().Where(c => EF.Parameter(personIds).Contains(c.PersonId))
                .Select(c => new { c.Kind, c.OccupationName, c.Level, c.Number, c.Issuer, c.IssuedOn, c.RevokedUtc }).ToListAsync(ct);
            foreach (var c in certs)
                events.Add(new Event(c.IssuedOn.ToDateTime(new TimeOnly(12, 0)), $"取得{Zh.Of(c.Kind)}：{c.OccupationName}{(c.Level == SkillLevel.None ? "" : " " + Zh.Of(c.Level))}",
                    $"编号 {c.Number} · {c.Issuer}{(c.RevokedUtc is null ? "" : " · 已撤销")}", c.RevokedUtc is null ? MudBlazor.Color.Success : MudBlazor.Color.Error));
        }

        /// <summary>Placements (start, end) and their follow-ups with what was found.</summary>
        async Task AddEmploymentAsync(AppDbContext db, long[] personIds, List<Event> events, CancellationToken ct)
        {
            var placements = await db.Placements.AsNoTracking().Include(p => p.FollowUps).Where(p => EF.Parameter(personIds).Contains(p.PersonId)).ToListAsync(ct);
            foreach (var p in placements)
            {
                events.Add(new Event(p.StartDate.ToDateTime(new TimeOnly(9, 0)), $"上岗就业：{p.City} {p.EmployerName}{(p.Position is { } pos ? " · " + pos : "")}",
                    $"{Zh.Of(p.Band)} · 月工资 {new Money(p.MonthlyWageFen)} 元 · {(p.Organised ? "组织化输出" : "自主就业")}", MudBlazor.Color.Success));
                if (p.EndedOn is { } ended)
                    events.Add(new Event(ended.ToDateTime(new TimeOnly(18, 0)), $"结束就业：{p.EmployerName}", p.EndReason, MudBlazor.Color.Warning));
                foreach (var f in p.FollowUps.Where(f => f.DoneOn is not null))
                {
                    var problems = Employment.PlacementView.ProblemsOf(f.Problems);
                    events.Add(new Event(f.DoneOn!.Value.ToDateTime(new TimeOnly(15, 0)), $"第 {f.Months} 个月跟踪回访{(f.ByEmployer ? "（用工单位确认）" : "")}",
                        (f.StillEmployed == true ? $"在岗{(f.SameEmployer == true ? "，同一单位" : "，已换单位")}{(f.WageFen is { } w ? $"，月工资 {new Money(w)} 元" : "")}" : "未在岗")
                        + (problems.Count > 0 ? "；问题：" + string.Join("、", problems) : ""),
                        problems.Count > 0 ? MudBlazor.Color.Error : MudBlazor.Color.Info));
                }
            }
        }

        /// <summary>Brand membership with its star history, and businesses founded.</summary>
        async Task AddBrandsAndBusinessesAsync(AppDbContext db, long[] personIds, List<Event> events, CancellationToken ct)
        {
            var members = await db.BrandMembers.AsNoTracking().Include(m => m.StarHistory).Where(m => EF.Parameter(personIds).Contains(m.PersonId))
                .Select(m => new { m.JoinedOn, Brand = m.Brand!.Name, m.RevokedUtc, m.RevokeReason, m.StarHistory }).ToListAsync(ct);
            foreach (var m in members)
            {
                events.Add(new Event(m.JoinedOn.ToDateTime(new TimeOnly(10, 0)), $"加入劳务品牌：{m.Brand}", null, MudBlazor.Color.Primary));
                foreach (var h in m.StarHistory)
                    events.Add(new Event(clock.ToLocal(h.AtUtc), $"{m.Brand} 星级评定：{Zh.Of(h.From)} → {Zh.Of(h.To)}",
                        h.To == h.Proposed ? "按系统建议评定" : $"系统建议{Zh.Of(h.Proposed)}，评定理由：{h.Reason}", MudBlazor.Color.Warning));
                if (m.RevokedUtc is { } r) events.Add(new Event(clock.ToLocal(r), $"退出劳务品牌：{m.Brand}", m.RevokeReason, MudBlazor.Color.Default));
            }
            foreach (var c in await db.Cases.AsNoTracking().Where(c => EF.Parameter(personIds).Contains(c.PersonId)).Select(c => new { c.Title, c.CreatedUtc }).ToListAsync(ct))
                events.Add(new Event(clock.ToLocal(c.CreatedUtc), $"入选典型案例：{c.Title}", null, MudBlazor.Color.Primary));
            var businesses = await db.Businesses.AsNoTracking().Where(b => EF.Parameter(personIds).Contains(b.FounderId))
                .Select(b => new { b.Name, b.Kind, b.StartDate, b.JobsCreated, Incubator = b.Incubator!.Name }).ToListAsync(ct);
            foreach (var b in businesses)
                events.Add(new Event(b.StartDate.ToDateTime(new TimeOnly(10, 0)), $"创业：{b.Name}（{Zh.Of(b.Kind)}）",
                    $"带动就业 {b.JobsCreated} 人{(b.Incubator is { } i ? "，入驻" + i : "")}", MudBlazor.Color.Success));
        }

        /// <summary>Every subsidy line with its verdict, decision and payment, and the subsidies imported from the old records.</summary>
        async Task AddSubsidiesAsync(AppDbContext db, long[] personIds, string[] idNumbers, List<Event> events, CancellationToken ct)
        {
            var lines = await db.ClaimLines.AsNoTracking().Where(l => EF.Parameter(personIds).Contains(l.PersonId))
                .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new
                {
                    c.Number, c.Status, c.CreatedUtc, c.SubmittedUtc, Institution = c.Institution!.Name, l.Eligible, l.AmountFen, l.AssessmentFen, l.Reasons,
                    l.Decision, l.DecisionReason, l.Payment, l.PaidOn, l.Level, Occupation = db.Occupations.Where(o => o.Id == l.OccupationId).Select(o => o.Name).First(),
                }).ToListAsync(ct);
            foreach (var l in lines)
            {
                var verdict = l.Eligible ? $"符合条件 {new Money(l.AmountFen + l.AssessmentFen)} 元"
                    : "不符合条件：" + string.Join("、", l.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SubsidyReason.Zh));
                var decision = l.Decision == LineDecision.Pending ? Zh.Of(l.Status) : $"审核{Zh.Of(l.Decision)}{(l.DecisionReason is { } r ? "（" + r + "）" : "")}";
                var paid = l.Payment == PaymentState.None ? "" : $" · {Zh.Of(l.Payment)}{(l.PaidOn is { } d ? " " + d.ToString("yyyy-MM-dd") : "")}";
                events.Add(new Event(clock.ToLocal(l.SubmittedUtc ?? l.CreatedUtc), $"培训补贴申请：{l.Occupation}{(l.Level == SkillLevel.None ? "" : " " + Zh.Of(l.Level))}",
                    $"{l.Number} · {l.Institution} · {verdict} · {decision}{paid}",
                    l.Decision == LineDecision.Rejected || !l.Eligible ? MudBlazor.Color.Error : l.Payment == PaymentState.Paid ? MudBlazor.Color.Success : MudBlazor.Color.Info));
            }
            var old = await db.HistoricSubsidies.AsNoTracking().Where(h => EF.Parameter(idNumbers).Contains(h.IdNumber)).ToListAsync(ct);
            foreach (var h in old)
                events.Add(new Event(h.PaidOn.ToDateTime(new TimeOnly(12, 0)), $"历史培训补贴（导入）：{h.OccupationName}{(h.Level == SkillLevel.None ? "" : " " + Zh.Of(h.Level))}",
                    $"{new Money(h.AmountFen)} 元 · {h.InstitutionName}{(h.CertificateNumber is { } n ? " · 证书 " + n : "")}", MudBlazor.Color.Success));
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/{id:long}/timeline",
            async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
        .WithName(nameof(PersonTimeline)).WithSummary("A person's journey: ledger, classes with attendance and results, certificates");
}
