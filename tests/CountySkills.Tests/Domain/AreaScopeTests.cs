using CountySkills.Web.Data.Demo;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;

namespace CountySkills.Tests.Domain;

public sealed class AreaScopeTests
{
    sealed record Row(string AreaCode) : IAreaScoped;

    static readonly Row[] Rows = [new("419921101001"), new("419921101099"), new("419921102001"), new("419921109001"), new("419921110001"), new("419922001001")];

    [Theory]
    [InlineData("419921101", 2)]
    [InlineData("419921109", 1)]
    [InlineData("419921", 5)]
    [InlineData("4199", 6)]
    [InlineData("419921101001", 1)]
    public void A_prefix_range_selects_exactly_the_codes_under_the_prefix(string prefix, int expected)
    {
        var f = Scope.AreaPrefix<Row>(prefix).Compile();
        Assert.Equal(expected, Rows.Count(f));
        Assert.All(Rows.Where(f), r => Assert.StartsWith(prefix, r.AreaCode));
    }

    [Fact]
    public void The_demo_county_has_the_reference_shape()
    {
        var regions = DemoCounty.Regions().ToList();
        var townships = regions.Where(r => r.Level == AreaLevel.Township).ToList();
        Assert.Equal(11, townships.Count(t => t.Kind == TownshipKind.Town));
        Assert.Equal(5, townships.Count(t => t.Kind == TownshipKind.Township));
        Assert.Equal(1, townships.Count(t => t.Kind == TownshipKind.Subdistrict));
        Assert.Equal(1, townships.Count(t => t.Kind == TownshipKind.Zone));
        Assert.Equal(353, regions.Count(r => r.Level == AreaLevel.Village));
        Assert.All(regions.Where(r => r.Level == AreaLevel.Village), v => Assert.Matches(@"^419921\d{6}$", v.Code));
    }

    [Fact]
    public void Demo_people_are_deterministic_and_their_ids_match_them()
    {
        var today = new DateOnly(2026, 11, 29);
        var a = new DemoPeople(7, today).Generate(3000, DateTime.UnixEpoch).ToList();
        var b = new DemoPeople(7, today).Generate(3000, DateTime.UnixEpoch).ToList();
        Assert.Equal(a.Select(p => p.IdNumber + p.Name + p.Phone), b.Select(p => p.IdNumber + p.Name + p.Phone));
        Assert.Equal(a.Count, a.Select(p => p.IdNumber).Distinct().Count());
        foreach (var p in a)
        {
            var id = IdNumber.Parse(p.IdNumber, today);
            Assert.Equal(id.BirthDate, p.BirthDate);
            Assert.Equal(id.Sex, p.Sex);
            Assert.InRange(p.AgeOn(today), 16, 65);
            Assert.True(p.Phone is null || Phone.IsValid(p.Phone));
            Assert.InRange(p.Name.Length, 2, 4);
        }
        var poverty = a.Count(p => p.Tags.HasFlag(PersonTags.PovertyAlleviated)) / (double)a.Count;
        Assert.InRange(poverty, 0.08, 0.16);
        var outside = a.Count(p => p.EmploymentStatus is EmploymentStatus.OutOfProvince or EmploymentStatus.OutOfCountyInProvince) / (double)a.Count;
        Assert.InRange(outside, 0.25, 0.45);
    }
}
