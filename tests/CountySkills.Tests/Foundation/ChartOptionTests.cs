using System.Globalization;
using System.Text.Json;
using CountySkills.Web.Components.Shared;

namespace CountySkills.Tests.Foundation;

/// <summary>The option EChart hands to ECharts (ADR 0017): camelCase, no nulls but a gap's value, a code on every point, the CJK font.</summary>
public sealed class ChartOptionTests
{
    static JsonElement Json(object option) => JsonDocument.Parse(EChart.Serialise(option)).RootElement;

    [Fact]
    public void A_bar_chart_carries_its_categories_and_each_points_code_and_no_nulls()
    {
        var o = Json(ChartOption.Bar("各乡镇培训人数", [new("青石镇", 120, "419921101"), new("柳河镇", 80, "419921102")], "培训人数"));
        Assert.Equal("各乡镇培训人数", o.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(["青石镇", "柳河镇"], o.GetProperty("xAxis").GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("value", o.GetProperty("yAxis").GetProperty("type").GetString());
        var data = o.GetProperty("series")[0].GetProperty("data");
        Assert.Equal("419921102", data[1].GetProperty("code").GetString());
        Assert.Equal(80, data[1].GetProperty("value").GetDouble());
        Assert.DoesNotContain("null", EChart.Serialise(ChartOption.Bar(null, [new("青石镇", 1)])));
        Assert.Equal(ChartOption.FontFamily, o.GetProperty("textStyle").GetProperty("fontFamily").GetString());
    }

    [Fact]
    public void A_horizontal_stacked_bar_puts_categories_on_the_vertical_axis_first_on_top()
    {
        var o = Json(ChartOption.StackedBar(null, [new("省内", [new("焊工", 1)]), new("省外", [new("焊工", 2)])], horizontal: true));
        Assert.Equal("category", o.GetProperty("yAxis").GetProperty("type").GetString());
        Assert.True(o.GetProperty("yAxis").GetProperty("inverse").GetBoolean());
        Assert.All(o.GetProperty("series").EnumerateArray(), s => Assert.Equal("total", s.GetProperty("stack").GetString()));
        Assert.True(o.TryGetProperty("legend", out _));
    }

    [Fact]
    public void This_year_against_last_year_has_twelve_months_a_gap_for_months_not_reached_and_month_codes()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        try
        {
            var o = Json(ChartOption.YearOverYear("月度就业", 2026, [1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], "2026年", "2025年"));
            Assert.Equal(12, o.GetProperty("xAxis").GetProperty("data").GetArrayLength());
            Assert.Equal("1月", o.GetProperty("xAxis").GetProperty("data")[0].GetString());
            var thisYear = o.GetProperty("series")[0].GetProperty("data");
            Assert.Equal("2026-03", thisYear[2].GetProperty("code").GetString());
            Assert.Equal(JsonValueKind.Null, thisYear[3].GetProperty("value").ValueKind);
            Assert.Equal("2025-12", o.GetProperty("series")[1].GetProperty("data")[11].GetProperty("code").GetString());
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    [Fact]
    public void A_ring_is_a_pie_with_two_radii_and_an_item_tooltip()
    {
        var o = Json(ChartOption.Ring("去向", [new("县内", 4, "local")]));
        var s = o.GetProperty("series")[0];
        Assert.Equal("pie", s.GetProperty("type").GetString());
        Assert.Equal(2, s.GetProperty("radius").GetArrayLength());
        Assert.Equal("item", o.GetProperty("tooltip").GetProperty("trigger").GetString());
    }

    [Fact]
    public void Any_other_option_gets_the_font_unless_it_names_one()
    {
        Assert.Equal(ChartOption.FontFamily, Json(new { series = Array.Empty<object>() }).GetProperty("textStyle").GetProperty("fontFamily").GetString());
        Assert.Equal("serif", Json("""{"textStyle":{"fontFamily":"serif"}}""").GetProperty("textStyle").GetProperty("fontFamily").GetString());
    }
}
