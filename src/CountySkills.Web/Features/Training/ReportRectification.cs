using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>The institution reports how it put right what an inspection found: POST /api/training/inspections/{id}/rectification
/// {text, version?}. The rule is the inspection's (Inspection.ReportRectification).</summary>
public static class ReportRectification
{
    public sealed record Command(string Text, Guid? Version = null);

    /// <summary>The text is checked by the inspection itself (a closed one answers 409 before any text is looked at).</summary>
    public sealed class Validator : AbstractValidator<Command>;

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<Command> validator)
    {
        public async Task<Result<Inspections.View>> Handle(long id, Command cmd, CancellationToken ct)
        {
            if (await validator.Refuse(cmd, ct) is { } bad) return bad;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var i = await db.Inspections.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (i is null) return Result.NotFound("没有找到该检查记录");
            var found = await db.FindClassForWriteAsync(i.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if (cmd.Version is { } v) db.Entry(i).Property(x => x.Version).OriginalValue = v;
            if (i.ReportRectification(cmd.Text) is { } r) return r.Code == "inspection.report_required" ? Result.Refused(r, "text") : Result.Refused(r);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该检查记录已被他人修改，请刷新后重试"); }
            return (await Inspections.LoadAsync(db, i.ClassId, clock.Today(), ct)).Single(x => x.Id == id);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/training/inspections/{id:long}/rectification", async (long id, Command cmd, Handler h, CancellationToken ct) => (await h.Handle(id, cmd, ct)).ToHttp())
            .WithName(nameof(ReportRectification)).RequireWriters();
}
