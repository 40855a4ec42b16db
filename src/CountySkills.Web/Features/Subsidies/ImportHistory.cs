using CountySkills.Web.Features.People.Import;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Subsidies;

/// <summary>
/// The subsidies people received before the system, from the old Excel records: POST /api/subsidies/history-imports with multipart
/// `file` and `mode` = dryRun | commit, reported row by row like the ledger import. Each row is kept as imported history (by ID
/// number, so it counts even for someone not yet in the ledger), and the yearly and lifetime rules hold from the first day.
/// A row already imported (same ID, occupation, level and paid date) is unchanged, so a second upload changes nothing.
/// </summary>
public static class ImportHistory
{
    public const string Name = "name", IdNumber = "idNumber", Occupation = "occupation", Level = "level", Number = "number", Amount = "amount",
        PaidOn = "paidOn", Institution = "institution";

    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [Name] = LedgerColumns.Synonyms[LedgerColumns.Name],
        [IdNumber] = LedgerColumns.Synonyms[LedgerColumns.IdNumber],
        [Occupation] = ["职业(工种)", "职业", "工种", "职业名称", "职业(工种)名称", "职业编码", "职业(工种)代码", "职业代码", "培训工种", "培训专业", "专项能力名称"],
        [Level] = [.. Certificates.ImportCertificates.Columns[Certificates.ImportCertificates.Level], "证书等级"],
        [Number] = Certificates.ImportCertificates.Columns[Certificates.ImportCertificates.Number],
        [Amount] = ["补贴金额(元)", "补贴金额", "金额(元)", "金额", "补贴标准(元)", "发放金额(元)", "发放金额"],
        [PaidOn] = ["发放日期", "发放时间", "拨付日期", "拨付时间", "补贴发放日期"],
        [Institution] = ["培训机构", "培训单位", "机构名称", "承训机构"],
    };

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IConfiguration config)
    {
        public async Task<Result<ImportReport>> Run(Stream file, string fileName, ImportMode mode, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, Columns, [IdNumber, Occupation, Amount], SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }
            using var _ = reader;
            var headers = reader.Headers;
            string Col(string key) => headers.GetValueOrDefault(key) ?? Columns[key][0];
            var today = clock.Today();
            var report = ImportReport.For(mode, headers);
            var occupations = await db.Occupations.AsNoTracking().ToListAsync(ct);
            var seen = new Dictionary<string, int>();
            var accepted = new List<HistoricSubsidy>();
            try
            {
                foreach (var row in reader.Rows())
                {
                    report.TotalRows++;
                    var Text = row.Text;
                    var errors = new List<ImportError>();
                    void Error(string key, string code, string message) => errors.Add(new(row.RowNumber, Col(key), code, message));
                    var (id, idError) = IdCell.Read(row.Values.GetValueOrDefault(IdNumber), today);
                    if (idError is not null) Error(IdNumber, idError.Code, idError.Message);
                    var name = Text(Name);
                    if (name is null) Error(Name, "value.required", "姓名为空");
                    var occText = Text(Occupation);
                    var occ = occText is null ? null : occupations.FirstOrDefault(o => o.Code == occText || o.Name == occText);
                    if (occText is null) Error(Occupation, "value.required", "职业（工种）为空");
                    else if (occ is null) Error(Occupation, "occupation.unknown", $"职业目录中没有“{occText}”：请填写目录中的职业代码或名称（如 4-10-01-06 或 家政服务员）");
                    var level = SkillLevel.None;
                    if (Text(Level) is { } lt && !Zh.TryParse(lt, out level)) Error(Level, "value.invalid", $"等级“{lt}”应为 五级/初级工 … 一级/高级技师，或留空");
                    else if (occ is not null && !occ.Offers(level)) Error(Level, "value.invalid", $"{occ.Name}没有“{Zh.Of(level)}”这一等级");
                    var fen = Fen(row.Values.GetValueOrDefault(Amount));
                    if (fen is not > 0 || fen > 10_000_000) Error(Amount, "amount.invalid", $"补贴金额“{Text(Amount)}”应为 0 至 100,000 元之间的金额（单位：元）");
                    var paidOn = SheetText.Date(row.Values.GetValueOrDefault(PaidOn));
                    if (paidOn is null) Error(PaidOn, "value.invalid", $"发放日期“{Text(PaidOn)}”不是有效日期（例：2024-06-30）");
                    else if (paidOn > today || paidOn.Value.Year < 1990) Error(PaidOn, "value.invalid", $"发放日期 {paidOn:yyyy-MM-dd} 不合理（晚于今天或早于 1990 年）");
                    if (errors.Count == 0)
                    {
                        var key = HistoricSubsidy.KeyOf(id!, occ!.Name, level, paidOn!.Value);
                        if (seen.TryGetValue(key, out var first)) Error(IdNumber, "row.duplicate", $"与第 {first} 行是同一笔补贴（同一人、职业、等级、发放日期）");
                        else
                        {
                            seen[key] = row.RowNumber;
                            var person = await db.People.AsNoTracking().Where(p => p.IdNumber == id).Select(p => new { p.Id, p.Name, p.MergedIntoId }).SingleOrDefaultAsync(ct);
                            if (person is not null && !Person.SameName(person.Name, name!))
                                Error(Name, "person.name_mismatch", $"身份证号 {Domain.IdNumber.Mask(id!)} 在台账中登记的姓名与“{name}”不一致");
                            else if (await db.HistoricSubsidies.AnyAsync(h => h.Key == key, ct)) report.Unchanged++;
                            else
                            {
                                accepted.Add(new HistoricSubsidy
                                {
                                    IdNumber = id!, PersonId = person?.MergedIntoId ?? person?.Id, Name = name!.Trim(), OccupationId = occ.Id, OccupationName = occ.Name, Level = level,
                                    CertificateNumber = Text(Number) is { } n ? Certificate.NormaliseNumber(n) : null, AmountFen = fen!.Value, PaidOn = paidOn.Value,
                                    InstitutionName = Text(Institution), Key = key, CreatedUtc = clock.GetUtcNow().UtcDateTime,
                                });
                                report.Created++;
                            }
                        }
                    }
                    if (errors.Count > 0) report.Reject(row.RowNumber, errors, row.Cells(headers));
                }
            }
            catch (SheetFormatException e) { return e.AsFailure(); }
            report.Valid = report.Created + report.Unchanged;
            report.SkippedRows = reader.SkippedRows;
            report.Complete();
            if (mode == ImportMode.Commit)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var batch = ImportBatch.Start("subsidy-history", fileName, "", user.UserName, clock.GetUtcNow().UtcDateTime);
                (batch.TotalRows, batch.Created, batch.Unchanged, batch.Rejected) = (report.TotalRows, report.Created, report.Unchanged, report.Rejected);
                db.ImportBatches.Add(batch);
                await db.SaveChangesAsync(ct);
                foreach (var h in accepted) h.ImportBatchId = batch.Id;
                db.HistoricSubsidies.AddRange(accepted);
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e)) { return Result.Conflict("同一文件正在被他人导入，请稍后查看结果后再试"); }
                await tx.CommitAsync(ct);
                report.ImportBatchId = batch.Id;
            }
            return report;
        }

        /// <summary>Yuan as a cell holds it (1200, "1,200", "1200元", "1200.00") in fen; null when it is not an amount.</summary>
        static long? Fen(object? cell)
        {
            if (cell is double d) return double.IsFinite(d) && Math.Abs(d) < 1e12 ? (long)Math.Round(d * 100) : null;
            var t = SheetText.CellText(cell)?.Replace(",", "").Replace("，", "").Replace("元", "").Replace("¥", "").Replace("￥", "").Trim();
            return decimal.TryParse(t, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var m) && Math.Abs(m) < 1_000_000_000_000m ? (long)Math.Round(m * 100) : null;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/subsidies/history-imports", (HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
                UploadForm.RunAsync(request, UploadForm.MaxBytes(config), (s, name, mode) => h.Run(s, name, mode, ct), ct))
            .DisableAntiforgery().RequireSubsidyCounty().WithName(nameof(ImportHistory))
            .WithSummary("Import subsidies paid before the system (.xlsx/.csv): multipart file + mode=dryRun|commit; per-row report")
            .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();
    }
}
