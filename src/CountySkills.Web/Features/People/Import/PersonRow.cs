using System.Globalization;
using System.Text.RegularExpressions;
using CountySkills.Web.Infrastructure.Excel;
using static CountySkills.Web.Features.People.Import.LedgerColumns;

namespace CountySkills.Web.Features.People.Import;

/// <summary>
/// One data row of a ledger file, read into what it says about a person. Cells the file leaves blank change nothing
/// on an existing person (a blank is "not known here", never "erase"); cells it fills overwrite.
/// </summary>
public sealed partial class PersonRow
{
    public int RowNumber { get; }
    public string? IdNumber { get; private set; }
    public string? Name { get; private set; }
    public string? VillageCode { get; private set; }
    public List<ImportError> Errors { get; } = [];
    readonly List<Func<PersonInput, PersonInput>> _patch = [];
    readonly IReadOnlyDictionary<string, string> _headers;

    PersonRow(int rowNumber, IReadOnlyDictionary<string, string> headers) => (RowNumber, _headers) = (rowNumber, headers);

    /// <summary>The person this row describes: the existing one patched with the row, or a new one.</summary>
    public PersonInput Apply(PersonInput existing) => _patch.Aggregate(existing with { Name = Name ?? existing.Name }, (p, f) => f(p));

    public static PersonRow Read(SheetRow row, IReadOnlyDictionary<string, string> headers, PlaceIndex places, CurrentUser user, DateOnly today)
    {
        var r = new PersonRow(row.RowNumber, headers);
        var Text = row.Text;

        switch (IdCell.Read(row.Values.GetValueOrDefault(LedgerColumns.IdNumber), today))
        {
            case (string id, _): r.IdNumber = id; break;
            case (_, var e): r.Error(LedgerColumns.IdNumber, e!.Code, e.Message); break;
        }

        r.Name = Text(LedgerColumns.Name);
        if (string.IsNullOrEmpty(r.Name)) r.Error(LedgerColumns.Name, "name.required", "姓名为空");
        else if (r.Name.Length > 50) r.Error(LedgerColumns.Name, "value.invalid", "姓名超过 50 个字");

        if (Text(LedgerColumns.Sex) is { } sex && r.IdNumber is not null)
        {
            var idSex = Domain.IdNumber.Parse(r.IdNumber).Sex;
            if (sex is not ("男" or "女")) r.Error(LedgerColumns.Sex, "value.invalid", $"性别“{sex}”应为 男 或 女");
            else if ((sex == "男") != (idSex == Domain.Sex.Male)) r.Error(LedgerColumns.Sex, "value.invalid", $"性别“{sex}”与身份证号不符");
        }

        if (Text(LedgerColumns.Phone) is { } phone)
        {
            phone = phone.Replace("-", "").Replace(" ", "");
            if (!Domain.Phone.IsValid(phone)) r.Error(LedgerColumns.Phone, "phone.format", $"手机号“{Text(LedgerColumns.Phone)}”应为 1 开头的 11 位数字");
            else r.Set(p => p with { Phone = phone });
        }

        r.ReadPlace(Text(Township), Text(Village), places, user);
        r.Enum(Text(LedgerColumns.Education), LedgerColumns.Education, PersonVocabulary.Educations, (p, v) => p with { Education = v });
        r.Enum(Text(Status), LedgerColumns.Status, PersonVocabulary.Statuses, (p, v) => p with { EmploymentStatus = v });
        r.Enum(Text(Destination), LedgerColumns.Destination, PersonVocabulary.Destinations, (p, v) => p with { Destination = v });
        r.Enum(Text(LedgerColumns.MonitoredCategory), LedgerColumns.MonitoredCategory, PersonVocabulary.MonitoredCategories,
            (p, v) => p with { MonitoredCategory = v, Tags = p.Tags | PersonTags.Monitored });
        if (Text(Tags) is { } tags)
        {
            if (PersonVocabulary.TryParseTags(tags, out var t, out var unknown)) r.Set(p => p with { Tags = t | (p.MonitoredCategory is null ? 0 : PersonTags.Monitored) });
            else r.Error(Tags, "value.invalid", $"人员类别“{unknown}”不是已知的类别（{string.Join("、", PersonVocabulary.Tags.Values.Select(v => v[0]))}）");
        }
        if (Text(RiskEliminated) is { } risk)
        {
            if (risk is "是" or "已消除") r.Set(p => p with { MonitoredRiskEliminated = true });
            else if (risk is "否" or "未消除") r.Set(p => p with { MonitoredRiskEliminated = false });
            else r.Error(RiskEliminated, "value.invalid", $"“{risk}”应为 已消除 或 未消除");
        }
        r.ReadWorkPlace(Text(WorkProvince), Text(WorkCity), Text(WorkPlace));
        r.Str(Text(LedgerColumns.Household), LedgerColumns.Household, 30, (p, v) => p with { HouseholdNumber = v });
        r.Str(Text(LedgerColumns.Employer), LedgerColumns.Employer, 100, (p, v) => p with { Employer = v });
        r.Str(Text(Industry), Industry, 50, (p, v) => p with { Industry = v });
        r.Str(Text(LedgerColumns.Occupation), LedgerColumns.Occupation, 50, (p, v) => p with { Occupation = v });
        r.Str(Text(TrainingWish), TrainingWish, 50, (p, v) => p with { TrainingWish = v });
        r.Str(Text(JobWish), JobWish, 50, (p, v) => p with { JobWish = v });
        r.Str(Text(Notes), Notes, 2000, (p, v) => p with { Notes = v });
        r.ReadSince(row.Values.GetValueOrDefault(Since), Text(Since), today);
        r.ReadIncome(Text(MonthlyIncome), Text(YearlyIncomeWan));
        return r;
    }

