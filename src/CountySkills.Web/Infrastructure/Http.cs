using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Web.Infrastructure;

public static class Http
{
    /// <summary>Maps a handler's result to 200 or to the ProblemDetails of its failure.</summary>
    public static IResult ToHttp<T>(this Result<T> r, Func<T, IResult>? ok = null) => r.Outcome switch
    {
        Outcome.Ok => ok is null ? TypedResults.Ok(r.Value) : ok(r.Value!),
        Outcome.Throttled => new WithRetryAfter(Problem(StatusCodes.Status429TooManyRequests, r.Shown, r.Code), r.RetryAfterSeconds ?? 60),
        Outcome.Invalid when r.Errors is not null => TypedResults.ValidationProblem(r.ShownErrors!, r.Shown, title: InvalidTitle, extensions: CodeOf(r.Code)),
        _ => Problem(r.Outcome switch
        {
            Outcome.NotFound => StatusCodes.Status404NotFound,
            Outcome.Forbidden => StatusCodes.Status403Forbidden,
            Outcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        }, r.Shown, r.Code),
    };

    /// <summary>A result that also sets Retry-After (seconds), as a 429 must.</summary>
    sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(ctx);
        }
    }

    static Dictionary<string, object?>? CodeOf(string? code) => code is null ? null : new() { ["code"] = code };

    /// <summary>The title of a 400 with field errors, in the request's language.</summary>
    public static string InvalidTitle => Say.English ? Say.EnglishOf("Http.Title.Invalid") ?? "Invalid data" : "提交的数据有误";

    /// <summary>A ProblemDetails of this status; the detail (written in Chinese) goes out in the request's language, the code never changes.</summary>
    public static ProblemHttpResult Problem(int status, string? detail, string? code = null) =>
        TypedResults.Problem(detail: detail is null ? null : Say.Message(detail, code, OutcomeOf(status)), statusCode: status, title: TitleOf(status), extensions: CodeOf(code));

    static Outcome OutcomeOf(int status) => status switch
    {
        404 => Outcome.NotFound, 403 or 401 => Outcome.Forbidden, 409 => Outcome.Conflict, 429 => Outcome.Throttled, >= 500 => Outcome.Ok, _ => Outcome.Invalid,
    };

    /// <summary>Writes ProblemDetails from middleware (outside an endpoint): the status, the title of <see cref="TitleOf"/>,
    /// the detail and, when given, the stable <c>code</c> and any further fields.</summary>
    public static Task WriteProblemAsync(HttpContext ctx, int status, string detail, string? code = null, IDictionary<string, object?>? extra = null)
    {
        ctx.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = Say.Message(detail, code, OutcomeOf(status)) };
        if (code is not null) problem.Extensions["code"] = code;
        foreach (var (k, v) in extra ?? new Dictionary<string, object?>()) problem.Extensions[k] = v;
        return ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = problem }).AsTask();
    }

    /// <summary>The title of a ProblemDetails of this status, in the request's language (Chinese unless English was asked for).</summary>
    public static string TitleOf(int status) => Say.English && Say.EnglishOf($"Http.Title.{(status is 400 or 401 or 403 or 404 or 405 or 409 or 413 or 415 or 429 or 503 ? status : 500)}") is { } en ? en : ZhTitleOf(status);

    static string ZhTitleOf(int status) => status switch
    {
        400 => "请求有误",
        401 => "未登录或登录已过期",
        403 => "没有权限",
        404 => "没有找到",
        405 => "不支持该请求方法",
        409 => "与当前数据冲突",
        413 => "上传内容过大",
        415 => "不支持的内容类型",
        429 => "请求过于频繁",
        503 => "服务暂不可用",
        _ => "服务器内部错误",
    };

    /// <summary>Field errors named as the JSON names the fields: IdNumber → idNumber, Decisions[0].Reason → decisions[0].reason.</summary>
    public static Dictionary<string, string[]> CamelKeys(IDictionary<string, string[]> errors) =>
        errors.GroupBy(e => string.Join('.', e.Key.Split('.').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p)))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());

    /// <summary>Runs the request's one validator before the handler; field errors come back as 400 ValidationProblem.</summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder b) => b
        .AddEndpointFilter(async (ctx, next) =>
        {
            var arg = ctx.Arguments.OfType<T>().FirstOrDefault();
            if (arg is null)
                return Problem(400, "请求正文缺失或不是有效的 JSON");
            var validator = ctx.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
            var result = await validator.ValidateAsync(arg, ctx.HttpContext.RequestAborted);
            if (!result.IsValid)
                return TypedResults.ValidationProblem(Say.Errors(CamelKeys(result.ToDictionary())), title: InvalidTitle);
            return await next(ctx);
        })
        .ProducesValidationProblem();
}

/// <summary>Turns every exception into ProblemDetails: a clear message, never a stack trace.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception ex, CancellationToken ct)
    {
        var isApi = ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/healthz");
        if (!isApi && ex is not BadHttpRequestException)
        {
            log.LogError(ex, "Unhandled error on page {Path}", ctx.Request.Path);
            return false; // the friendly /error page
        }
        var (status, detail) = ex switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "请求内容超过了允许的大小"),
            BadHttpRequestException b when b.InnerException is JsonException j => (400, $"请求正文不是有效的 JSON：{Short(j.Message)}"),
            BadHttpRequestException b when b.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) => (400, "请求正文不是有效的 JSON 或字段类型不对"),
            BadHttpRequestException b => (b.StatusCode, "请求参数有误：" + Short(b.Message)),
            DbUpdateConcurrencyException => (409, "该记录已被他人修改，请刷新后重试"),
            DbUpdateException d when DbErrors.IsUniqueViolation(d) => (409, "该记录已存在（可能刚被他人同时提交），请刷新后核对"),
            InvalidDataException => (400, "上传内容不是有效的 multipart/form-data，或超过了允许的大小"),
            IOException when !ctx.RequestAborted.IsCancellationRequested => (400, "上传内容不完整，请重新上传"),
            OperationCanceledException when ctx.RequestAborted.IsCancellationRequested => (499, "请求已取消"),
            _ => (500, "服务器内部错误，已记录，请稍后重试"),
        };
        if (status >= 500) log.LogError(ex, "Unhandled error on {Path}", ctx.Request.Path);
        else log.LogInformation("Request refused with {Status}: {Message}", status, ex.Message);
        ctx.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = new ProblemDetails { Status = status, Title = Http.TitleOf(status), Detail = Say.Message(detail, null, status >= 500 ? Outcome.Ok : Outcome.Invalid) },
        });
    }


    static string Short(string s) => s.Length > 200 ? s[..200] : s;
}

/// <summary>What a failed write means, on either provider.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };

    /// <summary>A concurrent writer got there first: a stale version, a duplicate, SQLite busy or locked, or a PostgreSQL serialization failure.</summary>
    public static bool IsWriteConflict(DbUpdateException e) => e is DbUpdateConcurrencyException || IsUniqueViolation(e)
        || e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } or Npgsql.PostgresException { SqlState: "40001" };
}
