using CountySkills.Web.Domain;

namespace CountySkills.Tests.Infrastructure;

/// <summary>Fresh valid ID numbers for tests (county code 419921, a sequence that demo data never uses).</summary>
public static class Ids
{
    static int _next = 700;

    public static string New(int year = 1990, bool male = true)
    {
        var n = Interlocked.Increment(ref _next);
        var seq = (n % 500) * 2 + (male ? 1 : 0);
        // n mod 6000 gives the sequence and the month, n / 6000 the day: 168,000 numbers a year and sex before one repeats.
        var first17 = $"419921{year}{1 + n / 500 % 12:00}{1 + n / 6000 % 28:00}{seq:000}";
        return first17 + IdNumber.ComputeCheck(first17);
    }

    public static string WithWrongCheck(string id) => id[..17] + (id[17] == '0' ? '1' : '0');
}
