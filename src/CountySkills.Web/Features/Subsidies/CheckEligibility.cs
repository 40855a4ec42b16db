using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// 补贴资格查询: POST /api/subsidies/eligibility {"idNumber", "occupationCode", "level", "certificateKind", "certificateIssuedOn",
/// "attendanceRate", "completed", "institutionId", "onDate"} → {"eligible", "amountFen", "reasons", "explanations"}, judged by
/// <see cref="Eligibility.Judge"/> exactly as claim lines are, against the person's whole history. Facts left out are not known
/// yet and are not judged (before enrolment there is no attendance); attendanceRate is a percentage (85) or a fraction (0.85).
/// </summary>
public static class CheckEligibility
{
    public sealed record Query
    {
        public string? IdNumber { get; set; }
        public string? OccupationCode { get; set; }
        public SkillLevel? Level { get; set; }
        public CertificateKind? CertificateKind { get; set; }
        public DateOnly? CertificateIssuedOn { get; set; }
        public decimal? AttendanceRate { get; set; }
        public bool? Completed { get; set; }
        public long? InstitutionId { get; set; }
        public DateOnly? OnDate { get; set; }
    }

    /// <summary>The verdict. <see cref="Name"/> (masked) and <see cref="InLedger"/> are told to county staff only: a school checks any
    /// county resident and is not told whether, or whom, the ledger holds for the ID (for it InLedger is always false).</summary>
    public sealed record Answer(bool Eligible, long AmountFen, long AssessmentFen, IReadOnlyList<string> Reasons, IReadOnlyList<string> Explanations,
        string? Name, bool InLedger, string OccupationName, string LevelName, string CertificateKindName, long RulesId, int SubsidiesSoFar);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.IdNumber!).ValidIdNumber(clock);
            RuleFor(x => x.OccupationCode).NotEmpty().WithMessage("请选择职业（工种）");
            RuleFor(x => x.Level).IsInEnum().WithMessage("等级应为 五级/初级工 … 一级/高级技师");
            RuleFor(x => x.CertificateKind).IsInEnum().WithMessage("证书类别应为 职业技能等级证书、职业资格证书、专项职业能力证书 或 培训合格证");
            RuleFor(x => x.AttendanceRate).InclusiveBetween(0, 100).WithMessage("出勤率应在 0 至 100（%）之间");
            RuleFor(x => x.CertificateIssuedOn).Must((q, d) => d is null || d <= (q.OnDate ?? clock.Today())).WithMessage("发证日期不能晚于查询日期");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, People.ExactSearch.Gate search, IValidator<Query> validator)
    {
        public async Task<Result<Answer>> Handle(Query q, CancellationToken ct)
        {
            if (await validator.Refuse(q, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            IdNumber.TryParse(q.IdNumber, today, out var id, out _);
            var code = q.OccupationCode!.Trim();
            var occupation = await db.Occupations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code || o.Name == code, ct);
            if (occupation is null) return Result.Invalid("occupationCode", $"职业目录中没有“{code}”");
            var level = q.Level ?? SkillLevel.None;
            var kind = q.CertificateKind ?? (level == SkillLevel.None ? CertificateKind.TrainingCompletion : CertificateKind.SkillLevel);
            if (kind is CertificateKind.SkillLevel or CertificateKind.Qualification && level == SkillLevel.None)
                return Result.Invalid("level", $"{Zh.Of(kind)}须注明等级");
            if (kind is CertificateKind.SpecialAbility or CertificateKind.TrainingCompletion) level = SkillLevel.None;
            else if (!occupation.Offers(level)) return Result.Invalid("level", $"{occupation.Name}没有“{Zh.Of(level)}”这一等级");
            var institutionId = q.InstitutionId ?? (user.IsInRole(Roles.InstitutionStaff) ? user.InstitutionId : null);
            Institution? institution = null;
            if (institutionId is { } iid && (institution = await db.Institutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == iid, ct)) is null)
                return Result.Invalid("institutionId", "没有找到该培训机构");

            // A check by full ID number is an exact search: counted against the caller's limit (it is audited below).
            if (await search.AdmitAsync(db, ct) is { } throttled) return throttled;
            var person = await db.People.AsNoTracking().Where(p => p.IdNumber == id.Value).Select(p => new { p.Id, p.Name, p.MergedIntoId }).SingleOrDefaultAsync(ct);
            var personId = person?.MergedIntoId ?? person?.Id;
            var name = personId is { } pid ? await db.People.Where(p => p.Id == pid).Select(p => p.Name).SingleAsync(ct) : null;
            var history = personId is { } known ? (await SubsidyHistory.ForPeopleAsync(db, [known], null, ct))[known] : await SubsidyHistory.ForIdNumberAsync(db, id.Value, ct);
            var rules = await SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct);
            var on = q.OnDate ?? today;
            var rate = q.AttendanceRate is { } r && r <= 1 ? r * 100 : q.AttendanceRate;
            var facts = new SubsidyFacts(id.BirthDate, occupation.Id, occupation.Name, level, kind, null, q.CertificateIssuedOn, rate, q.Completed,
                institution?.OnCatalogue, institution?.Name, on, on);
            var v = Eligibility.Judge(facts, history, rules);
            // A check shows someone's subsidy history to the asker: who asked about whom is kept for the auditors.
            db.AuditEntries.Add(People.RevealAudit.Of(user, clock, personId?.ToString() ?? IdNumber.Mask(id.Value),
                new { eligibility = IdNumber.Mask(id.Value), occupation = occupation.Code, level = level.ToString(), v.Eligible, reasons = v.Reasons }));
            await db.SaveChangesAsync(ct);
            // A school takes any county resident and is not told whether, or whom, the ledger holds for the ID (ADR 0015).
            var tell = name is not null && !search.Watches;
            return new Answer(v.Eligible, v.AmountFen, v.AssessmentFen, v.Reasons, v.Explanations, tell ? Person.MaskName(name!) : null, tell,
                occupation.Name, level == SkillLevel.None ? "—" : Words.Of(level), Words.Of(kind), rules.Id, history.Count);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subsidies/eligibility", async (Query q, Handler h, CancellationToken ct) => (await h.Handle(q, ct)).ToHttp())
            .WithName(nameof(CheckEligibility)).ProducesValidationProblem().RequireSubsidyWriters()
            .WithSummary("Whether a subsidy is still possible for a person, occupation and level, the amount, and if not why (the claim's reason codes)");
}
