using System.Globalization;
using System.Text.RegularExpressions;
using CountySkills.Web.Features.Indicators;
using CountySkills.Web.Infrastructure.Word;

namespace CountySkills.Web.Features.Reports.WorkReport;

/// <summary>
/// Lays the county work report out as a government document (<see cref="GovDocument"/>): title and issuer, then 一、县情及总体工作开展情况,
/// 二、主要做法 (a （一） heading per practice), 三、取得成效 (表1 indicators against the plan, 图1 training by month, the brands, the typical
/// cases with a photo) and 四、下步打算 (next year's targets).
/// </summary>
public static partial class WorkReportDocument
{
    static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The report's title; <paramref name="lineBreak"/> breaks it in two balanced lines for the page.</summary>
    public static string Title(ReportFigures f, bool lineBreak)
    {
        var br = lineBreak ? "\n" : "";
        return f.Period.FirstYear == f.Period.LastYear
            ? $"{f.AreaName}{f.Period.Words}技能培训和{br}劳务输出工作情况汇报"
            : $"{f.AreaName}{f.Period.Words}{br}技能培训和劳务输出工作情况汇报";
    }

    public static string Issuer(ReportFigures f) => $"{f.AreaName}人力资源和社会保障局";

    public static string Day(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    public static async Task WriteAsync(Stream output, WorkReportContent c, GovDocumentInfo info, CancellationToken ct)
    {
        using var doc = new GovDocument(output, info);
        var f = c.Figures;
        doc.Title(Title(f, lineBreak: true)).Subtitle($"（{Issuer(f)}　{Day(c.Today)}）");

        doc.Heading1("县情及总体工作开展情况");
        Paragraphs(doc, c.Text("overview"));
        doc.Paragraph(LedgerSentence(c));

        doc.Heading1("主要做法");
        foreach (var s in Sections.All.Where(s => s.Chapter == "二"))
        {
            doc.Heading2(Unnumbered(s.Title));
            Paragraphs(doc, c.Text(s.Key));
        }

        doc.Heading1("取得成效");
        Paragraphs(doc, c.Text("results"));
        Results(doc, c);

        doc.Heading1("下步打算");
        Paragraphs(doc, c.Text("next_steps"));
        NextYear(doc, c);
        await doc.SaveAsync(ct);
    }

    static void Results(GovDocument doc, WorkReportContent c)
    {
        var words = c.Period.Words;
        doc.Heading2("主要指标完成情况");
        doc.Caption($"表1　{words}主要指标完成情况");
        if (c.HasTargets)
            doc.Table(["指标", "单位", "目标", "完成值", "完成率"], c.Indicators.Select(i => (IReadOnlyList<string>)
                [i.Indicator.Name, Unit(i.Indicator), i.Target is { } t ? Number(i.Indicator, t) : "—", Number(i.Indicator, i.Value), Rate(i.Value, i.Target)]).ToList(),
                [58, 20, 28, 28, 22]);
        else
            doc.Table(["指标", "单位", "完成值"], c.Indicators.Select(i => (IReadOnlyList<string>)
                [i.Indicator.Name, Unit(i.Indicator), Number(i.Indicator, i.Value)]).ToList(), [80, 30, 46]);

        var figure = 0;
        if (c.Training is { } t)
        {
            // Value labels only while they have room (no more than 12 bars); none over an empty month either ("0" hidden).
            var bars = t.Categories.Count * t.Lines.Count;
            doc.BarChart(new GovBarChart(t.Title, t.Categories, t.Lines.Select(l => new GovChartSeries(l.Name, l.Values)).ToList())
                { ValueAxisTitle = "人次", NumberFormat = bars <= 12 ? "#,##0;-#,##0;" : "#,##0", ShowValues = bars <= 12, HeightMm = 75 });
            doc.Caption($"图{++figure}　{t.Title}");
            // A body paragraph after the caption also ends the keep-with-next chain of figure and caption (the next heading need not follow them).
            doc.Paragraph(TrainingSentence(c.Period, t));
        }

        if (c.Brands.Count > 0)
        {
            doc.Heading2("劳务品牌");
            doc.Paragraph($"全县培育劳务品牌{c.Brands.Count}个，{words}以品牌名义输出{Count(c.Brands.Sum(b => b.Output))}人，现有在册品牌从业人员{Count(c.Brands.Sum(b => b.Members))}人。");
            foreach (var b in c.Brands)
                doc.Paragraph(GovSpan.Bold($"“{b.Name}”。"),
                    $"属{b.Category}类，由{b.Owner}运营，现有在册从业人员{Count(b.Members)}人，{words}以品牌名义输出{Count(b.Output)}人。{Sentence(b.Description)}");
        }

        if (c.Cases.Count > 0)
        {
            doc.Heading2("典型案例");
            foreach (var k in c.Cases)
            {
                doc.Paragraph(GovSpan.Bold($"{k.Title}。"), (k.Brand is { } b ? $"（{b}，{k.PersonName}）" : $"（{k.PersonName}）") + k.Story);
                if (k.Photo is { } photo && TryPicture(doc, photo, k.Title)) doc.Caption($"图{++figure}　{k.Title}");
            }
        }
    }

    static void NextYear(GovDocument doc, WorkReportContent c)
    {
        var year = c.Period.LastYear + 1;
        doc.Heading2($"{year}年目标任务");
        if (c.Next is not { Items.Count: > 0 } next)
        {
            doc.Paragraph($"{year}年度目标任务待下达，下达后将逐项分解到各乡镇（街道）和县直有关部门，确保按期完成。");
            return;
        }
        doc.Paragraph(next.Status == PlanStatus.Issued
            ? $"根据《{next.Title}》，{year}年主要目标任务如下："
            : $"{year}年目标任务（草案，待下达）拟定如下：");
        var n = 0;
        foreach (var (ind, target) in next.Items)
            doc.Paragraph($"{++n}.{ind.Name}目标{Number(ind, target)}{Unit(ind)}{(n == next.Items.Count ? "。" : "；")}");
    }

    /// <summary>What 图1 shows, in one sentence: this year against the same months of last year, or the busiest year of a span.</summary>
    static string TrainingSentence(ReportPeriod period, WorkReportContent.Series t)
    {
        var now = t.Lines[0].Values.Sum();
        var months = t.Categories.Count == 12 ? "全年" : $"1—{t.Categories.Count}月";
        if (t.Lines.Count == 1)
        {
            var best = t.Lines[0].Values.Select((v, i) => (v, i)).MaxBy(x => x.v);
            return $"{period.Words}累计开展职业技能培训{Count((decimal)now)}人次，其中{t.Categories[best.i]}最多，为{Count((decimal)best.v)}人次。";
        }
        var before = t.Lines[1].Values.Sum();
        var change = before == 0 ? "" : now >= before
            ? $"，同比增长{(100 * (now - before) / before).ToString("0.0", Zh)}%"
            : $"，同比下降{(100 * (before - now) / before).ToString("0.0", Zh)}%";
        return $"从各月情况看，{period.LastYear}年{months}累计培训{Count((decimal)now)}人次，上年同期{Count((decimal)before)}人次{change}。";
    }

    /// <summary>The ledger by employment status, in one sentence.</summary>
    static string LedgerSentence(WorkReportContent c)
    {
        var total = c.Ledger.Sum(l => l.People);
        var outside = c.Ledger.Where(l => l.Status is EmploymentStatus.OutOfCountyInProvince or EmploymentStatus.OutOfProvince).Sum(l => l.People);
        var parts = c.Ledger.Where(l => l.People > 0).Select(l => $"{WorkReportContent.StatusName(l.Status)}{Count(l.People)}人");
        var share = total == 0 ? "" : $"，占{(100m * outside / total).ToString("0.0", Zh)}%";
        return $"截至{Day(c.Today)}，全县{c.Figures.ByName["乡镇数"]}个乡镇（街道）、{c.Figures.ByName["行政村数"]}个行政村劳动力资源台账在册{Count(total)}人，"
            + $"其中外出务工（县外省内、省外）{Count(outside)}人{share}。" + (total == 0 ? "" : $"按就业状态分：{string.Join("，", parts)}。");
    }

    static void Paragraphs(GovDocument doc, string text)
    {
        foreach (var p in text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) doc.Paragraph(p);
    }

    static bool TryPicture(GovDocument doc, byte[] photo, string title)
    {
        try { doc.Picture(photo, 120, title); return true; }
        catch (ArgumentException) { return false; } // a file the builder cannot size (checked before anything is added)
    }

    [GeneratedRegex(@"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])\s*")]
    private static partial Regex LeadingNumber();

    /// <summary>"（一）健全工作机制" → "健全工作机制": the builder numbers headings itself.</summary>
    public static string Unnumbered(string title)
    {
        while (LeadingNumber().IsMatch(title)) title = LeadingNumber().Replace(title, "", 1);
        return title.Trim();
    }

    static string Sentence(string? s) => string.IsNullOrWhiteSpace(s) ? "" : s.Trim() is var t && "。！？".Contains(t[^1]) ? t : t + "。";

    static string Count(decimal n) => n.ToString("0.##", Zh); // prose writes 20000人, as the placeholders do

    /// <summary>The unit a report writes: money in 万元 (medians in 元), others as the catalogue has them.</summary>
    public static string Unit(Indicator i) => i.Unit switch
    {
        "分" when i.Kind == IndicatorKind.Median => "元",
        "分" => "万元",
        var u => u,
    };

    /// <summary>A value in <see cref="Unit"/>: 12,345 · 66.7 · 123.45 (万元); "—" when there is none.</summary>
    public static string Number(Indicator i, decimal? value) => value is not { } v ? "—" : i.Unit switch
    {
        "%" => v.ToString("0.0", Zh),
        "分" when i.Kind == IndicatorKind.Median => (v / 100).ToString("#,##0", Zh),
        "分" => (v / 1_000_000m).ToString("#,##0.00", Zh),
        _ => v.ToString("#,##0.##", Zh),
    };

    static string Rate(decimal? value, decimal? target) =>
        value is { } v && target is > 0 ? (100m * v / target.Value).ToString("0.0", Zh) + "%" : "—";
}
