using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Training;

/// <summary>
/// A session's sign-in sheet (签到表) as a workbook: POST /api/training/sessions/{id}/attendance/imports with multipart
/// `file` and `mode`. One row per trainee: ID number, name, and a mark (√ / 出勤 / 是 / 1, or × / 缺勤 / 否 / 请假 / 0).
/// Trainees on the roster the sheet does not list are recorded absent.
/// </summary>
public static class ImportAttendance
{
    public const string Name = "name", IdNumber = "idNumber", Mark = "mark", Note = "note";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [Name] = LedgerColumns.Synonyms[LedgerColumns.Name].Concat(["学员姓名"]).ToArray(),
        [IdNumber] = LedgerColumns.Synonyms[LedgerColumns.IdNumber],
        [Mark] = ["出勤", "出勤情况", "是否出勤", "考勤", "签到", "签到情况", "到课情况"],
        [Note] = ["备注", "说明"],
    };

    static readonly string[] PresentWords = ["√", "✓", "✔", "出勤", "是", "到", "已到", "已签到", "签到", "1", "Y", "y"];
    static readonly string[] AbsentWords = ["×", "✗", "✘", "缺勤", "否", "未到", "缺", "请假", "旷课", "0", "N", "n"];

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, RecordAttendance.Handler recorder, IConfiguration config)
    {
        public async Task<Result<ImportReport>> Run(long sessionId, Stream file, string fileName, ImportMode mode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var s = await db.Sessions.SingleOrDefaultAsync(x => x.Id == sessionId, ct);
            if (s is null) return Result.NotFound("没有找到该课次");
            var found = await db.FindClassForWriteAsync(s.ClassId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            if ((RecordAttendance.Handler.CanTake(found.Value!, s, clock.Today()) ?? await RecordAttendance.Handler.LockedAsync(db, s.ClassId, ct)) is { } refusal)
                return Result.Refused(refusal);
            var roster = await db.Enrolments.Where(e => e.ClassId == s.ClassId && e.Status == EnrolmentStatus.Active)
                .Select(e => new { e.Id, e.Person!.IdNumber, e.Person.Name }).ToDictionaryAsync(e => e.IdNumber, ct);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, Columns, [IdNumber, Mark], SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }
            using var _ = reader;
            var headers = reader.Headers;
            var report = ImportReport.For(mode, headers);
            var marks = new Dictionary<long, (bool Present, string? Note)>();
            var seen = new Dictionary<string, int>();
            try
            {
                foreach (var row in reader.Rows())
                {
                    report.TotalRows++;
                    var Text = row.Text;
                    var cells = row.Cells(headers);
                    var errors = new List<ImportError>();
                    var (id, idError) = IdCell.Read(row.Values.GetValueOrDefault(IdNumber), clock.Today());
                    var trainee = id is null ? null : roster.GetValueOrDefault(id);
                    if (idError is not null) errors.Add(new(row.RowNumber, headers[IdNumber], idError.Code, idError.Message));
                    else if (IdCell.RepeatedIn(seen, id!, row.RowNumber) is { } repeated) errors.Add(new(row.RowNumber, headers[IdNumber], "duplicate_in_file", repeated));
                    else if (trainee is null) errors.Add(new(row.RowNumber, headers[IdNumber], "attendance.not_enrolled", "该身份证号不在本班在册学员名单中"));
                    var mark = Text(Mark)?.Trim();
                    bool? present = mark is null ? null : PresentWords.Contains(mark) ? true : AbsentWords.Contains(mark) ? false : null;
                    if (present is null) errors.Add(new(row.RowNumber, headers[Mark], "attendance.value", $"出勤情况“{mark}”无法识别，请填 √（出勤）或 ×（缺勤）"));
                    if (errors.Count > 0) { report.Reject(row.RowNumber, errors, cells); continue; }
                    marks[trainee!.Id] = (present!.Value, Text(Note) is { } n ? n[..Math.Min(n.Length, 100)] : null);
                    report.Created++;
                }
            }
            catch (SheetFormatException e) { return e.AsFailure(); }
            report.Valid = report.Created;
            report.SkippedRows = reader.SkippedRows;
            report.Complete();
            if (mode == ImportMode.Commit && report.Rejected == 0)
                await recorder.SaveAsync(db, s, roster.Values.Select(r => r.Id), marks, restPresent: false, ct);
            else if (mode == ImportMode.Commit)
                return Result.Invalid(new Dictionary<string, string[]> { ["file"] = [$"签到表有 {report.Rejected} 行有误，请改正后重新导入（考勤须整表一次记入）"] });
            return report;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        Task<IResult> Upload(long id, HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
            UploadForm.RunAsync(request, UploadForm.MaxBytes(config), (s, name, mode) => h.Run(id, s, name, mode, ct), ct);
        api.MapPost("/training/sessions/{id:long}/attendance/import", Upload).DisableAntiforgery().RequireWriters().ExcludeFromDescription();
        api.MapPost("/training/sessions/{id:long}/attendance/imports", Upload)
        .DisableAntiforgery().RequireWriters().WithName(nameof(ImportAttendance))
        .WithSummary("A session's sign-in sheet (.xlsx/.csv): multipart file + mode=dryRun|commit")
        .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();
    }
}
