namespace CountySkills.Web.Features.Employment;

/// <summary>DateOnly to and from the DateTime? a MudDatePicker binds.</summary>
public static class Dates
{
    public static DateTime? Of(DateOnly d) => d == default ? null : d.ToDateTime(TimeOnly.MinValue);
    public static DateTime? Of(DateOnly? d) => d is { } x ? Of(x) : null;
    public static DateOnly? To(DateTime? d) => d is { } x ? DateOnly.FromDateTime(x) : null;
}
