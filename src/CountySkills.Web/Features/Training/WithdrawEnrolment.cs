namespace CountySkills.Web.Features.Training;

/// <summary>Takes a trainee off the roster (DELETE /api/training/classes/{id}/enrolments/{enrolmentId}?reason=…). The
/// record stays, marked withdrawn, so attendance already taken keeps its meaning; enrolling again restores it.</summary>
public static class WithdrawEnrolment
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<Result<TraineeView>> Handle(long classId, long enrolmentId, string? reason, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            var e = await db.Enrolments.SingleOrDefaultAsync(x => x.Id == enrolmentId && x.ClassId == classId, ct);
            if (e is null) return Result.NotFound("本班没有该学员");
            if (!found.Value!.TakesEnrolments) return Result.Refused(new Refusal("enrolment.class_closed", "培训班已结业，学员名单不能再变动"));
            if (e.Status == EnrolmentStatus.Withdrawn) return Result.Refused(new Refusal("enrolment.withdrawn", "该学员已退出本班"));
            if (await db.Certificates.AnyAsync(c => c.EnrolmentId == e.Id && c.RevokedUtc == null, ct))
                return Result.Refused(new Refusal("enrolment.certified", "该学员已凭本班取得证书，不能退出"));
            (e.Status, e.WithdrawnUtc, e.WithdrawReason) = (EnrolmentStatus.Withdrawn, clock.GetUtcNow().UtcDateTime, reason?.Trim() is { Length: > 0 } r ? r[..Math.Min(r.Length, 200)] : null);
            await db.SaveChangesAsync(ct);
            return (await Roster.LoadAsync(db, classId, clock.Today(), ct, e.Id))[0];
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapDelete("/training/classes/{id:long}/enrolments/{enrolmentId:long}",
            async (long id, long enrolmentId, string? reason, Handler h, CancellationToken ct) => (await h.Handle(id, enrolmentId, reason, ct)).ToHttp())
        .WithName(nameof(WithdrawEnrolment)).RequireWriters();
}
