using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Domain;

namespace CountySkills.Tests.Domain;

public sealed class PersonMergeTests
{
    static readonly DateTime Now = new(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);

    static Person New(long id)
    {
        var p = Person.Create(IdNumber.Parse(Ids.New(1980)), "合并测试", "419921101001", Now);
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(p, id); // as the database would give it
        return p;
    }

    [Fact]
    public void A_merge_never_leaves_a_chain_what_was_merged_into_the_duplicate_points_to_the_survivor()
    {
        var (a, b, c) = (New(1), New(2), New(3));
        Assert.Null(a.MergeInto(b, [], Now));
        Assert.Null(b.MergeInto(c, [a], Now));
        Assert.Equal(3, a.MergedIntoId);
        Assert.Equal(3, b.MergedIntoId);
        Assert.Null(c.MergedIntoId);
    }

    [Fact]
    public void Refuses_a_survivor_that_was_itself_merged()
    {
        var (a, b, c) = (New(1), New(2), New(3));
        Assert.Null(a.MergeInto(b, [], Now));
        Assert.NotNull(c.MergeInto(a, [], Now));
        Assert.Null(c.MergedIntoId);
    }
}
