using DocumentFormat.OpenXml.Wordprocessing;

namespace CountySkills.Web.Infrastructure.Word;

/// <summary>
/// The fonts of GB/T 9704-2012 and what stands in for them where they are missing. A run names the GB font first
/// (w:rFonts eastAsia); the font table adds, per font, the other names it goes by (w:altName, a comma-separated list
/// Word and WPS try in turn), its PANOSE number, family and the GB2312 character set, so Word picks the closest Chinese
/// font it has, and LibreOffice (which maps 仿宋/黑体/楷体/宋体 to its own substitution lists, then fontconfig) a CJK
/// font of the same kind. Latin letters and digits are Times New Roman, except the page number (宋体 throughout).
/// </summary>
internal static class GovFonts
{
    public const string FangSong = "仿宋_GB2312";
    public const string KaiTi = "楷体_GB2312";
    public const string HeiTi = "黑体";
    public const string XiaoBiaoSong = "方正小标宋简体";
    public const string SongTi = "宋体";
    public const string Latin = "Times New Roman";

    private sealed record Face(string Name, string AltNames, string Panose, FontFamilyValues Family, FontPitchValues Pitch, string Charset);

    private static readonly Face[] Faces =
    [
        new(FangSong, "FangSong_GB2312,仿宋,FangSong,STFangsong,华文仿宋", "02010609030101010101", FontFamilyValues.Modern, FontPitchValues.Fixed, "86"),
        new(KaiTi, "KaiTi_GB2312,楷体,KaiTi,STKaiti,华文楷体", "02010609030101010101", FontFamilyValues.Modern, FontPitchValues.Fixed, "86"),
        new(HeiTi, "SimHei,Microsoft YaHei,微软雅黑,STHeiti,华文黑体", "02010609060101010101", FontFamilyValues.Modern, FontPitchValues.Fixed, "86"),
        new(XiaoBiaoSong, "FZXiaoBiaoSong-B05S,华文中宋,STZhongsong,宋体,SimSun", "02010600040101010101", FontFamilyValues.Roman, FontPitchValues.Variable, "86"),
        new(SongTi, "SimSun,NSimSun,新宋体,STSong,华文宋体", "02010600030101010101", FontFamilyValues.Roman, FontPitchValues.Variable, "86"),
        new(Latin, "", "02020603050405020304", FontFamilyValues.Roman, FontPitchValues.Variable, "00"),
    ];

    /// <summary>An East Asian font with Times New Roman for Latin letters and digits.</summary>
    public static RunFonts Run(string eastAsia) => new() { Ascii = Latin, HighAnsi = Latin, EastAsia = eastAsia, ComplexScript = Latin };

    /// <summary>One font for every script (the page number: 宋体 digits and dashes).</summary>
    public static RunFonts All(string font) => new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia };

    public static Fonts Table()
    {
        var fonts = new Fonts();
        foreach (var f in Faces)
        {
            var font = new Font { Name = f.Name };
            if (f.AltNames.Length > 0) font.Append(new AltName { Val = f.AltNames });
            font.Append(new Panose1Number { Val = f.Panose }, new FontCharSet { Val = f.Charset },
                new FontFamily { Val = f.Family }, new Pitch { Val = f.Pitch });
            fonts.Append(font);
        }
        return fonts;
    }
}
