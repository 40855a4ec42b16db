using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Certificates;

/// <summary>
/// Certificates from a workbook (e.g. the assessing body's list): POST /api/certificates/imports with multipart `file`
/// and `mode` = dryRun | commit. Every row goes through the rules of a hand registration and gets the per-row report of
/// the ledger import; valid rows are stored, the rest reported. A number already registered to the same person is unchanged.
/// </summary>
public static class ImportCertificates
{
    public const string Name = "name", IdNumber = "idNumber", Kind = "kind", Occupation = "occupation", Level = "level", Number = "number", Issuer = "issuer", IssuedOn = "issuedOn";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [Name] = LedgerColumns.Synonyms[LedgerColumns.Name].Concat(["持证人", "持证人姓名"]).ToArray(),
        [IdNumber] = LedgerColumns.Synonyms[LedgerColumns.IdNumber],
        [Kind] = ["证书类别", "证书类型", "证书种类"],
        [Occupation] = ["职业(工种)", "职业", "工种", "职业名称", "职业(工种)名称", "专项能力名称", "培训项目", "职业编码"],
        [Level] = ["等级", "技能等级", "职业等级", "级别"],
        [Number] = ["证书编号", "证书号", "证书号码"],
        [Issuer] = ["发证机构", "发证单位", "评价机构", "颁证机构"],
        [IssuedOn] = ["发证日期", "发证时间", "取证日期", "颁证日期"],
    };

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IConfiguration config)
    {
        public async Task<Result<ImportReport>> Run(Stream file, string fileName, ImportMode mode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, Columns, [IdNumber, Number, Kind], SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }
            using var _ = reader;
            var headers = reader.Headers;
            string Col(string key) => headers.GetValueOrDefault(key) ?? Columns[key][0];
            var today = clock.Today();
            var report = ImportReport.For(mode, headers);
            var book = new Registering(db, user, clock);
            // The batch is recorded first (so certificates point to it); rows are decided with no transaction open, since SQLite
            // would hold its write lock all the while; the certificates are written at the end, in one transaction.
            ImportBatch? batch = null;
            if (mode == ImportMode.Commit)
            {
                batch = ImportBatch.Start("certificates", fileName, "", user.UserName, clock.GetUtcNow().UtcDateTime);
                db.ImportBatches.Add(batch);
                await db.SaveChangesAsync(ct);
            }
            try
            {
                foreach (var row in reader.Rows())
                {
                    report.TotalRows++;
                    var Text = row.Text;
                    var cells = row.Cells(headers);
                    var errors = new List<ImportError>();
                    void Error(string key, string code, string message) => errors.Add(new(row.RowNumber, Col(key), code, message));
                    var (id, idError) = IdCell.Read(row.Values.GetValueOrDefault(IdNumber), today);
                    if (idError is not null) Error(IdNumber, idError.Code, idError.Message);
                    if (!Zh.TryParse<CertificateKind>(Text(Kind), out var kind)) Error(Kind, "value.invalid", $"证书类别“{Text(Kind)}”应为 职业技能等级证书、职业资格证书、专项职业能力证书 或 培训合格证");
                    var level = SkillLevel.None;
                    if (Text(Level) is { } lt && !Zh.TryParse(lt, out level)) Error(Level, "value.invalid", $"等级“{lt}”应为 五级/初级工 … 一级/高级技师");
                    var issuedOn = SheetText.Date(row.Values.GetValueOrDefault(IssuedOn));
                    if (issuedOn is null) Error(IssuedOn, "value.invalid", $"发证日期“{Text(IssuedOn)}”不是有效日期（例：2026-03-01）");
                    if (Text(Issuer) is not { } issuer) { Error(Issuer, "value.required", "发证机构为空"); issuer = ""; }
                    if (Text(Number) is not { } number) { Error(Number, "certificate.number", "证书编号为空"); number = ""; }
                    if (errors.Count == 0)
                    {
                        var occ = Text(Occupation);
                        var byCode = occ is not null && occ.Length <= 20 && occ.Any(char.IsAsciiDigit) && occ.Contains('-');
                        var existing = await db.Certificates.AsNoTracking().Where(c => c.Number == Certificate.NormaliseNumber(number) && c.RevokedUtc == null).Select(c => c.Person!.IdNumber).FirstOrDefaultAsync(ct);
                        if (existing == id) { report.Unchanged++; continue; }
                        var o = await book.DecideAsync(new Registering.Claim(id!, Text(Name), kind, null, byCode ? occ : null, byCode ? null : occ, level, number, issuer,
                            issuedOn!.Value, null, CertificateSource.Import), ct);
                        if (o.Refusal is { } r)
                            Error(o.Field switch { "name" => Name, "number" => Number, "issuedOn" => IssuedOn, "level" => Level, "occupationCode" or "occupationName" => Occupation, _ => IdNumber }, r.Code, r.Message);
                        else
                        {
                            o.Certificate!.ImportBatchId = batch?.Id;
                            report.Created++;
                        }
                    }
                    if (errors.Count > 0) report.Reject(row.RowNumber, errors, cells);
                }
            }
            catch (SheetFormatException e) { return e.AsFailure(); }
            report.Valid = report.Created + report.Unchanged;
            report.SkippedRows = reader.SkippedRows;
            report.Complete();
            if (batch is not null)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                (batch.TotalRows, batch.Created, batch.Unchanged, batch.Rejected) = (report.TotalRows, report.Created, report.Unchanged, report.Rejected);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                report.ImportBatchId = batch.Id;
            }
            return report;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        Task<IResult> Upload(HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
            UploadForm.RunAsync(request, UploadForm.MaxBytes(config), (s, name, mode) => h.Run(s, name, mode, ct), ct);
        api.MapPost("/certificates/import", Upload).DisableAntiforgery().RequirePermission(Perm.CertificatesWrite).ExcludeFromDescription();
        api.MapPost("/certificates/imports", Upload)
        .DisableAntiforgery().RequirePermission(Perm.CertificatesWrite).WithName(nameof(ImportCertificates))
        .WithSummary("Register certificates from a workbook (.xlsx/.csv): multipart file + mode=dryRun|commit; per-row report")
        .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();
    }
}
