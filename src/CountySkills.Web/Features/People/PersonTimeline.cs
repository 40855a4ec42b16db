namespace CountySkills.Web.Features.People;

/// <summary>
/// A person's journey on one timeline: ledger events now; training, certificates, subsidies, placements, follow-ups and
/// brand membership add their events here as those areas arrive. Merged records' histories are included.
/// </summary>
public static class PersonTimeline
{
    /// <summary>An entry: <see cref="Title"/> and <see cref="Detail"/> as text in the caller's language; <see cref="TitleLine"/> and
    /// <see cref="DetailLine"/> the same as a resource sentence with its values, so a page can mark the data in it.</summary>
    public sealed record Event(DateTime When, string Title, string? Detail, MudBlazor.Color Color, Line? TitleLine = null, Line? DetailLine = null);

    static Event E(DateTime when, Line title, Line? detail, MudBlazor.Color color) => new(when, title.Text(), detail?.Text(), color, title, detail);
    static Line T(string key, params object?[] args) => new(key, args);
    static Line D(string? data) => new("TL.Data", [data]);
    static Chrome W(string text) => new(text);
    static readonly Chrome None = new("");

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
                events.Add(E(clock.ToLocal(p.CreatedUtc), p.Id == id ? T("TL.Registered") : T("TL.DuplicateRegistered", p.Name),
                    batch is null ? null : T("TL.FromFile", batch), MudBlazor.Color.Primary));
                if (p.WorkingSince is { } since)
                    events.Add(E(since.ToDateTime(TimeOnly.MinValue), T("TL.StartedWork", $"{p.WorkProvince}{p.WorkCity} {p.Employer}".Trim()), p.Industry is null ? null : D(p.Industry), MudBlazor.Color.Success));
                if (p.MergedUtc is { } merged)
                    events.Add(E(clock.ToLocal(merged), T("TL.Merged", p.Name, IdNumber.Mask(p.IdNumber)), null, MudBlazor.Color.Warning));
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
                    ? E(clock.ToLocal(a.AtUtc), T("TL.FromPlacement", source), D(string.Join("、", fields)), MudBlazor.Color.Info)
                    : E(clock.ToLocal(a.AtUtc), T("TL.Changed", a.UserName), D(string.Join("、", fields)), MudBlazor.Color.Default));
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
                events.Add(E(clock.ToLocal(c.EnrolledUtc), T("TL.Enrolled", c.Class),
                    T("TL.EnrolledDetail", c.Institution, c.Occupation, W(Words.Of(c.Level)), c.StartDate.ToString("yyyy-MM-dd"), c.EndDate.ToString("yyyy-MM-dd"), c.Subsidised ? T("Ui.Subsidised") : None), MudBlazor.Color.Info));
                if (c.Status == EnrolmentStatus.Withdrawn && c.WithdrawnUtc is { } w)
                    events.Add(E(clock.ToLocal(w), T("TL.Withdrew", c.Class), null, MudBlazor.Color.Warning));
                else if (c.ClassStatus is ClassStatus.Completed or ClassStatus.Closed || c.Passed is not null)
                {
                    var rate = Training.Roster.Rate(c.Attended, c.Taken);
                    var result = T(c.Passed switch { true => "TL.Passed", false => "TL.Failed", _ => "TL.NoResult" });
                    events.Add(E(c.EndDate.ToDateTime(new TimeOnly(18, 0)), T("TL.Completed", c.Class),
                        T("TL.CompletedDetail", rate is { } r ? T("TL.Rate", r, c.Attended, c.Taken) : T("Ui.NoAttendance"), result, c.Score is { } sc ? T("TL.Score", sc) : None),
                        c.Passed == true ? MudBlazor.Color.Success : MudBlazor.Color.Default));
                }
            }
            var certs = await db.Certificates.AsNoTracking().Where(c => EF.Parameter(personIds).Contains(c.PersonId))
                .Select(c => new { c.Kind, c.OccupationName, c.Level, c.Number, c.Issuer, c.IssuedOn, c.RevokedUtc }).ToListAsync(ct);
            foreach (var c in certs)
                events.Add(E(c.IssuedOn.ToDateTime(new TimeOnly(12, 0)), T("TL.Certificate", W(Words.Of(c.Kind)), c.OccupationName, c.Level == SkillLevel.None ? None : W(" " + Words.Of(c.Level))),
                    T("TL.CertificateDetail", c.Number, c.Issuer, c.RevokedUtc is null ? None : T("TL.Revoked")), c.RevokedUtc is null ? MudBlazor.Color.Success : MudBlazor.Color.Error));
        }

        /// <summary>Placements (start, end) and their follow-ups with what was found.</summary>
        async Task AddEmploymentAsync(AppDbContext db, long[] personIds, List<Event> events, CancellationToken ct)
        {
            var placements = await db.Placements.AsNoTracking().Include(p => p.FollowUps).Where(p => EF.Parameter(personIds).Contains(p.PersonId)).ToListAsync(ct);
            foreach (var p in placements)
            {
                events.Add(E(p.StartDate.ToDateTime(new TimeOnly(9, 0)), T("TL.Placed", p.City, p.EmployerName, p.Position is { } pos ? T("TL.Position", pos) : None),
                    T("TL.PlacedDetail", W(Words.Of(p.Band)), new Money(p.MonthlyWageFen), T(p.Organised ? "TL.Organised" : "TL.SelfFound")), MudBlazor.Color.Success));
                if (p.EndedOn is { } ended)
                    events.Add(E(ended.ToDateTime(new TimeOnly(18, 0)), T("TL.Ended", p.EmployerName), p.EndReason is null ? null : D(p.EndReason), MudBlazor.Color.Warning));
                foreach (var f in p.FollowUps.Where(f => f.DoneOn is not null))
                {
                    var problems = Employment.PlacementView.ProblemsOf(f.Problems);
                    events.Add(E(f.DoneOn!.Value.ToDateTime(new TimeOnly(15, 0)), T("TL.FollowUp", f.Months, f.ByEmployer ? T("TL.ByEmployer") : None),
                        T("TL.FollowUpDetail", f.StillEmployed == true ? T("TL.AtWork", T(f.SameEmployer == true ? "TL.SameEmployer" : "TL.OtherEmployer"), f.WageFen is { } w ? T("TL.Wage", new Money(w)) : None) : T("Ui.NotAtWork"),
                            problems.Count > 0 ? T("TL.Problems", W(string.Join(Say.English ? ", " : "、", problems))) : None),
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
                events.Add(E(m.JoinedOn.ToDateTime(new TimeOnly(10, 0)), T("TL.JoinedBrand", m.Brand), null, MudBlazor.Color.Primary));
                foreach (var h in m.StarHistory)
                    events.Add(E(clock.ToLocal(h.AtUtc), T("TL.StarRated", m.Brand, W(Words.Of(h.From)), W(Words.Of(h.To))),
                        h.To == h.Proposed ? T("TL.AsProposed") : T("TL.ProposedReason", W(Words.Of(h.Proposed)), h.Reason), MudBlazor.Color.Warning));
                if (m.RevokedUtc is { } r) events.Add(E(clock.ToLocal(r), T("TL.LeftBrand", m.Brand), m.RevokeReason is null ? null : D(m.RevokeReason), MudBlazor.Color.Default));
            }
            foreach (var c in await db.Cases.AsNoTracking().Where(c => EF.Parameter(personIds).Contains(c.PersonId)).Select(c => new { c.Title, c.CreatedUtc }).ToListAsync(ct))
                events.Add(E(clock.ToLocal(c.CreatedUtc), T("TL.Case", c.Title), null, MudBlazor.Color.Primary));
            var businesses = await db.Businesses.AsNoTracking().Where(b => EF.Parameter(personIds).Contains(b.FounderId))
                .Select(b => new { b.Name, b.Kind, b.StartDate, b.JobsCreated, Incubator = b.Incubator!.Name }).ToListAsync(ct);
            foreach (var b in businesses)
                events.Add(E(b.StartDate.ToDateTime(new TimeOnly(10, 0)), T("TL.Business", b.Name, W(Words.Of(b.Kind))),
                    T("TL.BusinessDetail", b.JobsCreated, b.Incubator is { } i ? T("TL.InIncubator", i) : None), MudBlazor.Color.Success));
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
                var verdict = l.Eligible ? T("TL.Eligible", new Money(l.AmountFen + l.AssessmentFen))
                    : T("TL.Ineligible", W(string.Join(Say.English ? ", " : "、", l.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Say.Reason))));
                object decision = l.Decision == LineDecision.Pending ? W(Words.Of(l.Status)) : T("TL.Decided", W(Words.Of(l.Decision)), l.DecisionReason is { } r ? T("TL.Paren", r) : None);
                object paid = l.Payment == PaymentState.None ? None : T("TL.Paid", W(Words.Of(l.Payment)), W(l.PaidOn is { } d ? " " + d.ToString("yyyy-MM-dd") : ""));
                events.Add(E(clock.ToLocal(l.SubmittedUtc ?? l.CreatedUtc), T("TL.Claim", l.Occupation, l.Level == SkillLevel.None ? None : W(" " + Words.Of(l.Level))),
                    T("TL.ClaimDetail", l.Number, l.Institution, verdict, decision, paid),
                    l.Decision == LineDecision.Rejected || !l.Eligible ? MudBlazor.Color.Error : l.Payment == PaymentState.Paid ? MudBlazor.Color.Success : MudBlazor.Color.Info));
            }
            var old = await db.HistoricSubsidies.AsNoTracking().Where(h => EF.Parameter(idNumbers).Contains(h.IdNumber)).ToListAsync(ct);
            foreach (var h in old)
                events.Add(E(h.PaidOn.ToDateTime(new TimeOnly(12, 0)), T("TL.Historic", h.OccupationName, h.Level == SkillLevel.None ? None : W(" " + Words.Of(h.Level))),
                    T("TL.HistoricDetail", new Money(h.AmountFen), h.InstitutionName, h.CertificateNumber is { } n ? T("TL.CertNo", n) : None), MudBlazor.Color.Success));
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/people/{id:long}/timeline",
            async (long id, Handler h, CancellationToken ct) => (await h.Handle(id, ct)).ToHttp())
        .WithName(nameof(PersonTimeline)).WithSummary("A person's journey: ledger, classes with attendance and results, certificates");
}
