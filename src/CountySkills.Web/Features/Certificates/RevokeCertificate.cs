using FluentValidation;

namespace CountySkills.Web.Features.Certificates;

/// <summary>Revokes a certificate registered in error (POST /api/certificates/{id}/revoke {reason}); the record stays,
/// and the public verification page says it is revoked.</summary>
public static class RevokeCertificate
{
    public sealed record Command(string Reason, Guid? Version = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明撤销原因").MaximumLength(200).WithMessage("撤销原因不超过 200 个字");
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<CertificateView>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var c = await db.Certificates.Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return Result.NotFound("没有找到该证书");
            if (!user.IsCounty()) return Result.Forbidden("证书的撤销由县人社局业务人员办理");
            if (cmd.Version is { } v) db.Entry(c).Property(x => x.Version).OriginalValue = v;
            if (c.Revoke(cmd.Reason, clock.GetUtcNow().UtcDateTime) is { } refused) return Result.Refused(refused);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该证书已被他人修改，请刷新后重试"); }
            return (await CertificateView.Project(db.Certificates.Where(x => x.Id == id)).SingleAsync(ct)).Masked();
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/certificates/{id:long}/revoke",
            async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
        .WithName(nameof(RevokeCertificate)).ProducesValidationProblem().RequirePermission(Perm.CertificatesCounty);
}
