using System.IO.Compression;
using CountySkills.Web.Infrastructure.Word;

namespace CountySkills.Tests.Word;

/// <summary>A county work report that uses every element of <see cref="GovDocument"/>, long enough for four pages.</summary>
public static class SampleReport
{
    public const string Title = "禾丰县2026年职业技能培训和劳务输出工作汇报";
    public static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));

    public static readonly string[] Headers = ["乡镇（街道）", "培训人次", "取证人数", "取证率", "转移就业"];
    public static readonly string[][] Rows =
    [
        ["青石镇", "1,286", "1,102", "85.7%", "964"],
        ["柳溪乡", "934", "801", "85.8%", "702"],
        ["白沙镇", "1,057", "873", "82.6%", "811"],
        ["龙泉街道", "1,512", "1,344", "88.9%", "1,206"],
        ["石门乡", "618", "497", "80.4%", "455"],
        ["云台镇", "842", "726", "86.2%", "690"],
    ];
    public static readonly string[] Total = ["合计", "6,249", "5,343", "85.5%", "4,828"];

    public static byte[] Build(byte[]? photo = null)
    {
        using var ms = new MemoryStream();
        using (var doc = new GovDocument(ms, new GovDocumentInfo(Title, "禾丰县人力资源和社会保障局", Created, "工作汇报")))
        {
            doc.Title("禾丰县2026年职业技能培训\n和劳务输出工作汇报")
               .Subtitle("（禾丰县人力资源和社会保障局　2026年12月）")
               .Paragraph("今年以来，我县坚持把职业技能培训作为稳就业、促增收的重要抓手，围绕“培训一人、就业一人、带动一户”的目标，"
                   + "统筹推进技能培训、技能评价和劳务输出各项工作，取得了阶段性成效。现将有关情况汇报如下。")
               .Heading1("总体情况")
               .Paragraph(GovSpan.Bold("全年累计开展各类职业技能培训6249人次，"), "完成年度目标任务的112.3%；其中取得职业资格证书或职业技能等级证书5343人，"
                   + "取证率85.5%；培训后实现转移就业4828人。各乡镇（街道）完成情况见表1。")
               .Caption("表1　2026年各乡镇（街道）培训和就业情况")
               .Table(Headers, Rows, [40, 29, 29, 29, 29], Total)
               .Heading2("培训规模稳步扩大")
               .Paragraph(Filler("围绕县域主导产业和劳务输出重点工种，开设电工、焊工、养老护理员、中式烹调师等培训项目"))
               .Heading3("订单式培训")
               .Paragraph(Filler("与县外合作企业签订用工订单，按岗位要求设置课程，培训合格后直接上岗"))
               .Heading3("以工代训")
               .Paragraph(Filler("组织企业新录用人员在岗培训，按规定落实以工代训补贴"))
               .Heading2("劳务品牌逐步叫响")
               .Paragraph(Filler("打造“禾丰月嫂”“青石焊匠”等劳务品牌，品牌从业人员稳定增长"))
               .BarChart(new GovBarChart("2026年各乡镇（街道）培训与就业人数",
                   Rows.Select(r => r[0]).ToArray(),
                   [new GovChartSeries("培训人次", Rows.Select(r => Number(r[1])).ToArray()),
                    new GovChartSeries("转移就业", Rows.Select(r => Number(r[4])).ToArray())])
               { ValueAxisTitle = "人", NumberFormat = "#,##0" })
               .Caption("图1　各乡镇（街道）培训与就业人数")
               .Heading1("存在的问题")
               .Paragraph(Filler("部分培训项目与市场需求衔接不够紧密，培训后就业稳定性有待提高"))
               .Paragraph(Filler("基层公共就业服务力量相对薄弱，信息化手段运用不够充分"))
               .PageBreak()
               .Heading1("下一步工作打算")
               .Paragraph(Filler("坚持需求导向，完善“企业下单、政府买单、机构培训、员工就业”的订单培训机制"))
               .Picture(photo ?? Png(320, 200), 120, "青石镇焊工培训班实操现场")
               .Caption("图2　青石镇焊工培训班实操现场")
               .Paragraph(Filler("加强培训质量监管，推行培训过程实时监控和补贴资金直达，确保资金安全"))
               .Caption("表2　2026年各村（社区）培训明细")
               .Table(VillageHeaders, Villages(), [16, 50, 40, 25, 25]);
            doc.Save();
        }
        return ms.ToArray();
    }

    /// <summary>The header of the long table, which runs over a page and repeats this row on the next.</summary>
    public static readonly string[] VillageHeaders = ["序号", "村（社区）", "所属乡镇（街道）", "培训人次", "取证人数"];

    private static string[][] Villages() => Enumerable.Range(1, 40).Select(i => new[]
    {
        $"{i}", $"第{GovText.ChineseNumber(i)}村", Rows[i % Rows.Length][0], $"{100 + i * 7 % 60}", $"{80 + i * 5 % 40}",
    }).ToArray();

    private static double Number(string s) => double.Parse(s.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    private static string Filler(string lead) =>
        lead + "。工作中，我们注重加强统筹协调，县、乡、村三级联动，逐户摸排劳动力底数，建立培训需求清单和岗位供给清单，"
        + "做到应培尽培、能培尽培；同时严格落实培训补贴政策，规范资金申领和拨付流程，主动接受审计和社会监督，"
        + "确保每一分钱都用在刀刃上，让群众真正得到实惠。";

    /// <summary>A valid RGB PNG of the given size (a blue-to-orange gradient), written by hand.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (width * 3 + 1)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var at = y * (width * 3 + 1) + 1 + x * 3;
                raw[at] = (byte)(47 + 200 * x / width);
                raw[at + 1] = (byte)(85 + 80 * y / height);
                raw[at + 2] = (byte)(151 - 120 * x / width);
            }
        using var zipped = new MemoryStream();
        using (var z = new ZLibStream(zipped, CompressionLevel.Optimal)) z.Write(raw);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [.. Be(width), .. Be(height), 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", zipped.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Be(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static void Chunk(Stream s, string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        s.Write(Be(data.Length));
        s.Write(typed);
        s.Write(Be((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