    void ReadPlace(string? township, string? village, PlaceIndex places, CurrentUser user)
    {
        string? townshipCode = null;
        if (township is not null)
        {
            townshipCode = places.Township(township);
            if (townshipCode is null) { Error(Township, "township.unknown", $"乡镇“{township}”不在本县乡镇名单中"); return; }
            if (!user.CanWriteArea(townshipCode)) { Error(Township, "scope.forbidden", "该行人员不在您的权限范围内（其他乡镇）"); return; }
        }
        else if (user.AreaScope is { Length: 9 } own) townshipCode = own;
        if (village is null) { Error(Village, "village.unknown", "村（社区）为空"); return; }
        VillageCode = places.Village(townshipCode, village);
        if (VillageCode is null)
        {
            Error(Village, "village.unknown", townshipCode is null ? $"村“{village}”无法确定（缺少乡镇列或重名）" : $"村“{village}”不在该乡镇的村（社区）名单中");
            return;
        }
        if (!user.CanWriteArea(VillageCode)) Error(township is not null ? Township : Village, "scope.forbidden", "该行人员不在您的权限范围内（其他乡镇）");
        var code = VillageCode;
        Set(p => p with { VillageCode = code });
    }

    void ReadWorkPlace(string? province, string? city, string? place)
    {
        if (place is not null && province is null && city is null)
        {
            var m = PlaceRegex().Match(place);
            province = m.Success ? m.Groups["p"].Value : place;
            city = m.Success && m.Groups["c"].Success && m.Groups["c"].Value.Length > 0 ? m.Groups["c"].Value : province.EndsWith('市') ? province : null;
        }
        Str(province, WorkProvince, 50, (p, v) => p with { WorkProvince = v });
        Str(city, WorkCity, 50, (p, v) => p with { WorkCity = v });
    }

    [GeneratedRegex(@"^(?<p>.+?(省|市|自治区|特别行政区))(?<c>.*?(市|州|盟|地区|县))?")]
    private static partial Regex PlaceRegex();

    void ReadSince(object? cell, string? text, DateOnly today)
    {
        if (text is null) return;
        DateOnly? d = cell is DateTime dt ? DateOnly.FromDateTime(dt) : null;
        if (d is null)
        {
            var m = Regex.Match(text, @"^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2}))?\s*[日号]?$");
            if (m.Success && int.Parse(m.Groups[1].Value) is >= 1950 and <= 9999 and var year && int.Parse(m.Groups[2].Value) is >= 1 and <= 12 and var month)
                d = new DateOnly(year, month, 1).AddDays(m.Groups[3].Success ? Math.Clamp(int.Parse(m.Groups[3].Value), 1, 28) - 1 : 0);
        }
        if (d is null || d > today || d.Value.Year < 1950) { Error(Since, "value.invalid", $"务工时间“{text}”不是有效日期（例：2023-03 或 2023年3月）"); return; }
        var v = d.Value;
        Set(p => p with { WorkingSince = v });
    }

    void ReadIncome(string? monthly, string? yearlyWan)
    {
        if (monthly is not null)
        {
            if (decimal.TryParse(monthly, NumberStyles.Number, CultureInfo.InvariantCulture, out var y) && y is >= 0 and <= 1_000_000)
                Set(p => p with { MonthlyIncomeFen = (long)Math.Round(y * 100) });
            else Error(MonthlyIncome, "value.invalid", $"月收入“{monthly}”应为 0 到 100 万之间的数字（元）");
        }
        else if (yearlyWan is not null)
        {
            if (decimal.TryParse(yearlyWan, NumberStyles.Number, CultureInfo.InvariantCulture, out var w) && w is >= 0 and <= 1_000)
                Set(p => p with { MonthlyIncomeFen = (long)Math.Round(w * 10_000 * 100 / 12) });
            else Error(YearlyIncomeWan, "value.invalid", $"年收入“{yearlyWan}”应为数字（万元）");
        }
    }

    void Enum<T>(string? text, string key, IReadOnlyDictionary<T, string[]> words, Func<PersonInput, T, PersonInput> set) where T : struct, System.Enum
    {
        if (text is null) return;
        if (PersonVocabulary.TryParse(words, text, out T v)) Set(p => set(p, v));
        else Error(key, "value.invalid", $"“{text}”不是有效的{HeaderText(key)}（可填：{string.Join("、", words.Values.Select(w => w[0]))}）");
    }

    void Str(string? text, string key, int max, Func<PersonInput, string, PersonInput> set)
    {
        if (text is null) return;
        if (text.Length > max) { Error(key, "value.invalid", $"{HeaderText(key)}不能超过 {max} 个字"); return; }
        Set(p => set(p, text));
    }

    void Set(Func<PersonInput, PersonInput> f) => _patch.Add(f);
    public void Error(string key, string code, string message) => Errors.Add(new ImportError(RowNumber, HeaderText(key), code, message));
    string HeaderText(string key) => _headers.GetValueOrDefault(key) ?? HeaderOf(key);
}
