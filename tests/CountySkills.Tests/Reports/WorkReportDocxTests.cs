using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CountySkills.Tests.Infrastructure;
using CountySkills.Tests.Word;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CountySkills.Tests.Reports;

/// <summary>The county work report as a Word file: GET /api/reports/work-report.docx, on the clocked demo county (today 2026-11-30).</summary>
public abstract class WorkReportDocxTests(ClockedApp app, ITestOutputHelper output)
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const string Overview = "{县名}{期间}开展职业技能培训{培训人次}人次，{没有这项}。联系人王女士13812345678。发证{取证人次}本，结业后第6个月就业率{培训结束后第6个月就业率}。";
    static readonly SemaphoreSlim Once = new(1, 1);

    [Fact]
    public async Task The_report_downloads_valid_with_its_chapters_filled_narrative_indicators_chart_and_no_personal_data()
    {
        var county = await Prepared();
        var r = await county.GetAsync("/api/reports/work-report.docx?year=2026");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Docx, r.Content.Headers.ContentType?.MediaType);
        var disposition = r.Content.Headers.ContentDisposition!;
        Assert.Equal("work-report-2026.docx", disposition.FileName?.Trim('"'));
        Assert.Equal("工作汇报-2026.docx", disposition.FileNameStar);
        var bytes = await r.Content.ReadAsByteArrayAsync();

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        errors.ForEach(output.WriteLine);
        Assert.Empty(errors);

        var main = doc.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        foreach (var heading in new[] { "一、县情及总体工作开展情况", "二、主要做法", "三、取得成效", "四、下步打算" })
            Assert.Contains(heading, paragraphs);
        Assert.Contains("（一）健全工作机制", paragraphs); // the practice's title, numbered by the builder, not twice
        Assert.Equal("禾丰县2026年技能培训和劳务输出工作情况汇报", doc.PackageProperties.Title);
        Assert.Equal("县人社局 张科长", doc.PackageProperties.Creator);

        // The saved narrative, its placeholder filled with the figure the indicator API gives for the year; the unknown one kept; the phone masked.
        var figure = await HttpAssert.Json(await county.GetAsync("/api/indicators/training.person_times/values?from=2026-01-01&to=2026-12-31"));
        var times = figure.GetProperty("total").GetProperty("value").GetDecimal();
        Assert.True(times > 0, "the demo county trains people this year");
        // Figures outside the table too ({取证人次}), and a name written without the catalogue's spaces, as the preview fills them.
        var preview = (await HttpAssert.Json(await county.GetAsync("/api/reports/work-report?year=2026"))).GetProperty("figures");
        var (issued, employed) = (preview.GetProperty("取证人次").GetString(), preview.GetProperty("培训结束后第 6 个月就业率").GetString());
        Assert.Contains($"禾丰县2026年开展职业技能培训{times:0.##}人次，{{没有这项}}。联系人王女士138****5678。发证{issued}本，结业后第6个月就业率{employed}。", paragraphs);

        // 表1 with the issued plan's targets and completion rate.
        var table = main.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First();
        var rows = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(row => row.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["指标", "单位", "目标", "完成值", "完成率"], rows[0]);
        Assert.Equal(["培训人次", "人次", "12,000", times.ToString("#,##0"), (100m * times / 12000).ToString("0.0") + "%"], rows.Single(x => x[0] == "培训人次"));
        Assert.Contains(rows, x => x[0] == "持证率" && x[1] == "%");
        Assert.Contains(paragraphs, p => p.StartsWith("表1"));

        // 图1: a native chart of this year against last, month by month up to November.
        var chart = Assert.Single(main.ChartParts);
        var chartXml = Xml(chart);
        Assert.Contains("2026年与2025年1—11月各月培训人次", chartXml);
        Assert.Contains(">2025年<", chartXml);
        Assert.Contains(">11月<", chartXml);
        // The sentence under it adds the chart's months up to the year's figure.
        Assert.Contains(paragraphs, p => p.StartsWith($"从各月情况看，2026年1—11月累计培训{times:0.##}人次，上年同期"));

        // Brands and the typical case with its photo, the person's name masked.
        Assert.Contains(paragraphs, p => p.StartsWith("“禾红家政”") || p.Contains("以品牌名义输出"));
        var (title, name) = await TheCase(county);
        Assert.Contains(paragraphs, p => p.StartsWith(title) && p.Contains(Person.MaskName(name)));
        Assert.Single(main.ImageParts);

        // Next year's targets from the 2027 draft plan.
        Assert.Contains("1.培训人次目标13,000人次；", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("2027年目标任务（草案，待下达）"));

        var xml = Xml(main);
        Assert.DoesNotMatch(@"(?<!\d)\d{17}[\dXx](?!\d)", xml);
        Assert.DoesNotMatch(@"(?<!\d)1[3-9]\d{9}(?!\d)", xml);
        Assert.DoesNotContain(name, string.Concat(paragraphs));
    }

    [OfficeFact]
    public async Task LibreOffice_prints_the_report_over_pages_with_its_Chinese_title_and_chapters()
    {
        var county = await Prepared();
        var bytes = await (await county.GetAsync("/api/reports/work-report.docx?year=2026")).Content.ReadAsByteArrayAsync();
        using var pdf = Office.ToPdf(bytes, "work-report-" + app.Provider, gbFontMap: true);
        var pages = Office.Pages(pdf.Path);
        var flat = Regex.Replace(string.Join("\n", pages), @"\s+", "");
        output.WriteLine(string.Join("\n\f", pages));
        Assert.True(Office.PageCount(pdf.Path) >= 2, $"the report should fill two pages at least, LibreOffice made {Office.PageCount(pdf.Path)}");
        Assert.Contains("禾丰县2026年技能培训和劳务输出工作情况汇报", flat);
        Assert.Contains("一、县情及总体工作开展情况", flat);
        Assert.Contains("四、下步打算", flat);
        Assert.Contains("表1", flat);
    }

    [Fact]
    public async Task A_five_year_span_has_the_fourteenth_plan_title_a_bad_year_is_400_and_a_school_is_403()
    {
        var county = await Prepared();
        var r = await county.GetAsync("/api/reports/work-report.docx?period=2021-2025");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("工作汇报-2021-2025.docx", r.Content.Headers.ContentDisposition?.FileNameStar);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal("禾丰县2021—2025年（“十四五”时期）技能培训和劳务输出工作情况汇报", doc.PackageProperties.Title);
            Assert.Contains("2021—2025年（“十四五”时期）", doc.MainDocumentPart!.Document.Body!.InnerText);
            var body = doc.MainDocumentPart.Document.Body;
            // A span has no year's plan to compare with; its next year is 2026, whose issued plan gives the targets.
            Assert.Equal(["指标", "单位", "完成值"], body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().First()
                .Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText));
            Assert.Contains("根据《禾丰县2026年技能培训和劳务输出目标任务》，2026年主要目标任务如下：", body.InnerText);
            Assert.Contains("2.持证率目标80.0%。", body.InnerText);
        }

        foreach (var bad in new[] { "year=20x6", "year=1999", "period=2021-2040" })
        {
            var problem = await HttpAssert.Problem(await county.GetAsync($"/api/reports/work-report.docx?{bad}"), HttpStatusCode.BadRequest);
            Assert.Equal("period.invalid", problem.GetProperty("code").GetString());
        }
        await HttpAssert.Problem(await (await app.ClientFor("school01")).GetAsync("/api/reports/work-report.docx?year=2026"), HttpStatusCode.Forbidden);
        await HttpAssert.Problem(await (await app.ClientFor("town01")).GetAsync("/api/reports/work-report.docx?year=2026"), HttpStatusCode.Forbidden);
        foreach (var reader in new[] { "viewer", "auditor" })
        {
            var ok = await (await app.ClientFor(reader)).GetAsync("/api/reports/work-report.docx?year=2026");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(Docx, ok.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>The county's narrative for 2026, an issued 2026 plan and a draft 2027 one, and a photo on the demo's typical case (once per database).</summary>
    static readonly HashSet<object> PreparedApps = [];

    async Task<HttpClient> Prepared()
    {
        var county = await app.ClientFor("county");
        await Once.WaitAsync();
        try
        {
            await using var scope = app.Scope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            if (!PreparedApps.Add(app)) return county;
            // The test's own plans instead of the demo's.
            db.Plans.RemoveRange(await db.Plans.ToListAsync());
            await db.SaveChangesAsync();
            await HttpAssert.Json(await county.PutAsJsonAsync("/api/reports/narratives/2026/overview", new { text = Overview }));
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var issued = new Plan { Year = 2026, Title = "禾丰县2026年技能培训和劳务输出目标任务", CreatedUtc = now, CreatedBy = "county" };
            Assert.Null(issued.Change(issued.Title, [new PlanItem { IndicatorKey = "training.person_times", Target = 12000, Points = 10 },
                new PlanItem { IndicatorKey = "certificates.rate", Target = 80, Points = 5 }], null, "county", now));
            Assert.Null(issued.Issue("county", now));
            var draft = new Plan { Year = 2027, Title = "禾丰县2027年目标任务", CreatedUtc = now, CreatedBy = "county" };
            Assert.Null(draft.Change(draft.Title, [new PlanItem { IndicatorKey = "training.person_times", Target = 13000 },
                new PlanItem { IndicatorKey = "labour.new_transfers", Target = 3600 }], null, "county", now));
            db.Plans.AddRange(issued, draft);
            await db.SaveChangesAsync();

            var caseId = (await HttpAssert.Json(await county.GetAsync("/api/employment/cases"))).EnumerateArray().First().GetProperty("id").GetInt64();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(SampleReport.Png(400, 300)), "file", "现场.png" } };
            await HttpAssert.Json(await county.PostAsync($"/api/employment/cases/{caseId}/photos", form), HttpStatusCode.Created);
            return county;
        }
        finally { Once.Release(); }
    }

    static async Task<(string Title, string Name)> TheCase(HttpClient county)
    {
        var c = (await HttpAssert.Json(await county.GetAsync("/api/employment/cases"))).EnumerateArray().First();
        return (c.GetProperty("title").GetString()!, c.GetProperty("personName").GetString()!);
    }

    static string Xml(OpenXmlPart part)
    {
        using var reader = new StreamReader(part.GetStream());
        return reader.ReadToEnd();
    }
}

public sealed class WorkReportDocxTests_Sqlite(ClockedSqliteApp app, ITestOutputHelper output) : WorkReportDocxTests(app, output), IClassFixture<ClockedSqliteApp>;
public sealed class WorkReportDocxTests_Postgres(ClockedPostgresApp app, ITestOutputHelper output) : WorkReportDocxTests(app, output), IClassFixture<ClockedPostgresApp>;
