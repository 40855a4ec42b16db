namespace CountySkills.Bench;

/// <summary>Prints a plain table; every benchmark reports against a baseline measured in the same run.</summary>
public static class Table
{
    public static void Print(string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = new[] { header }.Concat(rows).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var (r, idx) in all.Select((r, i) => (r, i)))
        {
            Console.WriteLine("| " + string.Join(" | ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
            if (idx == 0) Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => new string('-', w + 2))) + "|");
        }
    }
}
