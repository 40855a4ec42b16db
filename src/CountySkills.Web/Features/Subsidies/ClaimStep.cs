namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// What every step of a claim shares (SubmitClaim, WithdrawClaim, ReviewClaim, ReturnClaim, PublishNotice, ApproveClaim): find the claim in
/// the caller's scope, check the role, check the version the caller saw, apply the entity's rule, save (a concurrent writer is
/// claim.stale) and answer with the claim as it now is. The rule itself lives in <see cref="SubsidyClaim"/>.
/// </summary>
public static class ClaimStep
{
    public static async Task<Result<ClaimView>> RunAsync(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, long id, Guid? version,
        ClaimAction action, Func<AppDbContext, SubsidyClaim, Task<Failure?>> step, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await db.FindClaimAsync(id, user, ct, withLines: true);
        if (!found.IsOk) return found.AsFailure();
        var claim = found.Value!;
        if (!SubsidyAccess.Writers.Any(user.IsInRole) || (action is not (ClaimAction.Submit or ClaimAction.Withdraw) && !user.IsCounty()))
            return Result.Forbidden($"只有县级审核人员可以{Zh.Of(action)}补贴申请") with { Code = "transition.forbidden" };
        if (version is { } v && v != claim.Version) return Stale();
        if (await step(db, claim) is { } refused) return refused;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Stale(); }
        return await ClaimView.LoadAsync(db, id, user, clock, ct);
    }

    /// <summary>The entity's refusal as the API answers it: with the field it concerns where it concerns one, else 409.</summary>
    public static Failure? Refused(Refusal? refusal) => refusal?.Code switch
    {
        null => null,
        "line.reason_required" or "line.decision" or "line.not_found" or "line.ineligible" => Result.Refused(refusal, "decisions"),
        "notice.reason_required" or "claim.reason_required" => Result.Refused(refusal, "reason"),
        "notice.too_early" => Result.Refused(refusal, "noticeStartsOn"),
        _ => Result.Refused(refusal),
    };

    public static Task<TrainingClass> ClassOf(AppDbContext db, SubsidyClaim claim, CancellationToken ct) =>
        db.Classes.AsNoTracking().Include(c => c.Occupation).SingleAsync(c => c.Id == claim.ClassId, ct);

    public static Failure Stale() =>
        Result.Conflict("该补贴申请刚被他人处理，已为您显示当前状态，请核对后再操作") with { Code = "claim.stale" };
}
