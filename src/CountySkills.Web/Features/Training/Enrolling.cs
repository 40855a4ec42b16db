using CountySkills.Web.Features.People;
using FluentValidation;

namespace CountySkills.Web.Features.Training;

/// <summary>
/// Puts people on a class's roster, one or thousands at a time, by exactly the same rules: the person is found by ID
/// number (a merged record's number finds nobody: the survivor's must be used) or added to the ledger through the
/// ledger's own validation, then the class's rules (<see cref="TrainingClass.RefuseEnrolment"/>) decide.
/// A school must take any county resident without learning whether an ID number is in the ledger (ADR 0015): a caller who is
/// not county staff gives name and village with every ID, both checked before the ledger is looked at; a known ID with another
/// name is only "身份证号与姓名不一致"; the village is used only to add someone new. Those ID checks are listed in <see cref="Checks"/>
/// for the caller to audit (and count, as exact searches). County staff keep the richer messages.
/// </summary>
public sealed class Enrolling(AppDbContext db, TrainingClass cls, CurrentUser user, TimeProvider clock, IValidator<PersonInput> personRules)
{
    public const string NameMismatch = "身份证号与姓名不一致";

    /// <summary>One ID number checked against the ledger for a caller who is not county staff: the person, when one was found.</summary>
    public sealed record Check(string IdNumber, long? PersonId, string? AreaCode);

    /// <summary>One would-be trainee. Name and village are needed only for someone not yet in the ledger.</summary>
    public sealed record Candidate(string IdNumber, string? Name, string? VillageCode, string? Phone);

    /// <summary>What happened to one candidate: the enrolment, or the field and refusal.</summary>
    public sealed record Outcome(Enrolment? Enrolment, bool PersonCreated, string? Field, Refusal? Refusal);

    int? _active;
    readonly HashSet<Person> _added = new(ReferenceEqualityComparer.Instance);
    readonly bool _county = user.IsCounty();

    /// <summary>The ID checks made for a caller who is not county staff (none for county staff), in order.</summary>
    public List<Check> Checks { get; } = [];

    /// <summary>Decides a batch; accepted enrolments (and new people) are added to the context, not yet saved.</summary>
    public async Task<List<Outcome>> DecideAsync(IReadOnlyList<Candidate> batch, CancellationToken ct)
    {
        var today = clock.Today();
        // Working age is a subsidy rule (Admin-edited, dated): the one in force now.
        var rules = await Subsidies.SubsidyHistory.RulesAtAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        var (minAge, maxAge) = (rules.WorkingAgeMin, rules.WorkingAgeMax);
        _active ??= await db.Enrolments.CountAsync(e => e.ClassId == cls.Id && e.Status == EnrolmentStatus.Active, ct);
        var ids = batch.Select(c => c.IdNumber).Distinct().ToArray();
        var people = await db.People.Where(p => EF.Parameter(ids).Contains(p.IdNumber)).ToDictionaryAsync(p => p.IdNumber, ct);
        var personIds = people.Values.Select(p => p.Id).ToArray();
        // Records merged into these people are the same humans: their enrolments count for the duplicate and overlap rules.
        var owner = personIds.ToDictionary(i => i, i => i);
        foreach (var m in await db.People.Where(p => p.MergedIntoId != null && EF.Parameter(personIds).Contains(p.MergedIntoId.Value))
                     .Select(p => new { p.Id, Survivor = p.MergedIntoId!.Value }).ToListAsync(ct))
            owner[m.Id] = m.Survivor;
        var allIds = owner.Keys.ToArray();
        var inClass = await db.Enrolments.Where(e => e.ClassId == cls.Id && EF.Parameter(allIds).Contains(e.PersonId)).ToListAsync(ct);
        var here = inClass.Where(e => owner[e.PersonId] == e.PersonId).ToDictionary(e => e.PersonId);
        var activeHere = inClass.Where(e => e.Status == EnrolmentStatus.Active).Select(e => owner[e.PersonId]).ToHashSet();
        var (start, end, self) = (cls.StartDate, cls.EndDate, cls.Id);
        var overlapping = (await db.Enrolments.AsNoTracking()
                .Where(e => EF.Parameter(allIds).Contains(e.PersonId) && e.Status == EnrolmentStatus.Active && e.ClassId != self
                            && e.Class!.StartDate <= end && start <= e.Class.EndDate)
                .Select(e => new { e.PersonId, e.Class }).ToListAsync(ct))
            .GroupBy(x => owner[x.PersonId]).ToDictionary(g => g.Key, g => g.First().Class);
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = new List<Outcome>(batch.Count);
        foreach (var c in batch)
        {
            var created = false;
            var input = new PersonInput { IdNumber = c.IdNumber, Name = c.Name ?? "", VillageCode = c.VillageCode ?? "", Phone = c.Phone };
            // Not county staff: everything that does not depend on the ledger is checked first, so no answer tells whether the ID is in it.
            if (!_county && await NewcomerRefusalAsync(c, input, ct) is { } upFront) { outcomes.Add(upFront); continue; }
            var known = people.TryGetValue(c.IdNumber, out var person);
            if (!_county) Checks.Add(new Check(c.IdNumber, person?.Id, person?.AreaCode));
            if (!known)
            {
                if (_county && await NewcomerRefusalAsync(c, input, ct) is { } refused) { outcomes.Add(refused); continue; }
                person = Person.Create(Domain.IdNumber.Parse(input.IdNumber), input.Name, input.VillageCode, now);
                input.ApplyTo(person);
                db.People.Add(person);
                people[c.IdNumber] = person;
                created = true;
            }
            else if (_county && person!.IsMerged)
            {
                outcomes.Add(new(null, false, "idNumber", MergedRefusal));
                continue;
            }
            else if (c.Name is { Length: > 0 } name && !Person.SameName(name, person!.Name))
            {
                outcomes.Add(new(null, false, "name", new Refusal("person.name_mismatch", _county
                    ? $"身份证号 {Domain.IdNumber.Mask(c.IdNumber)} 在台账中登记的姓名与“{name}”不一致，请核对" : NameMismatch)));
                continue;
            }
            else if (person!.IsMerged)
            {
                outcomes.Add(new(null, false, "idNumber", MergedRefusal));
                continue;
            }
            var existing = person.Id == 0 ? null : here.GetValueOrDefault(person.Id);
            var clash = person.Id == 0 ? null : overlapping.GetValueOrDefault(person.Id);
            // County staff see the ledger; institution staff are told no more about someone than the ID they typed.
            var refusal = cls.RefuseEnrolment(person, _active.Value, activeHere.Contains(person.Id) || _added.Contains(person), clash, minAge, maxAge,
                who: _county || created ? person.Name : Domain.IdNumber.Mask(person.IdNumber), showOther: _county || clash?.InstitutionId == cls.InstitutionId);
            if (refusal is not null)
            {
                if (created) db.Entry(person).State = EntityState.Detached;
                if (created) people.Remove(c.IdNumber);
                outcomes.Add(new(null, false, refusal.Code == "enrolment.age" ? "idNumber" : null, refusal));
                continue;
            }
            Enrolment enrolment;
            if (existing is not null)
            {
                (existing.Status, existing.WithdrawnUtc, existing.WithdrawReason, existing.EnrolledUtc, existing.EnrolledBy) =
                    (EnrolmentStatus.Active, null, null, now, user.UserName);
                enrolment = existing;
                activeHere.Add(person.Id);
            }
            else
            {
                enrolment = new Enrolment { ClassId = cls.Id, Person = person, EnrolledUtc = now, EnrolledBy = user.UserName };
                db.Enrolments.Add(enrolment);
                if (person.Id != 0) { here[person.Id] = enrolment; activeHere.Add(person.Id); }
            }
            _active++;
            _added.Add(person);
            outcomes.Add(new(enrolment, created, null, null));
        }
        return outcomes;
    }

