using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CountySkills.Tests.Infrastructure;
using static CountySkills.Tests.Brands.BrandKit;
using static CountySkills.Tests.Employment.EmploymentKit;
using static CountySkills.Tests.Training.TrainingKit;

namespace CountySkills.Tests.Brands;

/// <summary>
/// Complaint-free service is counted in calendar months through the star proposal API: exactly six months on the day is 二星 with the junior
/// certificate, a day short is not; exactly 48 months with the three certificates is 金牌, a day short is 五星.
/// </summary>
public abstract class ComplaintFreeMonthsTests(ClockedApp app)
{
    const string Housekeeper = "4-10-01-06", Nanny = "4-10-01-02", Dietitian = "4-03-02-05";

    async Task<JsonElement> ProposalAfter(string name, string placedOn, params (string Occupation, string Level)[] certificates)
    {
        var county = await app.ClientFor("county");
        var brand = IdOf(await NewBrand(county));
        var (person, id) = await Person(county, name);
        var member = await Join(county, brand, person);
        foreach (var (occupation, level) in certificates) await Certify(county, id, occupation, level, issuedOn: "2026-03-01");
        await Placed(county, person, placedOn);
        return await Proposal(county, member);
    }

    [Fact]
    public async Task Exactly_six_calendar_months_on_the_day_is_two_stars_and_one_day_short_is_not()
    {
        app.Clock.SetLocal(new DateOnly(2026, 8, 1));
        try
        {
            var six = await ProposalAfter("周满六", "2026-02-01", (Housekeeper, "Junior"));   // 1 Feb to 1 Aug: 181 days, six calendar months
            Assert.Equal(("Two", "二星", 6), (Str(six, "level"), Str(six, "levelName"), Int(six, "complaintFreeMonths")));

            var short1 = await ProposalAfter("周差一", "2026-02-02", (Housekeeper, "Junior"));
            Assert.Equal(("One", 5), (Str(short1, "level"), Int(short1, "complaintFreeMonths")));
        }
        finally { app.ResetClock(); }
    }

    [Fact]
    public async Task Exactly_48_calendar_months_with_the_three_certificates_is_gold_and_one_day_short_is_five_stars()
    {
        app.ResetClock();   // 2026-11-30
        (string, string)[] certificates = [(Housekeeper, "Advanced"), (Nanny, "Advanced"), (Dietitian, "Intermediate")];
        var gold = await ProposalAfter("吴满四八", "2022-11-30", certificates);
        Assert.Equal(("Gold", "金牌", 48), (Str(gold, "level"), Str(gold, "levelName"), Int(gold, "complaintFreeMonths")));
        Assert.Equal(JsonValueKind.Null, gold.GetProperty("next").ValueKind);

        var short1 = await ProposalAfter("吴差一", "2022-12-01", certificates);
        Assert.Equal(("Five", 47), (Str(short1, "level"), Int(short1, "complaintFreeMonths")));
        // What the next level needs names the occupations, not only their codes.
        Assert.Contains("48", Str(short1, "next"));
    }

    [Fact]
    public async Task Month_end_starts_count_a_month_at_the_end_of_a_shorter_month()
    {
        app.Clock.SetLocal(new DateOnly(2026, 2, 28));
        try
        {
            var p = await ProposalAfter("郑月末", "2026-01-31");
            Assert.Equal(1, Int(p, "complaintFreeMonths"));
        }
        finally { app.ResetClock(); }
    }
}

public sealed class ComplaintFreeMonthsTests_Sqlite(ClockedSqliteApp app) : ComplaintFreeMonthsTests(app), IClassFixture<ClockedSqliteApp>;
public sealed class ComplaintFreeMonthsTests_Postgres(ClockedPostgresApp app) : ComplaintFreeMonthsTests(app), IClassFixture<ClockedPostgresApp>;
