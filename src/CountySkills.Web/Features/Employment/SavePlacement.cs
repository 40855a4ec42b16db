using CountySkills.Web.Features.People;
using CountySkills.Web.Features.Admin.Settings;
using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Records a placement (POST /api/employment/placements) or corrects one (PUT …/{id} with version): person (by id or ID number), employer
/// (a partner, or a name for a self-found job), place and destination band, position, start date, monthly wage, organised or not, and
/// through which class, brand, agreement or job order. A new placement gets its follow-ups scheduled at the intervals of the settings.
/// A person has one placement at a time: end the current one first. The person's ledger follows the placement (status from the band,
/// place, employer, industry, since; see <see cref="Person.FollowPlacement"/>), unless a newer placement of theirs governs.
/// </summary>
public static class SavePlacement
{
    public sealed record Input
    {
        public long? PersonId { get; set; }
        public string? IdNumber { get; set; }
        public long? EmployerId { get; set; }
        public string? EmployerName { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public DestinationBand? Band { get; set; }
        public string? Position { get; set; }
        public DateOnly StartDate { get; set; }
        public long MonthlyWageFen { get; set; }
        public bool Organised { get; set; }
        public long? ClassId { get; set; }
        public long? BrandId { get; set; }
        public long? AgreementId { get; set; }
        public long? JobOrderId { get; set; }
        public Guid? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x).Must(x => x.PersonId is not null || !string.IsNullOrWhiteSpace(x.IdNumber)).OverridePropertyName("idNumber").WithMessage("请指明人员（personId 或身份证号）");
            RuleFor(x => x.IdNumber!).ValidIdNumber(clock).When(x => x.PersonId is null && !string.IsNullOrWhiteSpace(x.IdNumber));
            RuleFor(x => x).Must(x => x.EmployerId is not null || !string.IsNullOrWhiteSpace(x.EmployerName)).OverridePropertyName("employerName").WithMessage("请选择用工单位或填写单位名称");
            RuleFor(x => x.EmployerName).MaximumLength(100).WithMessage("单位名称不超过 100 个字");
            RuleFor(x => x.Band).NotNull().WithMessage("请选择就业去向（县内、县外市内、市外省内、省外、境外）").IsInEnum().WithMessage("就业去向无效");
            RuleFor(x => x.Province).MaximumLength(30).WithMessage("省份不超过 30 个字");
            RuleFor(x => x.City).MaximumLength(30).WithMessage("城市不超过 30 个字");
            RuleFor(x => x.Position).MaximumLength(50).WithMessage("岗位不超过 50 个字");
            RuleFor(x => x.StartDate).Must(d => d.Year >= 2000 && d <= clock.Today().AddDays(60)).WithMessage("上岗日期应在 2000 年以后、今天起 60 天以内");
            RuleFor(x => x.MonthlyWageFen).InclusiveBetween(0, 10_000_000).WithMessage("月工资应在 0 至 100,000 元之间（单位：分）");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, IValidator<Input> validator, CurrentUser user, TimeProvider clock, CurrentSettings settings, People.ExactSearch.Gate search)
    {
        public async Task<Result<PlacementView>> Handle(long? id, Input input, CancellationToken ct)
        {
            if (await validator.Refuse(input, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = clock.Today();
            Placement? p = null;
            if (id is { } existing)
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                p = await db.Placements.Include(x => x.FollowUps).SingleOrDefaultAsync(x => x.Id == existing, ct);
                if (p is null) return Result.NotFound("没有找到该就业记录");
                if (!user.CanSeeWork(p.AreaCode, p.EmployerId) || !user.CanWriteArea(p.AreaCode)) return Result.Forbidden("该就业记录不在您的权限范围内");
                db.Entry(p).Property(x => x.Version).OriginalValue = v;
            }
            else
            {
                var idNumber = input.IdNumber is { } text && IdNumber.TryParse(text, today, out var parsed, out _) ? parsed.Value : null;
                var byIdNumber = input.PersonId is null && search.Watches;
                if (byIdNumber && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
                var person = await db.People.AsNoTracking().SingleOrDefaultAsync(x => input.PersonId != null ? x.Id == input.PersonId : x.IdNumber == idNumber, ct);
                // Someone outside the caller's scope is not in the ledger for them (ADR 0015): the same answer as an unknown ID or id.
                var found = user.Finds(person);
                if (byIdNumber) await search.AuditNowAsync(db, idNumber!, found ? person!.Id : null, person?.AreaCode, People.ExactSearch.Purpose.Placement, ct);
                if (!found) return Result.Invalid(input.PersonId is null ? "idNumber" : "personId", "台账中没有此人，请先登记到劳动力台账") with { Code = "person.not_in_ledger" };
                if (person!.MergedIntoId is { } survivor) return Result.Invalid("idNumber", $"该记录已合并到另一条记录（{survivor}），请使用保留的记录") with { Code = "person.merged" };
                if (!user.CanWriteArea(person.AreaCode)) return Result.Forbidden("只能为本乡镇的人员登记就业");
                if (await db.Placements.Where(x => x.PersonId == person.Id && x.EndedOn == null).Select(x => new { x.EmployerName, x.StartDate }).FirstOrDefaultAsync(ct) is { } current)
                    return Result.Refused(new("placement.active_exists", $"此人 {current.StartDate:yyyy-MM-dd} 起在“{current.EmployerName}”就业，尚未结束；请先登记离职再登记新的就业"));
                p = new Placement { PersonId = person.Id, AreaCode = person.AreaCode, EmployerName = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName };
                db.Placements.Add(p);
            }
            string employerName;
            if (input.EmployerId is { } eid)
            {
                var name = await db.Employers.Where(e => e.Id == eid).Select(e => e.Name).FirstOrDefaultAsync(ct);
                if (name is null) return Result.Invalid("employerId", "没有找到该用工单位");
                employerName = name;
            }
            else employerName = input.EmployerName!.Trim();
            if (input.AgreementId is { } aid && !await db.Agreements.AnyAsync(a => a.Id == aid, ct)) return Result.Invalid("agreementId", "没有找到该协议");
            if (input.JobOrderId is { } jid && !await db.JobOrders.AnyAsync(j => j.Id == jid, ct)) return Result.Invalid("jobOrderId", "没有找到该用工订单");
            if (input.ClassId is { } cid && !await db.Classes.AnyAsync(c => c.Id == cid, ct)) return Result.Invalid("classId", "没有找到该培训班");
            var moved = id is not null && p.StartDate != input.StartDate;
            (p.EmployerId, p.EmployerName, p.Province, p.City, p.Band, p.Position, p.StartDate, p.MonthlyWageFen, p.Organised, p.ClassId, p.BrandId, p.AgreementId, p.JobOrderId) =
                (input.EmployerId, employerName, input.Province?.Trim(), input.City?.Trim(), input.Band!.Value, input.Position?.Trim(), input.StartDate, input.MonthlyWageFen,
                 input.Organised, input.ClassId, input.BrandId, input.AgreementId, input.JobOrderId);
            if (id is null) p.ScheduleFollowUps((await settings.FollowUpIntervalsAsync(db, ct)).Value.Months);
            else
                foreach (var f in p.FollowUps.Where(f => f.DoneOn is null))
                {
                    if (moved) f.DueOn = p.StartDate.AddMonths(f.Months);
                    f.EmployerId = p.EmployerId;
                }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await PlacementLedger.FollowAsync(db, p, id is null ? PlacementEvent.Started : PlacementEvent.Corrected, ct);
            }
            catch (DbUpdateConcurrencyException) { return Result.Conflict(id is null ? "该人员的台账已被他人修改，请刷新后重试" : "该就业记录已被他人修改，请刷新后重试"); }
            await tx.CommitAsync(ct);
            return (await PlacementView.LoadAsync(db, p.Id, today, ct))!;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/employment/placements", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Handle(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/placements/{v.Id}", v)))
            .WithName("CreatePlacement").WithValidation<Input>().RequireWorkWriters()
            .WithSummary("Record a placement; its follow-ups are scheduled at the intervals of the settings");
        api.MapPut("/employment/placements/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Handle(id, input, ct)).ToHttp())
            .WithName("UpdatePlacement").WithValidation<Input>().RequireWorkWriters().WithSummary("Correct a placement (with version)");
    }
}
