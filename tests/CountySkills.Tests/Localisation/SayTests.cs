using System.Globalization;
using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure;

namespace CountySkills.Tests.Localisation;

/// <summary>How a Chinese message and an enum word are said in English (ADR 0021), and that Chinese stays as written.</summary>
public sealed class SayTests
{
    static T In<T>(string culture, Func<T> f)
    {
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try { return f(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c); }
    }

    [Fact]
    public void A_refusal_is_said_by_its_code_with_its_values_and_enum_words_in_English()
    {
        var refusal = new TrainingClass { Name = "焊工班", Status = ClassStatus.Completed }.Apply(ClassAction.Approve, county: true, null, "county", DateTime.UtcNow)!;
        Assert.Equal("transition.invalid_state", refusal.Code);
        Assert.Equal(refusal.Message, In("zh-CN", () => Say.Message(refusal.Message, refusal.Code)));
        Assert.Equal("The class is “Completed”: it cannot “Approve”", In("en-US", () => Say.Message(refusal.Message, refusal.Code)));
    }

    [Fact]
    public void A_message_without_a_code_is_found_by_its_Chinese_words_and_data_stays_as_entered()
    {
        Assert.Equal("The placement was not found", In("en-US", () => Say.Message("没有找到该就业记录", null, Outcome.NotFound)));
        Assert.Equal("Name: at most 40 characters", In("en-US", () => Say.Message("姓名不超过 40 个字")));
        Assert.Equal("Brand “禾红家政” is already registered", In("en-US", () => Say.Message("品牌“禾红家政”已登记")));
        // A sentence nobody translated yet: the generic words of its outcome, never Chinese.
        Assert.Equal("The record was not found", In("en-US", () => Say.Message("一句还没有英文的话", null, Outcome.NotFound)));
        Assert.Equal("一句还没有英文的话", In("zh-CN", () => Say.Message("一句还没有英文的话", null, Outcome.NotFound)));
    }

    [Fact]
    public void Enum_words_follow_the_culture_and_Zh_stays_Chinese()
    {
        Assert.Equal("In training", In("en-US", () => Words.Of(ClassStatus.InProgress)));
        Assert.Equal("培训中", In("zh-CN", () => Words.Of(ClassStatus.InProgress)));
        Assert.Equal("培训中", In("en-US", () => Zh.Of(ClassStatus.InProgress)));
        Assert.Equal("Unpaid wages, Wants to return home", In("en-US", () => Words.Of(FollowUpProblems.UnpaidWages | FollowUpProblems.WantsToReturn)));
    }
}
