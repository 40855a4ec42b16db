using CountySkills.Web.Domain;

namespace CountySkills.Web.Data.Demo;

/// <summary>
/// Deterministic generator of ledger people for the demo county: realistic names, valid ID numbers whose birth
/// date and sex match the person, mobile numbers, tags and employment status in realistic proportions.
/// The same seed always gives the same people.
/// </summary>
public sealed class DemoPeople(int seed, DateOnly today, string[]? villages = null)
{
    static readonly (string S, int W)[] Surnames =
    [
        ("王", 72), ("李", 70), ("张", 66), ("刘", 54), ("陈", 45), ("杨", 34), ("黄", 24), ("赵", 23), ("吴", 21), ("周", 21),
        ("徐", 15), ("孙", 14), ("马", 14), ("朱", 13), ("胡", 12), ("郭", 12), ("何", 11), ("高", 11), ("林", 10), ("罗", 9),
        ("郑", 9), ("梁", 9), ("谢", 7), ("宋", 7), ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6), ("曹", 6),
        ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 4), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4),
        ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 3), ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("司马", 1),
    ];
    static readonly string Male = "伟强军磊涛斌勇杰峰超明刚平辉鹏华飞鑫波宁浩凯健俊帅建国志红卫东海亮新春永德福成振兴文龙";
    static readonly string Female = "芳娜敏静丽艳娟霞秀英华玲桂兰红梅琳燕萍雪慧莉婷倩颖晶月凤翠云洁琴巧玉美金彩荣菊";
    static readonly string[] PhonePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159",
        "166", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"];
    static readonly int SurnameTotal = Surnames.Sum(s => s.W);

    readonly Random _rnd = new(seed);
    /// <summary>The villages people live in: the demo county's, or those of a demo province (<see cref="DemoProvince.Villages"/>).</summary>
    readonly string[] _villages = villages ?? DemoCounty.Regions().Where(r => r.Level == AreaLevel.Village).Select(r => r.Code).ToArray();
    // Numbers, not strings: a province of 10 million people keeps these sets in a few hundred MB.
    readonly HashSet<long> _ids = [];
    readonly HashSet<long> _phones = [];

    public IEnumerable<Person> Generate(int count, DateTime createdUtc)
    {
        for (var i = 0; i < count; i++) yield return Next(createdUtc);
    }

    public Person Next(DateTime createdUtc)
    {
        var sex = _rnd.Next(100) < 52 ? Sex.Male : Sex.Female;
        var age = AgeSample();
        var birth = today.AddYears(-age).AddDays(-_rnd.Next(365));
        var village = _villages[_rnd.Next(_villages.Length)];
        var id = NewId(village, birth, sex);
        var p = Person.Create(id, NewName(sex), village, createdUtc);
        p.Phone = _rnd.Next(100) < 92 ? NewPhone() : null;
        p.Education = EducationFor(age);
        p.HouseholdNumber = $"{village}{_rnd.Next(1, 999):000}";
        p.Tags = Tags(sex, age, out var monitored);
        if (monitored is { } m)
        {
            p.MonitoredCategory = m;
            p.MonitoredRiskEliminated = _rnd.Next(100) < 70;
        }
        Employment(p, age);
        return p;
    }

    int AgeSample()
    {
        var r = _rnd.Next(100);
        return r switch
        {
            < 4 => _rnd.Next(16, 18),
            < 30 => _rnd.Next(18, 31),
            < 60 => _rnd.Next(31, 41),
            < 85 => _rnd.Next(41, 51),
            < 97 => _rnd.Next(51, 60),
            _ => _rnd.Next(60, 66),
        };
    }

    IdNumber NewId(string village, DateOnly birth, Sex sex)
    {
        while (true)
        {
            // Most IDs carry the county's own code; some the pre-reform code of the same place (419921 -> 419021).
            var address = _rnd.Next(100) < 85 ? village[..6] : $"{village[..2]}90{village[4..6]}";
            var seq = _rnd.Next(0, 500) * 2 + (sex == Sex.Male ? 1 : 0);
            var first17 = $"{address}{birth:yyyyMMdd}{seq:000}";
            if (_ids.Add(long.Parse(first17))) return IdNumber.Parse(first17 + IdNumber.ComputeCheck(first17));
        }
    }

    string NewName(Sex sex)
    {
        var pick = _rnd.Next(SurnameTotal);
        var surname = Surnames[0].S;
        foreach (var (s, w) in Surnames)
        {
            if (pick < w) { surname = s; break; }
            pick -= w;
        }
        var pool = sex == Sex.Male ? Male : Female;
        var given = pool[_rnd.Next(pool.Length)].ToString();
        if (_rnd.Next(100) < 70) given += pool[_rnd.Next(pool.Length)];
        return surname + given;
    }

    string NewPhone()
    {
        while (true)
        {
            var s = PhonePrefixes[_rnd.Next(PhonePrefixes.Length)] + _rnd.Next(0, 100_000_000).ToString("00000000");
            if (_phones.Add(long.Parse(s))) return s;
        }
    }

    Education EducationFor(int age) => _rnd.Next(100) switch
    {
        < 8 => age > 45 ? Education.Primary : Education.JuniorHigh,
        < 55 => Education.JuniorHigh,
        < 75 => Education.SeniorHigh,
        < 88 => Education.Vocational,
        < 97 => Education.College,
        _ => Education.Bachelor,
    };

    PersonTags Tags(Sex sex, int age, out MonitoredCategory? monitored)
    {
        var t = PersonTags.None;
        monitored = null;
        if (Chance(12)) t |= PersonTags.PovertyAlleviated;
        if (Chance(2.5))
        {
            t |= PersonTags.Monitored;
            monitored = (MonitoredCategory)_rnd.Next(1, 4);
        }
        if (sex == Sex.Female && age is >= 20 and <= 55 && Chance(11)) t |= PersonTags.LeftBehindWoman;
        if (age is >= 18 and <= 59 && Chance(38)) t |= PersonTags.MigrantWorker;
        if (Chance(2)) t |= PersonTags.Disabled;
        if (Chance(3)) t |= PersonTags.Unemployed;
        if (age is >= 16 and <= 20 && Chance(25)) t |= PersonTags.SchoolLeaver;
        if (sex == Sex.Male && age is >= 22 && Chance(3)) t |= PersonTags.Veteran;
        if (age is >= 25 and <= 55 && Chance(1.2)) t |= PersonTags.ReturnedEntrepreneur;
        return t;
    }

    static readonly (string Province, string City, DestinationBand Band)[] Places =
    [
        ("河南省", "禾丰县", DestinationBand.InCounty), ("河南省", "丰州市", DestinationBand.OutOfCountyInCity),
        ("河南省", "郑州市", DestinationBand.OutOfCityInProvince), ("北京市", "北京市", DestinationBand.OutOfProvince),
        ("上海市", "上海市", DestinationBand.OutOfProvince), ("陕西省", "西安市", DestinationBand.OutOfProvince),
        ("广东省", "深圳市", DestinationBand.OutOfProvince), ("浙江省", "杭州市", DestinationBand.OutOfProvince),
        ("江苏省", "苏州市", DestinationBand.OutOfProvince),
    ];
    static readonly string[] Industries = ["家政服务", "足浴保健", "艾灸理疗", "建筑业", "制造业", "电子商务", "餐饮", "物流运输", "种植养殖"];

    void Employment(Person p, int age)
    {
        var r = _rnd.Next(100);
        p.EmploymentStatus = age < 18 && r < 60 ? EmploymentStatus.InSchool : r switch
        {
            < 8 => EmploymentStatus.Unemployed,
            < 30 => EmploymentStatus.Farming,
            < 50 => EmploymentStatus.InCounty,
            < 65 => EmploymentStatus.OutOfCountyInProvince,
            < 87 => EmploymentStatus.OutOfProvince,
            < 93 => EmploymentStatus.Flexible,
            < 96 => EmploymentStatus.SelfEmployed,
            < 99 => EmploymentStatus.InSchool,
            _ => EmploymentStatus.UnableToWork,
        };
        if ((p.Tags & PersonTags.Unemployed) != 0) p.EmploymentStatus = EmploymentStatus.Unemployed;
        var place = p.EmploymentStatus switch
        {
            EmploymentStatus.InCounty => Places[0],
            EmploymentStatus.OutOfCountyInProvince => Places[_rnd.Next(1, 3)],
            EmploymentStatus.OutOfProvince => Places[_rnd.Next(3, Places.Length)],
            _ => default,
        };
        if (place.Province is null) return;
        p.WorkProvince = place.Province;
        p.WorkCity = place.City;
        p.Destination = place.Band;
        p.Industry = Industries[_rnd.Next(Industries.Length)];
        p.WorkingSince = today.AddMonths(-_rnd.Next(1, 120));
        p.MonthlyIncomeFen = (place.Band == DestinationBand.InCounty ? _rnd.Next(2500, 4500) : _rnd.Next(4000, 9000)) * 100L;
    }

    bool Chance(double percent) => _rnd.NextDouble() * 100 < percent;
}
