namespace CountySkills.Web.Features.Subsidies;

/// <summary>A pattern a reviewer should look at before deciding: not a refusal, a pointer with the lines it concerns.</summary>
public sealed record FraudSignal(string Code, string Title, string Detail, IReadOnlyList<long> LineIds);

/// <summary>
/// The fraud signals of a claim: a trainee claimed by another institution for overlapping dates, attendance recorded on a day
/// the class had no session, many trainees sharing one phone, a certificate issued before the class ended.
/// </summary>
public static class FraudSignals
{
    public const string ClaimedTwice = "claimed_by_two_institutions", AttendanceWithoutSession = "attendance_on_day_without_session",
        SharedPhone = "shared_phone", CertificateBeforeEnd = "certificate_before_class_end", NoticeBackdated = "notice_backdated";

    public static async Task<List<FraudSignal>> ForAsync(AppDbContext db, SubsidyClaim claim, TrainingClass cls, SubsidyRules rules, TimeProvider clock, CancellationToken ct)
    {
        var signals = new List<FraudSignal>();
        var lines = claim.Lines.Where(l => l.Decision != LineDecision.Rejected).ToList();
        var byPerson = lines.ToDictionary(l => l.PersonId, l => l.Id);
        var personIds = byPerson.Keys.ToArray();
        var names = await db.People.Where(p => EF.Parameter(personIds).Contains(p.Id)).Select(p => new { p.Id, p.Name, p.Phone })
            .ToDictionaryAsync(p => p.Id, ct);

        var (start, end) = (cls.StartDate, cls.EndDate);
        // The same human may sit in the ledger twice (a duplicate merged later): the other record's claims count too.
        var (rootOfGiven, rootOf) = await SubsidyHistory.SameHumansAsync(db, personIds, ct);
        var lineOfRoot = rootOfGiven.GroupBy(x => x.Value).ToDictionary(g => g.Key, g => byPerson[g.First().Key]);
        var everyone = rootOf.Keys.ToArray();
        var twice = await db.ClaimLines.Where(l => EF.Parameter(everyone).Contains(l.PersonId) && l.ClaimId != claim.Id && l.Decision != LineDecision.Rejected)
            .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { l.PersonId, c.Number, c.InstitutionId, Institution = c.Institution!.Name, c.Class!.StartDate, c.Class.EndDate })
            .Where(x => x.InstitutionId != claim.InstitutionId && x.StartDate <= end && start <= x.EndDate).ToListAsync(ct);
        if (twice.Count > 0)
            signals.Add(new(ClaimedTwice, "同一人被两家机构申报（培训时间重叠）",
                string.Join("；", twice.Select(x => $"{names[LineOwner(x.PersonId)].Name}：{x.Institution} {x.Number}（{x.StartDate:yyyy-MM-dd}–{x.EndDate:yyyy-MM-dd}）")),
                twice.Select(x => lineOfRoot[rootOf[x.PersonId]]).Distinct().ToList()));
        long LineOwner(long personId) => lines.Single(l => l.Id == lineOfRoot[rootOf[personId]]).PersonId;

        var sessions = await db.Sessions.Where(s => s.ClassId == cls.Id).Select(s => new { s.Id, s.Date }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToArray();
        var marks = await db.Attendance.Where(a => EF.Parameter(sessionIds).Contains(a.SessionId))
            .Select(a => new { a.EnrolmentId, a.RecordedUtc }).ToListAsync(ct);
        var days = sessions.Select(s => s.Date).ToHashSet();
        var odd = marks.Select(m => new { m.EnrolmentId, Day = DateOnly.FromDateTime(clock.ToLocal(m.RecordedUtc)) }).Where(m => !days.Contains(m.Day)).ToList();
        if (odd.Count > 0)
        {
            var lineOf = lines.ToDictionary(l => l.EnrolmentId, l => l.Id);
            signals.Add(new(AttendanceWithoutSession, "考勤记录于无课日",
                $"{odd.Count} 条考勤记录于本班没有课次的日期（{string.Join("、", odd.Select(o => o.Day).Distinct().Order().Take(5).Select(d => d.ToString("yyyy-MM-dd")))}{(odd.Select(o => o.Day).Distinct().Count() > 5 ? " 等" : "")}），可能为事后补录",
                odd.Where(o => lineOf.ContainsKey(o.EnrolmentId)).Select(o => lineOf[o.EnrolmentId]).Distinct().ToList()));
        }

        foreach (var g in names.Values.Where(p => p.Phone is { Length: > 0 }).GroupBy(p => p.Phone!).Where(g => g.Count() >= rules.SharedPhoneThreshold))
            signals.Add(new(SharedPhone, "多名学员共用一个手机号",
                $"{g.Count()} 名学员登记同一手机号 {Phone.Mask(g.Key)}：{string.Join("、", g.Select(p => p.Name))}", g.Select(p => byPerson[p.Id]).ToList()));

        var early = lines.Where(l => l.CertificateIssuedOn is { } d && d < end).ToList();
        if (early.Count > 0)
            signals.Add(new(CertificateBeforeEnd, "证书发证日期早于结业日期",
                $"培训班 {end:yyyy-MM-dd} 结业，{string.Join("；", early.Select(l => $"{names.GetValueOrDefault(l.PersonId)?.Name} 的证书 {l.CertificateNumber} 发证于 {l.CertificateIssuedOn:yyyy-MM-dd}"))}",
                early.Select(l => l.Id).ToList()));
        if (claim.NoticeBackdated)
            signals.Add(new(NoticeBackdated, "公示为补录",
                $"公示期 {claim.NoticeStartsOn:yyyy-MM-dd} 至 {claim.NoticeEndsOn:yyyy-MM-dd}，于 {clock.ToLocal(claim.NoticePublishedUtc!.Value):yyyy-MM-dd HH:mm} 才录入系统："
                + (claim.Transitions.LastOrDefault(t => t.Action == ClaimAction.Publish)?.Reason ?? ""), []));
        return signals;
    }
}
