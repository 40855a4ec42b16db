using FluentValidation;

namespace CountySkills.Web.Features.Certificates;

/// <summary>Registers one certificate by hand (POST /api/certificates).</summary>
public static class RegisterCertificate
{
    public sealed record Command
    {
        public string IdNumber { get; set; } = "";
        public string? Name { get; set; }
        public CertificateKind Kind { get; set; } = CertificateKind.SkillLevel;
        public long? OccupationId { get; set; }
        public string? OccupationCode { get; set; }
        public string? OccupationName { get; set; }
        public SkillLevel Level { get; set; }
        public string Number { get; set; } = "";
        public string Issuer { get; set; } = "";
        public DateOnly IssuedOn { get; set; }
        public long? ClassId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.IdNumber).ValidIdNumber(clock, "请填写持证人身份证号");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("证书类别无效");
            RuleFor(x => x.Level).IsInEnum().WithMessage("等级无效");
            RuleFor(x => x.Number).NotEmpty().WithMessage("请填写证书编号").MaximumLength(40).WithMessage("证书编号不超过 40 个字符");
            RuleFor(x => x.Issuer).NotEmpty().WithMessage("请填写发证机构").MaximumLength(100).WithMessage("发证机构不超过 100 个字");
            RuleFor(x => x.IssuedOn).NotEqual(default(DateOnly)).WithMessage("请填写发证日期");
            RuleFor(x => x.OccupationName).MaximumLength(50).WithMessage("职业名称不超过 50 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<CertificateView>> Handle(Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var id = Domain.IdNumber.Parse(cmd.IdNumber, clock.Today());
            var outcome = await new Registering(db, user, clock).DecideAsync(new Registering.Claim(id.Value, cmd.Name?.Trim(), cmd.Kind, cmd.OccupationId,
                cmd.OccupationCode, cmd.OccupationName, cmd.Level, cmd.Number, cmd.Issuer, cmd.IssuedOn, cmd.ClassId), ct);
            if (outcome.Refusal is { } r)
                return outcome.Forbidden ? Result.Forbidden(r.Message) with { Code = r.Code }
                    : r.Code == "certificate.duplicate_number" ? Result.Refused(r) : Result.Refused(r, outcome.Field ?? "number");
            await db.SaveChangesAsync(ct);
            return (await CertificateView.Project(db.Certificates.Where(c => c.Id == outcome.Certificate!.Id)).SingleAsync(ct)).Masked();
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates", async (Command cmd, Handler h, CancellationToken ct) =>
            (await h.Handle(cmd, ct)).ToHttp(v => TypedResults.Created($"/api/certificates/{v.Id}", v)))
        .WithName(nameof(RegisterCertificate)).ProducesValidationProblem()
        .RequirePermission(Perm.CertificatesWrite);
}
