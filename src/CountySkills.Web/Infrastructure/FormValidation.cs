using FluentValidation;

namespace CountySkills.Web.Infrastructure;

/// <summary>Lets a MudForm use the request's one FluentValidation validator, field by field.</summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> ForMudForm<T>(this IValidator<T> validator) => async (model, property) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(property)));
        return result.IsValid ? [] : result.Errors.Select(e => Say.Message(e.ErrorMessage, e.ErrorCode)); // in the form's language (ADR 0021)
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

/// <summary>Validation inside the handler: every caller (API, page, import) goes through the request's one validator.</summary>
public static class HandlerValidation
{
    /// <summary>Null when <paramref name="request"/> is valid; else the 400 failure with the field errors named as JSON names them
    /// (and the first error's code, when it has one). Use: <c>if (await validator.Refuse(cmd, ct) is { } bad) return bad;</c></summary>
    public static async Task<Failure?> Refuse<T>(this IValidator<T> validator, T? request, CancellationToken ct = default)
    {
        if (request is null) return Result.Invalid("body", "请求正文缺失或不是有效的 JSON");
        var result = await validator.ValidateAsync(request, ct);
        if (result.IsValid) return null;
        var code = result.Errors.Select(e => e.ErrorCode).FirstOrDefault(c => c is not null && c.Contains('.'));
        return new Failure(Outcome.Invalid, result.Errors[0].ErrorMessage, Http.CamelKeys(result.ToDictionary()), code);
    }
}
