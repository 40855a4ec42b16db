using System.Diagnostics;

namespace CountySkills.Tests.Word;

/// <summary>
/// LibreOffice and poppler-utils, run as a person would: soffice converts a .docx to PDF with its own profile in a
/// temporary folder (so parallel runs do not share one), pdftotext, pdffonts and pdfinfo read the PDF.
/// </summary>
public static class Office
{
    public const string Missing =
        "LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: apt-get install libreoffice-writer-nogui poppler-utils, "
        + "or run ./test.sh, which installs them. This test is skipped only outside CI; with CI set it runs and fails.";

    public static bool Installed => OnPath("soffice") && OnPath("pdftotext") && OnPath("pdffonts") && OnPath("pdfinfo");

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>The fontconfig file that maps the GB font names to free fonts (deploy/fonts/gb-fonts.conf).</summary>
    public static string GbFontMap
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "CountySkills.slnx"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
            return Path.Combine(root, "deploy", "fonts", "gb-fonts.conf");
        }
    }

    /// <summary>
    /// Writes <paramref name="docx"/> into a new temporary folder and converts it to PDF there, with the GB font map
    /// or with the machine's fontconfig as it is. Disposing the result deletes the folder, unless CS_WORD_OUT names
    /// a folder to copy the .docx and .pdf into first (to look at them).
    /// </summary>
    public static Pdf ToPdf(byte[] docx, string name, bool gbFontMap)
    {
        if (!Installed) throw new InvalidOperationException(Missing);
        var dir = Directory.CreateTempSubdirectory("cs-word-").FullName;
        var file = Path.Combine(dir, name + ".docx");
        File.WriteAllBytes(file, docx);
        var profile = Path.Combine(dir, "profile");
        var env = gbFontMap ? new Dictionary<string, string> { ["FONTCONFIG_FILE"] = GbFontMap } : [];
        var (code, output) = Run("soffice", TimeSpan.FromSeconds(120), env, $"-env:UserInstallation=file://{profile}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, file);
        var pdf = new Pdf(Path.Combine(dir, name + ".pdf"), dir);
        if (code != 0 || !File.Exists(pdf.Path))
        {
            pdf.Dispose();
            throw new InvalidOperationException($"soffice exited {code} without {pdf.Path}:\n{output}");
        }
        return pdf;
    }

    public sealed record Pdf(string Path, string Folder) : IDisposable
    {
        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("CS_WORD_OUT") is { Length: > 0 } keep && File.Exists(Path))
            {
                Directory.CreateDirectory(keep);
                foreach (var f in Directory.GetFiles(Folder)) File.Copy(f, System.IO.Path.Combine(keep, System.IO.Path.GetFileName(f)), true);
            }
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The PDF's text, page by page (pdftotext separates pages with a form feed).</summary>
    public static string[] Pages(string pdf) => Checked("pdftotext", "-layout", pdf, "-").TrimEnd('\f', '\n').Split('\f');
    public static string Fonts(string pdf) => Checked("pdffonts", pdf);

    public static int PageCount(string pdf)
    {
        var line = Checked("pdfinfo", pdf).Split('\n').First(l => l.StartsWith("Pages:"));
        return int.Parse(line["Pages:".Length..].Trim());
    }

    private static string Checked(string tool, params string[] args)
    {
        var (code, output) = Run(tool, TimeSpan.FromSeconds(60), [], args);
        return code == 0 ? output : throw new InvalidOperationException($"{tool} exited {code}:\n{output}");
    }

    private static (int Code, string Output) Run(string tool, TimeSpan timeout, Dictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in env) start.Environment[k] = v;
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in {timeout.TotalSeconds:0} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A test that needs LibreOffice: skipped, saying why, when it is missing and CI is not set; in CI it always runs.</summary>
public sealed class OfficeFactAttribute : FactAttribute
{
    public OfficeFactAttribute()
    {
        if (!Office.Installed && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Skip = Office.Missing;
    }
}
