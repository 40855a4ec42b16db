namespace CountySkills.Web.Domain;

/// <summary>One person of the labour-force ledger (劳动力台账); one per ID number, ever.</summary>
public sealed partial class Person : Entity, IAreaScoped, IAuditSourced
{
    [PersonalData(PersonalKind.IdNumber)] public required string IdNumber { get; set; }
    public required string Name { get; set; }
    public Sex Sex { get; set; }
    [PersonalData(PersonalKind.BirthDate)] public DateOnly BirthDate { get; set; }
    [PersonalData(PersonalKind.Phone)] public string? Phone { get; set; }
    public Education Education { get; set; }
    public string? HouseholdNumber { get; set; }
    /// <summary>12-digit village code; the township is its first 9 digits.</summary>
    public required string AreaCode { get; set; }
    public string TownshipCode { get; set; } = "";
    public PersonTags Tags { get; set; }
    public MonitoredCategory? MonitoredCategory { get; set; }
    public bool? MonitoredRiskEliminated { get; set; }
    public EmploymentStatus EmploymentStatus { get; set; }
    public DestinationBand? Destination { get; set; }
    public string? WorkProvince { get; set; }
    public string? WorkCity { get; set; }
    public string? Employer { get; set; }
    public string? Industry { get; set; }
    public string? Occupation { get; set; }
    public DateOnly? WorkingSince { get; set; }
    public long? MonthlyIncomeFen { get; set; }
    public string? TrainingWish { get; set; }
    public string? JobWish { get; set; }
    [PersonalData(PersonalKind.FreeText)] public string? Notes { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Set when this record was merged into another: the survivor. A merged record keeps its ID number, so
    /// searching the old number still finds the survivor; it no longer appears in the ledger.</summary>
    public long? MergedIntoId { get; set; }
    public DateTime? MergedUtc { get; set; }
    /// <summary>The import that created this record, if it came from a file.</summary>
    public long? ImportBatchId { get; set; }

    public bool IsMerged => MergedIntoId is not null;

    /// <summary>
    /// A ledger record the township must complete (台账信息不全): no phone to reach the person, no village (the record sits at a
    /// township or county code), or a working status (in the county, elsewhere in the province, out of the province) without
    /// where the person works (the city). The one rule: the home page counts it, the ledger filters by it (incomplete=true).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Person, bool>> LedgerIncomplete = p =>
        p.Phone == null || p.Phone == "" || p.AreaCode.Length < 12
        || ((p.EmploymentStatus == EmploymentStatus.InCounty || p.EmploymentStatus == EmploymentStatus.OutOfCountyInProvince
             || p.EmploymentStatus == EmploymentStatus.OutOfProvince) && (p.WorkCity == null || p.WorkCity == ""));

    static readonly Func<Person, bool> LedgerIncompleteCompiled = LedgerIncomplete.Compile();

    /// <summary>Which parts of <see cref="LedgerIncomplete"/> this record misses: "phone", "village", "workplace".</summary>
    public IReadOnlyList<string> LedgerGaps()
    {
        if (!LedgerIncompleteCompiled(this)) return [];
        var gaps = new List<string>();
        if (string.IsNullOrEmpty(Phone)) gaps.Add("phone");
        if (AreaCode.Length < 12) gaps.Add("village");
        if ((EmploymentStatus is EmploymentStatus.InCounty or EmploymentStatus.OutOfCountyInProvince or EmploymentStatus.OutOfProvince) && string.IsNullOrEmpty(WorkCity))
            gaps.Add("workplace");
        return gaps;
    }

    /// <summary>Merges this (duplicate) record into <paramref name="survivor"/>; returns a refusal or null.</summary>
    public string? MergeInto(Person survivor, DateTime nowUtc) => MergeInto(survivor, [], nowUtc);

    /// <summary>Merges this (duplicate) record into <paramref name="survivor"/>, and with it <paramref name="mergedIntoThis"/>, the
    /// records merged into this one before: a merge never leaves a chain, so every lookup is "the record or the one it was
    /// merged into" (one hop). When A was merged into B and B is now merged into C, A points to C at once. Returns a refusal or null.</summary>
    public string? MergeInto(Person survivor, IEnumerable<Person> mergedIntoThis, DateTime nowUtc)
    {
        if (survivor.Id == Id) return "不能把人员合并到自身";
        if (IsMerged) return $"该记录已于 {MergedUtc:yyyy-MM-dd} 合并到其他人员";
        if (survivor.IsMerged) return "保留的记录本身已被合并，请选择最终保留的记录";
        foreach (var earlier in mergedIntoThis)
            if (earlier.MergedIntoId == Id) earlier.MergedIntoId = survivor.Id;
        MergedIntoId = survivor.Id;
        MergedUtc = nowUtc;
        // Whatever the survivor lacks and the duplicate knows is kept.
        survivor.Phone ??= Phone;
        survivor.HouseholdNumber ??= HouseholdNumber;
        survivor.Employer ??= Employer;
        survivor.Industry ??= Industry;
        survivor.Occupation ??= Occupation;
        survivor.TrainingWish ??= TrainingWish;
        survivor.JobWish ??= JobWish;
        survivor.Tags |= Tags;
        if (Notes is { Length: > 0 })
            survivor.Notes = string.IsNullOrEmpty(survivor.Notes) ? $"[合并自 {Name}] {Notes}" : $"{survivor.Notes}\n[合并自 {Name}] {Notes}";
        return null;
    }

    public static Person Create(IdNumber id, string name, string villageCode, DateTime nowUtc) => new()
    {
        IdNumber = id.Value, Name = name.Trim(), Sex = id.Sex, BirthDate = id.BirthDate,
        AreaCode = villageCode, TownshipCode = villageCode[..9], CreatedUtc = nowUtc,
    };

    public int AgeOn(DateOnly day) => Age(BirthDate, day);

    /// <summary>Whether two writings are the same name: spaces (also U+3000) ignored, the middle dots of minority names unified.</summary>
    public static bool SameName(string a, string b) => Squash(a) == Squash(b);
    static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c != '\u3000')).Replace('•', '·').Replace('.', '·');

    /// <summary>张*英, 李*, 欧阳**华: how a public page writes a name.</summary>
    public static string MaskName(string name) => name.Length switch
    {
        <= 1 => name,
        2 => name[0] + "*",
        _ => name[0] + new string('*', name.Length - 2) + name[^1],
    };

    /// <summary>Completed years on <paramref name="day"/>.</summary>
    public static int Age(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth > day.AddYears(-age) ? age - 1 : age;
    }
}

