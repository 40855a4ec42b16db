using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>Creating (POST /api/employment/job-orders) or editing (PUT …/{id}, with version) a job order: county staff, or employer staff for their own employer.</summary>
public static class SaveJobOrder
{
    public sealed class Input
    {
        public string Title { get; set; } = "";
        public long EmployerId { get; set; }
        public long? OccupationId { get; set; }
        public int Headcount { get; set; }
        public long WageMinFen { get; set; }
        public long WageMaxFen { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public DateOnly? Deadline { get; set; }
        public JobOrderStatus? Status { get; set; }
        public string? Note { get; set; }
        public Guid? Version { get; set; }

        public static Input Of(ListJobOrders.View o) => new()
        {
            Title = o.Title, EmployerId = o.EmployerId, OccupationId = o.OccupationId, Headcount = o.Headcount, WageMinFen = o.WageMinFen, WageMaxFen = o.WageMaxFen,
            Province = o.Province, City = o.City, Deadline = o.Deadline, Status = o.Status, Note = o.Note, Version = o.Version,
        };
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写订单名称（如 母婴护理员 50 名）").MaximumLength(200).WithMessage("订单名称不超过 200 个字");
            RuleFor(x => x.EmployerId).GreaterThan(0).WithMessage("请选择用工单位");
            RuleFor(x => x.Headcount).InclusiveBetween(1, 100_000).WithMessage("需求人数应为 1 至 100,000");
            RuleFor(x => x.WageMinFen).InclusiveBetween(0, 10_000_000).WithMessage("工资下限应在 0 至 100,000 元之间（单位：分）");
            RuleFor(x => x.WageMaxFen).GreaterThanOrEqualTo(x => x.WageMinFen).WithMessage("工资上限不能低于下限")
                .LessThanOrEqualTo(10_000_000).WithMessage("工资上限不超过 100,000 元");
            RuleFor(x => x.Province).MaximumLength(30).WithMessage("省份不超过 30 个字");
            RuleFor(x => x.City).MaximumLength(30).WithMessage("城市不超过 30 个字");
            RuleFor(x => x.Deadline).NotNull().WithMessage("请填写招聘截止日期");
            RuleFor(x => x.Status).IsInEnum().WithMessage("订单状态无效");
            RuleFor(x => x.Note).MaximumLength(2000).WithMessage("备注不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, CurrentUser user, TimeProvider clock, ListJobOrders.Handler list)
    {
        public async Task<Result<ListJobOrders.View>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!user.MayWriteOrdersOf(input.EmployerId)) return Result.Forbidden("只能为本单位发布用工订单");
            if (!await db.Employers.AnyAsync(e => e.Id == input.EmployerId, ct)) return Result.Invalid("employerId", "没有找到该用工单位");
            if (input.OccupationId is { } oid && !await db.Occupations.AnyAsync(o => o.Id == oid, ct)) return Result.Invalid("occupationId", "职业目录中没有该职业");
            JobOrder? o;
            if (id is null) db.JobOrders.Add(o = new JobOrder { Title = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                o = await db.JobOrders.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (o is null) return Result.NotFound("没有找到该用工订单");
                if (!user.MayWriteOrdersOf(o.EmployerId)) return Result.Forbidden("只能修改本单位的用工订单");
                db.Entry(o).Property(x => x.Version).OriginalValue = v;
            }
            (o.Title, o.EmployerId, o.OccupationId, o.Headcount, o.WageMinFen, o.WageMaxFen, o.Province, o.City, o.Deadline, o.Status, o.Note) =
                (input.Title.Trim(), input.EmployerId, input.OccupationId, input.Headcount, input.WageMinFen, input.WageMaxFen, input.Province?.Trim(), input.City?.Trim(),
                 input.Deadline!.Value, input.Status ?? o.Status, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该订单已被他人修改，请刷新后重试"); }
            return (await list.List(o.Id, ct)).Single();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/job-orders", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/job-orders/{v.Id}", v)))
            .WithName("CreateJobOrder").WithValidation<Input>().RequirePermission(Perm.JobOrdersWrite);
        api.MapPut("/employment/job-orders/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdateJobOrder").WithValidation<Input>().RequirePermission(Perm.JobOrdersWrite);
    }
}
