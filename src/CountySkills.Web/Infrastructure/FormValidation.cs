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

    /// <summary>A resident ID number: required, and valid by DOMAIN.md (checksum, real past birth date); the error carries the id_number.* code.</summary>
    public static IRuleBuilderOptionsConditions<T, string> ValidIdNumber<T>(this IRuleBuilder<T, string> rule, TimeProvider clock, string whenEmpty = "请填写身份证号") =>
        rule.Custom((text, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(text)) { ctx.AddFailure(ctx.PropertyPath, whenEmpty); return; }
            if (!IdNumber.TryParse(text, clock.Today(), out _, out var e))
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(ctx.PropertyPath, e!.Message) { ErrorCode = e.Code });
        });
}