[Flags]
public enum PersonTags
{
    None = 0,
    PovertyAlleviated = 1,      // 脱贫户
    Monitored = 2,              // 监测对象
    LeftBehindWoman = 4,        // 留守妇女
    MigrantWorker = 8,          // 农民工
    Disabled = 16,              // 残疾人
    Unemployed = 32,            // 失业人员
    SchoolLeaver = 64,          // 未升学初高中毕业生
    Veteran = 128,              // 退役军人
    ReturnedEntrepreneur = 256, // 返乡创业
}

public enum MonitoredCategory { Unstable = 1, Marginal = 2, SuddenHardship = 3 } // 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户

public enum EmploymentStatus
{
    Unemployed = 1, Farming = 2, InCounty = 3, OutOfCountyInProvince = 4, OutOfProvince = 5,
    Flexible = 6, SelfEmployed = 7, InSchool = 8, UnableToWork = 9,
}

/// <summary>Where a worker works, as county ledgers record it; reports fold it into three bands (<see cref="DestinationBands.Folded"/>).</summary>
public enum DestinationBand
{
    [Zh("县内")] InCounty = 1,
    [Zh("县外市内")] OutOfCountyInCity = 2,
    [Zh("市外省内")] OutOfCityInProvince = 3,
    [Zh("省外")] OutOfProvince = 4,
    [Zh("境外")] Abroad = 5,
}

public enum Education { Unknown = 0, Primary = 1, JuniorHigh = 2, SeniorHigh = 3, Vocational = 4, College = 5, Bachelor = 6, Postgraduate = 7 }
