using CountySkills.Web.Domain;

namespace CountySkills.Tests.Domain;

public sealed class IdNumberTests
{
    static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Sex.Female)]
    [InlineData("440524188001010014", "1880-01-01", Sex.Male)]
    [InlineData("370101190102039973", "1901-02-03", Sex.Male)]
    public void Accepts_the_valid_examples_and_derives_birth_date_and_sex(string text, string birth, Sex sex)
    {
        Assert.True(IdNumber.TryParse(text, Today, out var id, out var error), error?.Message);
        Assert.Equal(DateOnly.Parse(birth), id.BirthDate);
        Assert.Equal(sex, id.Sex);
    }

    [Fact]
    public void Upgrades_a_15_digit_legacy_number() =>
        Assert.Equal("34052419800101001X", IdNumber.Parse("340524800101001", Today).Value);

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("11010519491231002Ｘ")]
    [InlineData("\u300011010519491231002X\u3000")]
    [InlineData("110105-19491231002X")]
    [InlineData("11010519491231002X*")]
    [InlineData("`11010519491231002X")]
    public void Normalises_the_noise_real_ledgers_carry(string text) =>
        Assert.Equal("11010519491231002X", IdNumber.Parse(text, Today).Value);

    [Theory]
    [InlineData("11010519491231002Y", IdNumberError.Format)]
    [InlineData("4.10327E+17", IdNumberError.Format)]
    [InlineData("1101051949123100", IdNumberError.Format)]
    [InlineData("110105194912310021", IdNumberError.Checksum)]
    [InlineData("110105194902300028", IdNumberError.BirthDate)]
    public void Rejects_with_the_specific_code(string text, string code)
    {
        Assert.False(IdNumber.TryParse(text, Today, out _, out var error));
        Assert.Equal(code, error!.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
    }

    [Fact]
    public void Rejects_a_birth_date_in_the_future()
    {
        var first17 = "41992120270101001";
        var text = first17 + IdNumber.ComputeCheck(first17);
        Assert.False(IdNumber.TryParse(text, Today, out _, out var error));
        Assert.Equal(IdNumberError.BirthDate, error!.Code);
    }

    [Fact]
    public void Masks_all_but_the_first_and_last_four() =>
        Assert.Equal("1101**********002X", IdNumber.Parse("11010519491231002X", Today).Masked);

    [Fact]
    public void Masks_a_phone_number() => Assert.Equal("138****5678", Phone.Mask("13812345678"));
}

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91512081MA62K0260E")]
    public void Accepts_the_valid_examples(string text) => Assert.True(CreditCode.TryParse(text, out _, out var e), e);

    [Theory]
    [InlineData("91350100M000100Y44")] // wrong check
    [InlineData("91350100M000100I43")] // I is not in the alphabet
    [InlineData("91350100M000100Y4")]  // too short
    public void Rejects_invalid_codes(string text)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error);
    }
}
