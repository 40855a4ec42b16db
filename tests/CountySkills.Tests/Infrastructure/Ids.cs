using CountySkills.Web.Domain;

namespace CountySkills.Tests.Infrastructure;

/// <summary>Fresh valid ID numbers for tests (county code 419921, a sequence that demo data never uses).</summary>
public static class Ids
{
    static int _next = 700;

    public static string New(int year = 1990, bool male = true)
    {
        var n = Interlocked.Increment(ref _next);
        // The day changes with every call (so ID prefixes into the birth date match few people), then the sequence, then the month:
        // 168,000 numbers a year and sex before one repeats.
        var seq = (n / 28 % 500) * 2 + (male ? 1 : 0);
        var first17 = $"419921{year}{1 + n / 14000 % 12:00}{1 + n % 28:00}{seq:000}";
        return first17 + IdNumber.ComputeCheck(first17);
    }

    public static string WithWrongCheck(string id) => id[..17] + (id[17] == '0' ? '1' : '0');
}
