using FluentValidation;

namespace CountySkills.Web.Features.Brands;

/// <summary>A commendation or complaint about a member from a customer or employer: POST /api/brands/members/{memberId}/feedback
/// {kind, source, text, onDate?, valid?}. A valid complaint restarts the complaint-free count.</summary>
public static class AddFeedback
{
    public sealed record Say(FeedbackKind? Kind, string? Source, string? Text, DateOnly? OnDate, bool? Valid);

    public sealed class Validator : AbstractValidator<Say>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Kind).NotNull().IsInEnum().WithMessage("请选择 表扬 或 投诉");
            RuleFor(x => x.Source).NotEmpty().WithMessage("请填写来源（客户或用工单位）").MaximumLength(100).WithMessage("来源不超过 100 个字");
            RuleFor(x => x.Text).NotEmpty().WithMessage("请填写内容").MaximumLength(2000).WithMessage("内容不超过 2000 个字");
            RuleFor(x => x.OnDate).Must(d => d is null || d <= clock.Today()).WithMessage("日期不能晚于今天");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Say> validator, GetMember.Handler detail)
    {
        public async Task<Result<GetMember.Detail>> Add(long id, Say s, CancellationToken ct)
        {
            if (await validator.Refuse(s, ct) is { } bad) return bad;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                if (!await db.BrandMembers.AnyAsync(m => m.Id == id, ct)) return Result.NotFound("没有找到该品牌成员");
                db.Feedback.Add(new MemberFeedback { MemberId = id, Kind = s.Kind!.Value, Source = s.Source!.Trim(), Text = s.Text!.Trim(), OnDate = s.OnDate ?? clock.Today(),
                    Valid = s.Valid ?? true, RecordedBy = user.UserName, RecordedUtc = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
            }
            return await detail.One(id, ct);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/brands/members/{memberId:long}/feedback", async (long memberId, Say s, Handler h, CancellationToken ct) =>
                (await h.Add(memberId, s, ct)).ToHttp(v => TypedResults.Created($"/api/brands/members/{memberId}", v)))
            .WithName("AddMemberFeedback").ProducesValidationProblem().RequireBrandWriters().WithSummary("Record a commendation or complaint");
}
