namespace CountySkills.Web.Infrastructure;

public enum Outcome { Ok, NotFound, Invalid, Conflict, Forbidden, Throttled }

/// <summary>An expected failure is a value, not an exception. The API maps it to ProblemDetails; the UI shows Detail.</summary>
public sealed record Result<T>(Outcome Outcome, T? Value, string? Detail = null, IDictionary<string, string[]>? Errors = null, string? Code = null,
    int? RetryAfterSeconds = null)
{
    public bool IsOk => Outcome == Outcome.Ok;
    /// <summary>The detail as the user reads it, in the current UI culture (<see cref="Say.Message"/>).</summary>
    public string Shown => Say.Message(Detail, Code, Outcome);
    /// <summary>The field errors as the user reads them, in the current UI culture.</summary>
    public IDictionary<string, string[]>? ShownErrors => Errors is null ? null : Say.Errors(Errors, Code);
    public static implicit operator Result<T>(T value) => new(Outcome.Ok, value);
    public static implicit operator Result<T>(Failure f) => new(f.Outcome, default, f.Detail, f.Errors, f.Code, f.RetryAfterSeconds);
    /// <summary>Success for values the implicit conversion cannot take (interfaces such as IQueryable).</summary>
    public static Result<T> Of(T value) => new(Outcome.Ok, value);
    /// <summary>This failure, to pass on as the failure of a result of another type.</summary>
    public Failure AsFailure() => new(Outcome, Detail ?? "", Errors, Code, RetryAfterSeconds);
}

/// <summary>An expected failure; <see cref="Code"/> is a stable reason code (e.g. enrolment.overlap) sent as `code`;
/// <see cref="RetryAfterSeconds"/> goes with <see cref="Outcome.Throttled"/> (429 with Retry-After).</summary>
public sealed record Failure(Outcome Outcome, string Detail, IDictionary<string, string[]>? Errors = null, string? Code = null, int? RetryAfterSeconds = null)
{
    /// <summary>The detail as the user reads it, in the current UI culture (<see cref="Say.Message"/>).</summary>
    public string Shown => Say.Message(Detail, Code, Outcome);
}

public static class Result
{
    public static Failure NotFound(string detail = "没有找到该记录") => new(Outcome.NotFound, detail);
    public static Failure Forbidden(string detail = "您无权访问该记录") => new(Outcome.Forbidden, detail);
    /// <summary>Too many requests of a kind: 429 with Retry-After (seconds).</summary>
    public static Failure Throttled(string detail, string code, int retryAfterSeconds) => new(Outcome.Throttled, detail, null, code, retryAfterSeconds);
    public static Failure Conflict(string detail = "该记录已被他人修改，请刷新后重试") => new(Outcome.Conflict, detail);
    public static Failure Invalid(string field, string message) => new(Outcome.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
    /// <summary>A refused field with a stable reason code (e.g. file.too_large) sent as `code` beside the field error.</summary>
    public static Failure Invalid(string field, string message, string code) => new(Outcome.Invalid, message, new Dictionary<string, string[]> { [field] = [message] }, code);
    public static Failure Invalid(IDictionary<string, string[]> errors) => new(Outcome.Invalid, "提交的数据有误", errors);

    /// <summary>A business rule said no: 409 when the record's state refuses it, 400 (with the field) when the input does.</summary>
    public static Failure Refused(Refusal r, string? field = null) => field is null
        ? new(Outcome.Conflict, r.Message, null, r.Code)
        : new(Outcome.Invalid, r.Message, new Dictionary<string, string[]> { [field] = [r.Message] }, r.Code);
}
