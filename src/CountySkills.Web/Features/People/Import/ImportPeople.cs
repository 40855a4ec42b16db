using System.Security.Cryptography;
using CountySkills.Web.Infrastructure.Excel;
using System.Threading.Channels;
using FluentValidation;

namespace CountySkills.Web.Features.People.Import;

/// <summary>
/// Imports a township's ledger file (.xlsx or .csv): a dry run reports what would happen row by row; a commit stores
/// every valid row in one transaction and skips the rest. Importing the same file again changes nothing.
/// </summary>
public static partial class ImportPeople
{
    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock, IValidator<PersonInput> validator, IConfiguration config)
    {
        const int BatchSize = 2_000;

        public async Task<Result<ImportReport>> Run(Stream file, string fileName, ImportMode mode, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            var commit = mode == ImportMode.Commit;
            var today = clock.Today();
            var hash = commit ? await HashAsync(file, ct) : ""; // recorded only by a commit; read before the sheet reader takes the stream
            await using var db = await dbs.CreateDbContextAsync(ct);
            var places = await PlaceIndex.LoadAsync(db, ct);
            SheetReader reader;
            try { reader = SheetReader.Open(file, fileName, LedgerColumns.Synonyms, LedgerColumns.Required, SheetLimits.From(config)); }
            catch (SheetFormatException e) { return e.AsFailure(); }

            using var _ = reader;
            var report = ImportReport.For(mode, reader.Headers);
            await using var tx = commit ? await db.Database.BeginTransactionAsync(ct) : null;
            ImportBatch? batchRecord = null;
            if (commit)
            {
                batchRecord = ImportBatch.Start("people", fileName, hash, user.UserName, clock.GetUtcNow().UtcDateTime);
                db.ImportBatches.Add(batchRecord);
                await db.SaveChangesAsync(ct);
                report.ImportBatchId = batchRecord.Id;
            }
            // Two stages on two cores: reading and checking rows feeds batches to storing them (bounded, so memory stays flat).
            var channel = Channel.CreateBounded<List<(PersonRow Row, SheetRow Sheet)>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var reading = Task.Run(() => ReadAll(reader, places, today, report, channel.Writer, progress, file, ct), ct);
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                    await Flush(db, batch, report, batchRecord, reader.Headers, ct);
                await reading;
            }
            catch (SheetFormatException e)
            {
                return e.AsFailure();
            }
            finally
            {
                if (!reading.IsCompleted) { channel.Writer.TryComplete(); try { await reading; } catch (Exception) { /* reported above */ } }
            }
            report.Complete();
            report.SkippedRows = reader.SkippedRows + report.ExampleRows;
            report.Valid = report.Created + report.Updated + report.Unchanged;
            if (commit)
            {
                batchRecord!.TotalRows = report.TotalRows;
                (batchRecord.Created, batchRecord.Updated, batchRecord.Unchanged, batchRecord.Rejected) = (report.Created, report.Updated, report.Unchanged, report.Rejected);
                await db.SaveChangesAsync(ct);
                await tx!.CommitAsync(ct);
            }
            progress?.Report(new ImportProgress(report.TotalRows, 1));
            return report;
        }

        async Task ReadAll(SheetReader reader, PlaceIndex places, DateOnly today, ImportReport report,
            ChannelWriter<List<(PersonRow Row, SheetRow Sheet)>> output, IProgress<ImportProgress>? progress, Stream file, CancellationToken ct)
        {
            var seen = new Dictionary<string, int>();
            var batch = new List<(PersonRow Row, SheetRow Sheet)>(BatchSize);
            try
            {
                foreach (var sheetRow in reader.Rows())
                {
                    ct.ThrowIfCancellationRequested();
                    if (sheetRow.Text(LedgerColumns.Name) == LedgerWorkbook.ExampleName) { report.ExampleRows++; continue; } // the template's example
                    report.TotalRows++;
                    var row = PersonRow.Read(sheetRow, reader.Headers, places, user, today);
                    if (row.IdNumber is { } id && IdCell.RepeatedIn(seen, id, row.RowNumber) is { } repeated)
                        row.Error(LedgerColumns.IdNumber, "duplicate_in_file", repeated);
                    // Checked as a new person here; a row that turns out to update someone is checked again when stored.
                    if (row.Errors.Count == 0) Validate(row, row.Apply(NewInput(row)));
                    if (row.Errors.Count > 0) report.Reject(row.RowNumber, row.Errors, sheetRow.Cells(reader.Headers));
                    else batch.Add((row, sheetRow));
                    if (batch.Count == BatchSize)
                    {
                        await output.WriteAsync(batch, ct);
                        batch = new List<(PersonRow Row, SheetRow Sheet)>(BatchSize);
                    }
                    if (report.TotalRows % 1_000 == 0) progress?.Report(new ImportProgress(report.TotalRows, Fraction(file)));
                }
                if (batch.Count > 0) await output.WriteAsync(batch, ct);
                output.TryComplete();
            }
            catch (Exception e)
            {
                output.TryComplete(e);
                throw;
            }
        }

        static PersonInput NewInput(PersonRow row) => new() { IdNumber = row.IdNumber!, Name = row.Name!, VillageCode = row.VillageCode! };

        async Task Flush(AppDbContext db, List<(PersonRow Row, SheetRow Sheet)> batch, ImportReport report, ImportBatch? record,
            IReadOnlyDictionary<string, string> headers, CancellationToken ct)
        {
            if (batch.Count == 0) return;
            var ids = batch.Select(b => b.Row.IdNumber!).ToArray();
            // One array parameter (json_each / = ANY): one cached plan for every batch instead of a 2,000-parameter IN.
            var query = db.People.Where(p => EF.Parameter(ids).Contains(p.IdNumber));
            var existing = await (record is null ? query.AsNoTracking() : query).ToDictionaryAsync(p => p.IdNumber, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var creates = new List<Person>();
            foreach (var (row, sheet) in batch)
            {
                PersonInput input;
                var found = existing.GetValueOrDefault(row.IdNumber!);
                if (found is not null)
                {
                    if (found.IsMerged)
                        row.Error(LedgerColumns.IdNumber, "conflict", "该身份证号的记录已合并到其他人员，请核对后在保留的记录上修改");
                    else if (!Person.SameName(found.Name, row.Name!))
                        row.Error(LedgerColumns.Name, "conflict", $"该身份证号已登记为“{(user.CanSeeArea(found.AreaCode) ? found.Name : "其他乡镇人员")}”，与本行姓名“{row.Name}”不一致，未覆盖");
                    else if (!user.CanWriteArea(found.AreaCode))
                        row.Error(LedgerColumns.IdNumber, "scope.forbidden", "该身份证号已登记在其他乡镇，不在您的权限范围内");
                    input = row.Apply(PersonInput.From(found));
                    if (row.Errors.Count == 0) Validate(row, input);
                }
                else input = row.Apply(NewInput(row));
                if (row.Errors.Count > 0) { report.Reject(row.RowNumber, row.Errors, sheet.Cells(headers)); continue; }

                if (found is null)
                {
                    var person = Person.Create(IdNumber.Parse(input.IdNumber), input.Name, input.VillageCode, now);
                    input.ApplyTo(person);
                    person.ImportBatchId = record?.Id;
                    creates.Add(person);
                    report.Created++;
                }
                else if (input.ApplyTo(found)) report.Updated++;
                else report.Unchanged++;
            }
            if (record is not null)
            {
                await BulkInsert.InsertAsync(db, creates, ct);
                await db.SaveChangesAsync(ct); // updates, each audited with its changed fields
                db.ChangeTracker.Clear();
                db.Attach(record);
            }
        }

        void Validate(PersonRow row, PersonInput input)
        {
            foreach (var f in validator.Validate(input).Errors)
            {
                var key = f.PropertyName switch
                {
                    nameof(PersonInput.IdNumber) => LedgerColumns.IdNumber,
                    nameof(PersonInput.Name) => LedgerColumns.Name,
                    nameof(PersonInput.Phone) => LedgerColumns.Phone,
                    nameof(PersonInput.VillageCode) => LedgerColumns.Village,
                    nameof(PersonInput.MonitoredCategory) => LedgerColumns.MonitoredCategory,
                    nameof(PersonInput.WorkingSince) => LedgerColumns.Since,
                    nameof(PersonInput.MonthlyIncomeFen) => LedgerColumns.MonthlyIncome,
                    _ => LedgerColumns.Notes,
                };
                var code = f.ErrorCode is { } c && c.Contains('.') ? c : "value.invalid";
                row.Error(key, code, f.ErrorMessage);
            }
        }



        static double Fraction(Stream s) => s.CanSeek && s.Length > 0 ? Math.Clamp((double)s.Position / s.Length, 0, 1) : double.NaN;

        static async Task<string> HashAsync(Stream s, CancellationToken ct)
        {
            if (!s.CanSeek) return "";
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct));
            s.Position = 0;
            return hash;
        }
    }
}
