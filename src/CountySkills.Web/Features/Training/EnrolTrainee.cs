using CountySkills.Web.Features.People;
using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>Enrol one person by ID number (POST /api/training/classes/{id}/enrolments); someone not yet in the ledger
/// is added with the name and village given. Each refusal says why, with a code. For a school (not county staff) name and village
/// are required with every ID and the ID check is an exact search: counted (429 search.throttled) and audited (<see cref="Enrolling"/>).</summary>
public static class EnrolTrainee
{
    public sealed record Command
    {
        public string IdNumber { get; set; } = "";
        public string? Name { get; set; }
        public string? VillageCode { get; set; }
        public string? Phone { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.IdNumber).ValidIdNumber(clock);
            RuleFor(x => x.Name).MaximumLength(50).WithMessage("姓名不能超过 50 个字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<PersonInput> personRules, ExactSearch.Gate search, IValidator<Command> validator)
    {
        public async Task<Result<TraineeView>> Handle(long classId, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            Enrolling? book = null;
            try { return await EnrolAsync(classId, cmd, b => book = b, ct); }
            finally
            {
                // A school's ID check is an exact search: audited whatever came of it, after the enrolment's transaction has ended.
                if (book is { Checks.Count: > 0 }) await AuditAsync(book.Checks, ct);
            }
        }

        async Task<Result<TraineeView>> EnrolAsync(long classId, Command cmd, Action<Enrolling> started, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (!user.IsCounty() && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
            var id = Domain.IdNumber.Parse(cmd.IdNumber, clock.Today());
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var book = new Enrolling(db, found.Value!, user, clock, personRules);
            started(book);
            await book.LockClassAsync(ct);
            var outcome = (await book.DecideAsync([new Enrolling.Candidate(id.Value, cmd.Name?.Trim(), cmd.VillageCode?.Trim(), cmd.Phone?.Trim())], ct))[0];
            if (outcome.Refusal is { } r)
                return r.Code.StartsWith("enrolment.") && outcome.Field is null ? Result.Refused(r) : Result.Refused(r, outcome.Field ?? "idNumber");
            try
            {
                await db.SaveChangesAsync(ct);
                if (!await book.StillWithinCapacityAsync(ct))
                    return Result.Refused(new Refusal("enrolment.capacity", $"本班计划招收 {found.Value!.Capacity} 人，已满员"));
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("本班学员名单刚被他人修改，请刷新后重试"); }
            return (await Roster.LoadAsync(db, classId, clock.Today(), ct, outcome.Enrolment!.Id))[0];
        }

        async Task AuditAsync(IReadOnlyList<Enrolling.Check> checks, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            foreach (var c in checks)
                search.Audit(db, ExactSearch.Kind.IdNumber, c.IdNumber, c.PersonId is > 0 ? 1 : 0, c.PersonId, c.AreaCode, ExactSearch.Purpose.Enrolment);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/training/classes/{id:long}/enrolments", async (long id, Command cmd, Handler h, CancellationToken ct) =>
                (await h.Handle(id, cmd, ct)).ToHttp(v => TypedResults.Created($"/api/training/classes/{id}/enrolments/{v.Id}", v)))
            .WithName(nameof(EnrolTrainee)).ProducesValidationProblem().RequireWriters();
        api.MapGet("/training/classes/{id:long}/enrolments", async (long id, IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var found = await db.FindClassAsync(id, user, ct, track: false);
                return found.IsOk ? TypedResults.Ok(await Roster.LoadAsync(db, id, clock.Today(), ct)) : found.ToHttp();
            })
            .WithName("ListEnrolments").WithSummary("The roster with attendance rate, result and certificate per trainee").RequireReaders();
    }
}
