using FluentValidation;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>Anyone may object to a subsidy notice while it runs, without signing in: POST /api/public/notices/{code}/objections
/// {contact, text, lineId?} (rate-limited), and the form of the public page /notices/{code}.</summary>
public static class FileObjection
{
    public sealed record Command(string? Contact, string? Text, long? LineId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Contact).NotEmpty().WithMessage("请留下联系方式（姓名和电话），以便调查核实")
                .MaximumLength(100).WithMessage("联系方式不超过 100 个字");
            RuleFor(x => x.Text).NotEmpty().WithMessage("请写明异议的内容和理由")
                .MinimumLength(5).WithMessage("异议内容至少 5 个字").MaximumLength(2000).WithMessage("异议内容不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<long>> Handle(string code, Command input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var id = await PublicNotices.Handler.ClaimOf(db, code, ct) ?? 0;
            var c = await db.Claims.SingleOrDefaultAsync(x => x.Id == id && x.NoticeStartsOn != null, ct);
            if (c is null) return Result.NotFound("没有找到该公示");
            if (!c.NoticeOpen(clock.Today()))
                return Result.Refused(new("notice.closed", $"该公示的公示期为 {c.NoticeStartsOn:yyyy-MM-dd} 至 {c.NoticeEndsOn:yyyy-MM-dd}，现在不在公示期内，不能提出异议"));
            if (input.LineId is { } line && !await db.ClaimLines.AnyAsync(l => l.Id == line && l.ClaimId == id && l.Decision == LineDecision.Approved, ct))
                return Result.Invalid("lineId", "公示名单中没有该序号的人员");
            var o = new Objection { ClaimId = id, LineId = input.LineId, Contact = input.Contact!.Trim(), Text = input.Text!.Trim(), FiledUtc = clock.GetUtcNow().UtcDateTime };
            db.Objections.Add(o);
            // The claim changes with it: an approval racing this objection fails on the claim's version instead of missing it.
            c.Touch();
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e))
            {
                return Result.Refused(new("notice.closed", "该公示刚刚结束或已审批，异议未能提交；如有问题请直接联系县人社局"));
            }
            return o.Id;
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/public/notices/{code}/objections", async (string code, Command input, Handler h, CancellationToken ct) =>
                (await h.Handle(code, input, ct)).ToHttp(oid => TypedResults.Created($"/api/subsidies/objections/{oid}", new { id = oid, status = "Open", message = "异议已受理，县人社局将调查核实" })))
            .AllowAnonymous().ProducesValidationProblem().WithName("FileObjection")
            .WithSummary("File an objection to a notice while it runs (no sign-in; rate-limited)");
}