    static readonly Refusal MergedRefusal = new("enrolment.merged_person", "该身份证号的记录已合并到其他人员，请用保留记录的身份证号报名");

    /// <summary>What stops adding this candidate to the ledger, whether or not they are in it: name and village missing (for county
    /// staff, only asked when the ID is unknown), the ledger's own field rules, an unknown village.</summary>
    async Task<Outcome?> NewcomerRefusalAsync(Candidate c, PersonInput input, CancellationToken ct)
    {
        if (_county && (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.VillageCode)))
            return new(null, false, "villageCode", new Refusal("person.not_in_ledger",
                $"身份证号 {Domain.IdNumber.Mask(c.IdNumber)} 不在劳动力台账中；请同时填写姓名和所在村（社区），系统将先登记入台账"));
        if (string.IsNullOrWhiteSpace(c.Name))
            return new(null, false, "name", new Refusal("person.name_required", "请填写学员姓名（与身份证一致）"));
        if (string.IsNullOrWhiteSpace(c.VillageCode))
            return new(null, false, "villageCode", new Refusal("person.village_required", "请填写学员所在村（社区）：尚未登记入劳动力台账的学员将按此登记"));
        var check = personRules.Validate(input);
        if (!check.IsValid)
        {
            var f = check.Errors[0];
            return new(null, false, char.ToLowerInvariant(f.PropertyName[0]) + f.PropertyName[1..], new Refusal(f.ErrorCode is { } ec && ec.Contains('.') ? ec : "value.invalid", f.ErrorMessage));
        }
        if (!await db.Regions.AnyAsync(r => r.Code == input.VillageCode && r.Level == AreaLevel.Village, ct))
            return new(null, false, "villageCode", new Refusal("village.unknown", $"区划代码 {input.VillageCode} 不是已知的村（社区）"));
        return null;
    }

    /// <summary>
    /// Inside the caller's transaction, before counting: enrolments of one class take turns. SQLite's transactions
    /// already hold the write lock from their start; on PostgreSQL the class row is locked until commit.
    /// </summary>
    public async Task LockClassAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Classes\" WHERE \"Id\" = {cls.Id} FOR UPDATE", ct);
    }

    /// <summary>After saving, inside the caller's transaction: whether the class is still within capacity. Two clerks
    /// filling the last seat at once both pass the first count; the second to get here sees the first and backs out.</summary>
    public async Task<bool> StillWithinCapacityAsync(CancellationToken ct) =>
        await db.Enrolments.CountAsync(e => e.ClassId == cls.Id && e.Status == EnrolmentStatus.Active, ct) <= cls.Capacity;

}
