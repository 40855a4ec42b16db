using CountySkills.Web.Domain;

namespace CountySkills.Tests.Domain;

public sealed class PublicCodeTests
{
    [Fact]
    public void A_completion_number_carries_the_year_and_its_check_character_catches_every_single_mistyped_character()
    {
        for (var round = 0; round < 50; round++)
        {
            var number = PublicCodes.NewCompletionNumber(2026);
            Assert.Matches("^PX2026[0-9A-HJKMNP-TV-Z]{11}$", number);
            Assert.True(PublicCodes.IsCompletionNumber(number), number);
            for (var i = 6; i < number.Length; i++)
                foreach (var other in PublicCodes.Alphabet.Where(c => c != number[i]))
                {
                    var typo = number[..i] + other + number[(i + 1)..];
                    Assert.False(PublicCodes.IsCompletionNumber(typo), $"{typo} passes for {number}");
                }
        }
    }

    [Fact]
    public void Codes_drawn_one_after_the_other_do_not_repeat_or_count_up()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => PublicCodes.NewNoticeCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(12, c.Length));
        // Roughly uniform over the 32 characters in every position (a counter would leave the first positions nearly constant).
        for (var i = 0; i < 12; i++) Assert.True(codes.Select(c => c[i]).Distinct().Count() >= 28, $"position {i}");
    }

    [Theory]
    [InlineData(" 5fxw60pbamws ", "5FXW60PBAMWS")]
    [InlineData("", null)]
    [InlineData("../../etc", null)]
    [InlineData("123456789012345678901", null)]
    public void A_code_as_typed_is_trimmed_and_upper_cased_and_anything_else_is_no_code(string typed, string? expected) =>
        Assert.Equal(expected, PublicCodes.Normalise(typed));
}
