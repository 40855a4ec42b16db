using CountySkills.Web.Features.Training;
using FluentValidation;

namespace CountySkills.Web.Features.Certificates;

/// <summary>
/// Certificates from a completed class's results (POST /api/training/classes/{id}/certificates): every trainee who
/// passed and holds none from this class gets one. 培训合格证 are numbered by the system (random, <see cref="PublicCodes.NewCompletionNumber"/>); for the other kinds the
/// numbers the assessing body printed come in `numbers` (enrolmentId → number), and trainees without one are skipped.
/// </summary>
public static class IssueClassCertificates
{
    public sealed record Numbered(long EnrolmentId, string Number);

    public sealed record Command
    {
        public CertificateKind Kind { get; set; } = CertificateKind.TrainingCompletion;
        public string Issuer { get; set; } = "";
        public DateOnly IssuedOn { get; set; }
        public SkillLevel? Level { get; set; }
        public List<Numbered>? Numbers { get; set; }
        /// <summary>Only for POST /api/certificates/from-class.</summary>
        public long? ClassId { get; set; }
    }

    public sealed record Skipped(long EnrolmentId, string Name, string Code, string Reason);
    public sealed record Outcome(IReadOnlyList<CertificateView> Issued, IReadOnlyList<Skipped> Skipped);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage("证书类别无效");
            RuleFor(x => x.Issuer).NotEmpty().WithMessage("请填写发证机构").MaximumLength(100).WithMessage("发证机构不超过 100 个字");
            RuleFor(x => x.IssuedOn).NotEqual(default(DateOnly)).WithMessage("请填写发证日期");
            RuleForEach(x => x.Numbers).Must(n => n is not null && !string.IsNullOrWhiteSpace(n.Number)).WithMessage("每条证书编号须有 enrolmentId 和 number");
            RuleFor(x => x.Numbers).NotEmpty().When(x => x.Kind != CertificateKind.TrainingCompletion)
                .WithMessage("职业技能等级证书等须逐人填写证书编号（numbers）；系统只为培训合格证自动编号");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<Outcome>> Handle(long classId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var cls = found.Value!;
            if (cls.Status is not (ClassStatus.Completed or ClassStatus.Closed))
                return Result.Refused(new Refusal("certificate.class_not_completed", $"培训班当前为“{Zh.Of(cls.Status)}”，结业后才能按考核结果发证"));
            var numbers = (cmd.Numbers ?? []).GroupBy(n => n.EnrolmentId).ToDictionary(g => g.Key, g => g.Last().Number);
            var trainees = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active)
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.Passed, e.Person!.IdNumber, e.Person.Name, Has = db.Certificates.Any(c => c.EnrolmentId == e.Id && c.Kind == cmd.Kind && c.RevokedUtc == null) })
                .ToListAsync(ct);
            var unknown = numbers.Keys.Except(trainees.Select(t => t.Id)).ToList();
            if (unknown.Count > 0) return Result.Invalid("numbers", $"报名记录 {string.Join("、", unknown)} 不是本班在册学员");
            var level = cmd.Level ?? (cmd.Kind is CertificateKind.TrainingCompletion or CertificateKind.SpecialAbility ? SkillLevel.None : cls.Level);
            if (level != SkillLevel.None && level != cls.Level)
                return Result.Invalid("level", $"本班培训等级为“{Zh.Of(cls.Level)}”，按本班结果只能颁发该等级的证书");
            var book = new Registering(db, user, clock);
            var issued = new List<Certificate>();
            var skipped = new List<Skipped>();
            foreach (var t in trainees)
            {
                if (t.Passed != true) { skipped.Add(new(t.Id, t.Name, "certificate.not_passed", t.Passed is null ? "未登记考核结果" : "考核未通过")); continue; }
                if (t.Has) { skipped.Add(new(t.Id, t.Name, "certificate.already_issued", "已凭本班取得该类证书")); continue; }
                var given = numbers.GetValueOrDefault(t.Id);
                if (given is null && cmd.Kind != CertificateKind.TrainingCompletion) { skipped.Add(new(t.Id, t.Name, "certificate.number", "没有提供证书编号")); continue; }
                // A number the system draws is random (ADR 0013); the rare draw of one already used is drawn again.
                Registering.Outcome o;
                var draws = 0;
                do
                {
                    var number = given ?? PublicCodes.NewCompletionNumber(cmd.IssuedOn.Year);
                    o = await book.DecideAsync(new Registering.Claim(t.IdNumber, null, cmd.Kind, cls.OccupationId, null, null, level, number, cmd.Issuer,
                        cmd.IssuedOn, classId, CertificateSource.Class), ct);
                }
                while (given is null && o.Refusal?.Code == "certificate.duplicate_number" && ++draws < 5);
                if (o.Refusal is { } r) skipped.Add(new(t.Id, t.Name, r.Code, r.Message));
                else issued.Add(o.Certificate!);
            }
            await db.SaveChangesAsync(ct);
            var ids = issued.Select(c => c.Id).ToArray();
            var views = await CertificateView.Project(db.Certificates.Where(c => EF.Parameter(ids).Contains(c.Id)).OrderBy(c => c.Id)).ToListAsync(ct);
            return new Outcome(views.Select(v => v.Masked()).ToList(), skipped);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/classes/{id:long}/certificates",
                async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(IssueClassCertificates)).ProducesValidationProblem().RequireWriters()
            .WithSummary("Issue certificates to the trainees of a completed class who passed");
        // The same, addressed from the certificates side: {"classId": N, ...}.
        api.MapPost("/certificates/from-class", async (Command cmd, Handler h, CancellationToken ct) => cmd.ClassId is { } classId
                ? (await h.Handle(classId, cmd, ct)).ToHttp()
                : (IResult)TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["classId"] = ["请指定培训班（classId）"] }, title: "提交的数据有误"))
            .WithName("IssueCertificatesFromClass").ProducesValidationProblem().RequireWriters();
    }
}
