using CountySkills.Web.Features.People;
using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;
using FluentValidation;


namespace CountySkills.Web.Features.Training;

/// <summary>
/// Bulk enrolment from a roster workbook (花名册): POST /api/training/classes/{id}/enrolments/imports with multipart
/// `file` and `mode` = dryRun | commit. Each row goes through exactly the rules of a single enrolment and gets the same
/// per-row report as the ledger import. People already on the roster count as unchanged, so a second upload changes nothing.
/// </summary>
public static class ImportRoster
{
    public const string Seq = "seq", Name = "name", IdNumber = "idNumber", Phone = "phone", Township = "township", Village = "village";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [Seq] = ["序号", "编号"],
        [Name] = LedgerColumns.Synonyms[LedgerColumns.Name].Concat(["学员姓名"]).ToArray(),
        [IdNumber] = LedgerColumns.Synonyms[LedgerColumns.IdNumber],
        [Phone] = LedgerColumns.Synonyms[LedgerColumns.Phone],
        [Township] = LedgerColumns.Synonyms[LedgerColumns.Township],
        [Village] = LedgerColumns.Synonyms[LedgerColumns.Village].Concat(["村(社区)代码", "区划代码"]).ToArray(),
    };

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<PersonInput> personRules, ExactSearch.Gate search, IConfiguration config)
    {
        public async Task<Result<ImportReport>> Run(long classId, Stream file, string fileName, ImportMode mode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var found = await db.FindClassForWriteAsync(classId, user, ct);
            if (!found.IsOk) return found.AsFailure();
            // A school's roster is one exact search per file against the limit, each row's ID check audited; it may hold no more rows
            // than twice the class's seats (a longer roster cannot be enrolled), so a file cannot check thousands of ID numbers at once.
            if (!user.IsCounty() && await search.AdmitAsync(db, ct) is { } throttled) return throttled;
            var maxRows = user.IsCounty() ? int.MaxValue : Math.Max(2 * found.Value!.Capacity, 20);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, Columns, [IdNumber], SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }
            using var _ = reader;
            var headers = reader.Headers;
            string Col(string key) => headers.GetValueOrDefault(key) ?? Columns[key][0];
            var today = clock.Today();
            var places = await PlaceIndex.LoadAsync(db, ct);
            var report = ImportReport.For(mode, headers);
            var rows = new List<(int Row, Enrolling.Candidate Candidate, IReadOnlyDictionary<string, string?> Cells)>();
            var seen = new Dictionary<string, int>();
            try
            {
                foreach (var row in reader.Rows())
                {
                    if (++report.TotalRows > maxRows)
                        return Result.Invalid("file", $"花名册超过 {maxRows} 行（本班 {found.Value!.Capacity} 个名额的两倍），请核对后分批导入", "roster.too_long");
                    var cells = row.Cells(headers);
                    var Text = row.Text;
                    var errors = new List<ImportError>();
                    var (id, idError) = IdCell.Read(row.Values.GetValueOrDefault(IdNumber), today);
                    if (idError is not null) errors.Add(new(row.RowNumber, Col(IdNumber), idError.Code, idError.Message));
                    else if (IdCell.RepeatedIn(seen, id!, row.RowNumber) is { } repeated) errors.Add(new(row.RowNumber, Col(IdNumber), "duplicate_in_file", repeated));
                    string? village = null;
                    if (Text(Village) is { } v)
                    {
                        var township = Text(Township) is { } t ? places.Township(t) : null;
                        village = v.Length == 12 && v.All(char.IsAsciiDigit) ? v : places.Village(township, v);
                        if (village is null) errors.Add(new(row.RowNumber, Col(Village), "village.unknown", $"村（社区）“{v}”无法确定，请核对乡镇和村名"));
                    }
                    if (errors.Count > 0) { report.Reject(row.RowNumber, errors, cells); continue; }
                    rows.Add((row.RowNumber, new Enrolling.Candidate(id!, Text(Name), village, Text(Phone)?.Replace("-", "").Replace(" ", "")), cells));
                }
            }
            catch (SheetFormatException e) { return e.AsFailure(); }

            // Rows are decided with no transaction open (SQLite would hold its write lock all the while); the writes come at the end, in one.
            var book = new Enrolling(db, found.Value!, user, clock, personRules);
            foreach (var chunk in rows.Chunk(1_000))
            {
                var outcomes = await book.DecideAsync(chunk.Select(c => c.Candidate).ToList(), ct);
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (rowNumber, _, cells) = chunk[i];
                    var o = outcomes[i];
                    if (o.Refusal is { Code: "enrolment.duplicate" }) { report.Unchanged++; continue; }
                    if (o.Refusal is { } r)
                    {
                        var column = o.Field switch { "name" => Col(Name), "villageCode" => headers.ContainsKey(Village) ? Col(Village) : Col(IdNumber), "phone" => Col(Phone), _ => Col(IdNumber) };
                        report.Reject(rowNumber, [new ImportError(rowNumber, column, r.Code, r.Message)], cells);
                        continue;
                    }
                    report.Created++;
                    if (o.PersonCreated) report.PeopleCreated++;
                }
            }
            if (book.Checks.Count > 0) await AuditAsync(book.Checks, ct);
            report.Valid = report.Created + report.Unchanged;
            report.SkippedRows = reader.SkippedRows;
            report.Complete();
            if (mode == ImportMode.Commit)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await book.LockClassAsync(ct);
                var batch = ImportBatch.Start("roster", fileName, "", user.UserName, clock.GetUtcNow().UtcDateTime);
                (batch.TotalRows, batch.Created, batch.Unchanged, batch.Rejected) = (report.TotalRows, report.Created, report.Unchanged, report.Rejected);
                db.ImportBatches.Add(batch);
                try
                {
                    await db.SaveChangesAsync(ct);
                    if (!await book.StillWithinCapacityAsync(ct))
                        return Result.Refused(new Refusal("enrolment.capacity", $"导入期间本班名单已有变动，按本文件导入将超过计划招收的 {found.Value!.Capacity} 人；未导入任何人，请重新预检"));
                }
                catch (DbUpdateException e) when (DbErrors.IsWriteConflict(e)) { return Result.Conflict("导入期间本班学员名单被他人修改，未导入任何人，请重新导入"); }
                await tx.CommitAsync(ct);
            }
            return report;
        }

        /// <summary>Each row's ID check, through a context of its own and before the import's transaction (SQLite would wait on its own
        /// write lock); a dry run is audited too: the school learnt as much from it.</summary>
        async Task AuditAsync(IReadOnlyList<Enrolling.Check> checks, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            foreach (var c in checks)
                search.Audit(db, ExactSearch.Kind.IdNumber, c.IdNumber, c.PersonId is > 0 ? 1 : 0, c.PersonId, c.AreaCode, ExactSearch.Purpose.RosterImport);
            await db.SaveChangesAsync(ct);
        }
    }

    public static byte[] Template()
    {
        var rows = new[] { new Dictionary<string, object?> { ["序号"] = 1, ["姓名"] = "张三", ["身份证号"] = "请填写18位身份证号（单元格设为文本）", ["手机号"] = "13800000000", ["乡镇(街道)"] = "青石镇", ["村(社区)"] = "（培训机构报名时必填；县级业务人员为台账中没有的人员填写）" } };
        return SheetWriter.Xlsx(rows);
    }

    public static void Map(RouteGroupBuilder api)
    {
        Task<IResult> Upload(long id, HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
            UploadForm.RunAsync(request, UploadForm.MaxBytes(config), (s, name, mode) => h.Run(id, s, name, mode, ct), ct);
        api.MapPost("/training/classes/{id:long}/enrolments/imports", Upload)
            .DisableAntiforgery().RequireWriters().WithName(nameof(ImportRoster))
            .WithSummary("Enrol a roster workbook (.xlsx/.csv): multipart file + mode=dryRun|commit; per-row report")
            .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();
        foreach (var alias in new[] { "/training/classes/{id:long}/enrolments/import", "/training/classes/{id:long}/roster" })
            api.MapPost(alias, Upload).DisableAntiforgery().RequireWriters().ExcludeFromDescription();
        api.MapGet("/training/roster-template", () => Results.File(Template(), UploadForm.Xlsx, "培训班花名册模板.xlsx")).WithName("RosterTemplate");
    }
}
