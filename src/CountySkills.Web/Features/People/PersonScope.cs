namespace CountySkills.Web.Features.People;

/// <summary>
/// Outside a user's scope a person is "not found", never "forbidden": a township officer, a school clerk or an employer cannot learn
/// from an answer whether an id or ID number is in the ledger (ADR 0015). Every read or change of one person by id answers
/// <see cref="NotFound"/> alike for an unknown id and for someone outside the caller's scope; a role without the permission at all
/// is still 403 permission.denied (that tells nothing about the person).
/// </summary>
public static class PersonScope
{
    public const string NotFoundCode = "person.not_found";

    public static Failure NotFound() => Result.NotFound("台账中没有该人员") with { Code = NotFoundCode };

    /// <summary>Whether the person exists for this caller: found, and inside their scope.</summary>
    public static bool Finds(this CurrentUser user, Person? p) => p is not null && user.CanSeeArea(p.AreaCode);

    /// <summary>The same for a person known only by their area code (null: no such person).</summary>
    public static bool FindsIn(this CurrentUser user, string? areaCode) => areaCode is not null && user.CanSeeArea(areaCode);
}
