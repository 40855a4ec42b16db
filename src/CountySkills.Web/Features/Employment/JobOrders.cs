using CountySkills.Web.Features.Training;
using CountySkills.Web.Infrastructure.Auth;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Employers' job orders (用工订单): list, create, edit (county staff; employer staff their own). An order can open an order-training
/// class (POST …/{id}/class with the class plan; kind 订单式培训, the order's employer), whose passed trainees not yet placed are offered
/// for placement (GET …/{id}/candidates).
/// </summary>
public static class JobOrders
{
    public sealed record View(long Id, string Title, long EmployerId, string EmployerName, long? OccupationId, string? OccupationName, int Headcount,
        long WageMinFen, long WageMaxFen, string? Province, string? City, DateOnly Deadline, JobOrderStatus Status, string StatusName, long? ClassId,
        int Placed, string? Note, Guid Version);

    public sealed record Input(string Title, long EmployerId, long? OccupationId, int Headcount, long WageMinFen, long WageMaxFen, string? Province, string? City,
        DateOnly Deadline, JobOrderStatus? Status, string? Note, Guid? Version);

    public sealed record Candidate(long PersonId, string Name, string IdNumber, bool? Passed, string? CertificateNumber);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写订单名称（如 母婴护理员 50 名）").MaximumLength(200).WithMessage("订单名称不超过 200 个字");
            RuleFor(x => x.EmployerId).GreaterThan(0).WithMessage("请选择用工单位");
            RuleFor(x => x.Headcount).InclusiveBetween(1, 100_000).WithMessage("需求人数应为 1 至 100,000");
            RuleFor(x => x.WageMinFen).InclusiveBetween(0, 10_000_000).WithMessage("工资下限应在 0 至 100,000 元之间（单位：分）");
            RuleFor(x => x.WageMaxFen).GreaterThanOrEqualTo(x => x.WageMinFen).WithMessage("工资上限不能低于下限").LessThanOrEqualTo(10_000_000);
            RuleFor(x => x.Status).IsInEnum().WithMessage("订单状态无效");
            RuleFor(x => x.Note).MaximumLength(2000).WithMessage("备注不超过 2000 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, SaveClass.Handler classes)
    {
        bool Mine(long employerId) => user.IsCounty() || (user.IsInRole(Roles.EmployerStaff) && user.EmployerId == employerId);

        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.JobOrders.AsNoTracking();
            if (user.IsInRole(Roles.EmployerStaff)) q = q.Where(o => o.EmployerId == (user.EmployerId ?? -1));
            if (id is { } one) q = q.Where(o => o.Id == one);
            var rows = await q.OrderByDescending(o => o.Id).Take(500).Select(o => new View(o.Id, o.Title, o.EmployerId, o.Employer!.Name, o.OccupationId, o.Occupation!.Name,
                o.Headcount, o.WageMinFen, o.WageMaxFen, o.Province, o.City, o.Deadline, o.Status, "", o.ClassId, db.Placements.Count(p => p.JobOrderId == o.Id),
                o.Note, o.Version)).ToListAsync(ct);
            return rows.Select(r => r with { StatusName = Words.Of(r.Status) }).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!Mine(input.EmployerId)) return Result.Forbidden("只能为本单位发布用工订单");
            if (!await db.Employers.AnyAsync(e => e.Id == input.EmployerId, ct)) return Result.Invalid("employerId", "没有找到该用工单位");
            if (input.OccupationId is { } oid && !await db.Occupations.AnyAsync(o => o.Id == oid, ct)) return Result.Invalid("occupationId", "职业目录中没有该职业");
            JobOrder? o;
            if (id is null) db.JobOrders.Add(o = new JobOrder { Title = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                o = await db.JobOrders.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (o is null) return Result.NotFound("没有找到该用工订单");
                if (!Mine(o.EmployerId)) return Result.Forbidden("只能修改本单位的用工订单");
                db.Entry(o).Property(x => x.Version).OriginalValue = v;
            }
            (o.Title, o.EmployerId, o.OccupationId, o.Headcount, o.WageMinFen, o.WageMaxFen, o.Province, o.City, o.Deadline, o.Status, o.Note) =
                (input.Title.Trim(), input.EmployerId, input.OccupationId, input.Headcount, input.WageMinFen, input.WageMaxFen, input.Province?.Trim(), input.City?.Trim(),
                 input.Deadline, input.Status ?? o.Status, input.Note?.Trim());
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该订单已被他人修改，请刷新后重试"); }
            return (await List(o.Id, ct)).Single();
        }

        /// <summary>Opens the order-training class for an order (one per order).</summary>
        public async Task<Result<ClassView>> OpenClass(long id, ClassInput plan, CancellationToken ct)
        {
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var o = await db.JobOrders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
                if (o is null) return Result.NotFound("没有找到该用工订单");
                if (o.ClassId is { } existing) return Result.Refused(new("job_order.has_class", $"该订单已开设订单班（编号 {existing}）"));
                plan.Kind = ClassKind.Order;
                plan.EmployerId = o.EmployerId;
                if (plan.OccupationId is null && plan.OccupationCode is null) plan.OccupationId = o.OccupationId;
            }
            // Validated once the order has filled in the kind, employer and occupation.
            var check = await new ClassInput.Validator().ValidateAsync(plan, ct);
            if (!check.IsValid) return Result.Invalid(Http.CamelKeys(check.ToDictionary()));
            var created = await classes.Create(plan, ct);
            if (!created.IsOk) return created;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var o = await db.JobOrders.SingleAsync(x => x.Id == id, ct);
                var cls = await db.Classes.SingleAsync(c => c.Id == created.Value!.Id, ct);
                (o.ClassId, cls.JobOrderId) = (cls.Id, o.Id);
                await db.SaveChangesAsync(ct);
            }
            return created;
        }

        public async Task<Result<List<Candidate>>> Candidates(long id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.JobOrders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null) return Result.NotFound("没有找到该用工订单");
            if (!Mine(o.EmployerId) && !user.SeesEverything) return Result.Forbidden("只能查看本单位的订单");
            if (o.ClassId is not { } classId) return new List<Candidate>();
            var rows = await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active && e.Passed == true
                    && !db.Placements.Any(p => p.PersonId == e.PersonId && p.EndedOn == null))
                .Select(e => new { e.PersonId, e.Person!.Name, e.Person.IdNumber, e.Passed,
                    Number = db.Certificates.Where(c => c.EnrolmentId == e.Id && c.RevokedUtc == null).Select(c => c.Number).FirstOrDefault() })
                .ToListAsync(ct);
            return rows.Select(r => new Candidate(r.PersonId, r.Name, IdNumber.Mask(r.IdNumber), r.Passed, r.Number)).ToList();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/job-orders", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName("ListJobOrders")
            .WithSummary("Job orders (employer staff: their own) with placements made").RequireWorkReaders();
        api.MapGet("/employment/job-orders/{id:long}", async (long id, Handler h, CancellationToken ct) =>
                (await h.List(id, ct)).SingleOrDefault() is { } v ? Results.Ok(v) : Http.Problem(404, "没有找到该用工订单"))
            .WithName("GetJobOrder").RequireWorkReaders();
        api.MapPost("/employment/job-orders", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/job-orders/{v.Id}", v)))
            .WithName("CreateJobOrder").WithValidation<Input>().RequirePermission(Perm.JobOrdersWrite);
        api.MapPut("/employment/job-orders/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateJobOrder").WithValidation<Input>().RequirePermission(Perm.JobOrdersWrite);
        api.MapPost("/employment/job-orders/{id:long}/class", async (long id, ClassInput plan, Handler h, CancellationToken ct) =>
                (await h.OpenClass(id, plan, ct)).ToHttp(v => TypedResults.Created($"/api/training/classes/{v.Id}", v)))
            .WithName("OpenOrderClass").RequireWorkCounty()
            .WithSummary("Open the order-training class (订单式培训) for a job order");
        api.MapGet("/employment/job-orders/{id:long}/candidates", async (long id, Handler h, CancellationToken ct) => (await h.Candidates(id, ct)).ToHttp())
            .WithName("JobOrderCandidates").RequireWorkReaders().WithSummary("Passed trainees of the order's class not yet placed");
    }
}
