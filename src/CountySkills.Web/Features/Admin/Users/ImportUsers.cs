using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>
/// Bulk onboarding from a sheet (xlsx or csv: 用户名, 姓名, 手机号, 角色, and 乡镇 / 培训机构 / 用工单位 by name), with the
/// row report of every import: dryRun checks every row; commit creates the valid rows' accounts and answers an xlsx
/// of user names with their one-time passwords (and the rows not imported with their reasons). Handing out that file
/// is written to the audit log.
/// </summary>
public static class ImportUsers
{
    public const string UserName = "userName", DisplayName = "displayName", Phone = "phone", Role = "role", Township = "township",
        Institution = "institution", Employer = "employer";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [UserName] = ["用户名", "账号", "登录名", "用户账号"],
        [DisplayName] = ["姓名", "显示名", "用户姓名"],
        [Phone] = ["手机号", "手机号码", "联系电话", "手机"],
        [Role] = ["角色", "用户角色", "岗位角色"],
        [Township] = ["乡镇", "街道(乡镇)", "乡镇(街道)", "所属乡镇", "乡镇名称"],
        [Institution] = ["培训机构", "所属培训机构", "机构名称"],
        [Employer] = ["用工单位", "所属用工单位", "单位名称", "企业名称"],
    };

    public sealed record Onboarded(string UserName, string DisplayName, string Role, string Scope, string OneTimePassword);
    public sealed record Outcome(ImportReport Report, byte[]? Passwords);

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, SaveUser.Handler save, CurrentUser me, TimeProvider clock, IConfiguration config)
    {
        public async Task<Result<Outcome>> Run(Stream file, string fileName, ImportMode mode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, Columns, [UserName, DisplayName, Role], SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }
            using var _ = reader;
            var headers = reader.Headers;
            string Col(string key) => headers.GetValueOrDefault(key) ?? Columns[key][0];
            var report = ImportReport.For(mode, headers);
            var townships = await db.Regions.AsNoTracking().Where(r => r.Level == AreaLevel.Township).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
            var institutions = await db.Institutions.AsNoTracking().Select(i => new { i.Id, i.Name }).ToListAsync(ct);
            var employers = await db.Employers.AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync(ct);
            var taken = (await db.Users.Select(u => u.NormalizedUserName!).ToListAsync(ct)).ToHashSet();
            var seen = new Dictionary<string, int>();
            var accepted = new List<(int Row, UserInput Input, string Scope)>();
            var validator = new UserInput.Validator();
            try
            {
                foreach (var row in reader.Rows())
                {
                    report.TotalRows++;
                    var errors = new List<ImportError>();
                    void Error(string key, string code, string message) => errors.Add(new(row.RowNumber, Col(key), code, message));
                    var input = new UserInput
                    {
                        UserName = row.Text(UserName)?.Trim() ?? "", DisplayName = row.Text(DisplayName)?.Trim() ?? "",
                        Phone = row.Text(Phone)?.Replace("-", "").Replace(" ", ""), Role = row.Text(Role)?.Trim() ?? "",
                    };
                    if (input.UserName.StartsWith(UsersTemplate.ExampleMark, StringComparison.Ordinal))
                    {
                        Error(UserName, "row.example", "这是模板中的示例行，不会导入；请删除本行");
                        report.Reject(row.RowNumber, errors, row.Cells(headers));
                        continue;
                    }
                    foreach (var f in validator.Validate(input).Errors)
                        Error(f.PropertyName switch { nameof(UserInput.UserName) => UserName, nameof(UserInput.DisplayName) => DisplayName, nameof(UserInput.Phone) => Phone, _ => Role },
                            "value.invalid", f.ErrorMessage);
                    var role = Roles.Parse(input.Role);
                    var scope = "全部辖区";
                    string? Named(string key) => row.Text(key)?.Trim() is { Length: > 0 } t ? t : null;
                    if (role is Roles.TownshipOfficer or Roles.Viewer && Named(Township) is { } town)
                    {
                        var t = townships.FirstOrDefault(x => x.Name == town || x.Code == town);
                        if (t is null) Error(Township, "user.scope_invalid", $"本县没有名为“{town}”的乡镇");
                        else (input.AreaCode, scope) = (t.Code, t.Name);
                    }
                    else if (role == Roles.TownshipOfficer) Error(Township, "user.scope_required", "乡镇专干须填写所管辖的乡镇");
                    if (role == Roles.InstitutionStaff)
                    {
                        if (Named(Institution) is not { } name) Error(Institution, "user.scope_required", "培训机构人员须填写所属培训机构");
                        else if (institutions.FirstOrDefault(x => x.Name == name) is { } i) (input.InstitutionId, scope) = (i.Id, i.Name);
                        else Error(Institution, "user.scope_invalid", $"没有名为“{name}”的培训机构（须与培训机构名录中的名称一致）");
                    }
                    if (role == Roles.EmployerStaff)
                    {
                        if (Named(Employer) is not { } name) Error(Employer, "user.scope_required", "用工单位人员须填写所属用工单位");
                        else if (employers.FirstOrDefault(x => x.Name == name) is { } e) (input.EmployerId, scope) = (e.Id, e.Name);
                        else Error(Employer, "user.scope_invalid", $"没有名为“{name}”的用工单位（须与合作单位名录中的名称一致）");
                    }
                    var normal = input.UserName.ToUpperInvariant();
                    if (input.UserName.Length > 0 && taken.Contains(normal)) Error(UserName, "user.duplicate", $"用户名 {input.UserName} 已被使用");
                    else if (input.UserName.Length > 0 && seen.TryGetValue(normal, out var first)) Error(UserName, "user.duplicate", $"与第 {first} 行的用户名相同");
                    if (errors.Count > 0) { report.Reject(row.RowNumber, errors, row.Cells(headers)); continue; }
                    seen[normal] = row.RowNumber;
                    accepted.Add((row.RowNumber, input, scope));
                    report.Created++;
                }
            }
            catch (SheetFormatException e) { return e.AsFailure(); }
            report.Valid = report.Created;
            report.SkippedRows = reader.SkippedRows;
            if (mode == ImportMode.DryRun) { report.Complete(); return new Outcome(report, null); }

            var onboarded = new List<Onboarded>();
            foreach (var (rowNumber, input, scope) in accepted)
            {
                var r = await save.Create(input, ct);
                if (r.IsOk) onboarded.Add(new(r.Value!.UserName, input.DisplayName, Roles.ZhNames[Roles.Parse(input.Role)!], scope, r.Value.OneTimePassword));
                else
                {
                    report.Created--; report.Valid--;
                    report.Reject(rowNumber, [new(rowNumber, Col(UserName), r.Code ?? "value.invalid", r.Detail ?? "未能创建")], new Dictionary<string, string?> { [Col(UserName)] = input.UserName });
                }
            }
            report.Complete();
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime, UserId = me.UserId, UserName = me.UserName, Action = "UsersImported", Entity = "User", EntityKey = "import",
                Changes = System.Text.Json.JsonSerializer.Serialize(new { file = fileName, created = onboarded.Select(o => o.UserName), rejected = report.Rejected, passwordsFileTo = me.UserName },
                    new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            });
            await db.SaveChangesAsync(ct);
            return new Outcome(report, Workbook(onboarded, report));
        }

        static byte[] Workbook(List<Onboarded> onboarded, ImportReport report)
        {
            IEnumerable<IDictionary<string, object?>> passwords = onboarded.Select(o => new Dictionary<string, object?>
            {
                ["用户名"] = o.UserName, ["姓名"] = o.DisplayName, ["角色"] = o.Role, ["范围"] = o.Scope,
                ["一次性密码"] = o.OneTimePassword, ["说明"] = "首次登录须修改密码；请当面或单独交给本人",
            });
            IEnumerable<IDictionary<string, object?>> rejected = report.RejectedRows.Select(r => new Dictionary<string, object?> { ["行号"] = r.Row, ["原因"] = r.Reasons });
            return SheetWriter.Xlsx(("一次性密码", passwords), ("未导入的行", rejected));
        }
    }

    public static void Map(RouteGroupBuilder api) => api.MapPost("/admin/users/imports", async (HttpRequest request, Handler h, Microsoft.Extensions.Configuration.IConfiguration config, TimeProvider clock, CancellationToken ct) =>
        {
            var (file, mode, problem) = await UploadForm.ReadAsync(request, UploadForm.MaxBytes(config), ct);
            if (problem is not null) return problem;
            await using var stream = await UploadForm.Buffered(file!, ct);
            var r = await h.Run(stream, file!.FileName, mode, ct);
            if (!r.IsOk) return r.ToHttp();
            if (r.Value!.Passwords is not { } bytes) return TypedResults.Ok(r.Value.Report);
            request.HttpContext.Response.Headers["X-Import-Created"] = r.Value.Report.Created.ToString();
            request.HttpContext.Response.Headers["X-Import-Rejected"] = r.Value.Report.Rejected.ToString();
            return TypedResults.File(bytes, UploadForm.Xlsx, $"新账号一次性密码-{clock.GetLocalNow():yyyyMMddHHmm}.xlsx");
        })
        .DisableAntiforgery().WithName(nameof(ImportUsers)).WithTags("Admin").RequirePermission(Perm.UsersManage)
        .WithSummary("Onboard accounts from .xlsx/.csv (用户名, 姓名, 手机号, 角色, 乡镇/培训机构/用工单位): mode=dryRun -> row report; commit -> xlsx of one-time passwords")
        .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();
}
