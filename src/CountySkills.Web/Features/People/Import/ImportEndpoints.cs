using CountySkills.Web.Infrastructure.Auth;
using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.People.Import;

/// <summary>HTTP for the import: the file comes as multipart `file`, the mode as `mode` = dryRun | commit.</summary>
public static partial class ImportPeople
{
    public const string Xlsx = UploadForm.Xlsx;

    public static long MaxBytes(IConfiguration config) => UploadForm.MaxBytes(config);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/people/imports", (HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
                UploadForm.RunAsync(request, MaxBytes(config), (s, name, mode) => h.Run(s, name, mode, null, ct), ct))
            .DisableAntiforgery().RequirePermission(Perm.PeopleWrite)
            .WithName(nameof(ImportPeople)).WithSummary("Import a ledger file (.xlsx/.csv): multipart file + mode=dryRun|commit")
            .Accepts<IFormFile>("multipart/form-data").Produces<ImportReport>();

        api.MapPost("/people/imports/rejected", async (HttpRequest request, Handler h, IConfiguration config, CancellationToken ct) =>
            {
                var (file, _, problem) = await UploadForm.ReadAsync(request, MaxBytes(config), ct, modeRequired: false);
                if (problem is not null) return problem;
                await using var stream = await UploadForm.Buffered(file!, ct);
                var r = await h.Run(stream, file!.FileName, ImportMode.DryRun, null, ct);
                return r.IsOk ? Results.File(LedgerWorkbook.Rejected(r.Value!), Xlsx, "被拒绝的行.xlsx") : r.ToHttp();
            })
            .DisableAntiforgery().RequirePermission(Perm.PeopleWrite)
            .WithName("ImportPeopleRejectedRows").WithSummary("The rejected rows of a ledger file with the reason beside each (xlsx)");

        api.MapGet("/people/import-template", async (IDbContextFactory<AppDbContext> dbs, CurrentUser user, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                return Results.File(LedgerWorkbook.Template(await LedgerWorkbook.ExamplePlaceAsync(db, user, ct)), Xlsx, "劳动力台账导入模板.xlsx");
            })
            .WithName("PeopleImportTemplate");
    }
}
