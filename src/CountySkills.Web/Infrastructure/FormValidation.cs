using FluentValidation;

namespace CountySkills.Web.Infrastructure;

/// <summary>Lets a MudForm use the request's one FluentValidation validator, field by field.</summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> ForMudForm<T>(this IValidator<T> validator) => async (model, property) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(property)));
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };
}
