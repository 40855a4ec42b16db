using FluentValidation;

namespace CountySkills.Web.Features.Employment;

/// <summary>
/// Typical cases (典型案例): a person's story with photos, for reports: GET/POST/PUT /api/employment/cases, POST …/{id}/photos (multipart
/// `file`, JPEG/PNG/WebP up to 10 MB, checked by content), GET …/{id}/photos/{photoId}. County staff write; employment readers read.
/// </summary>
public static class Cases
{
    public sealed record Photo(long Id, string FileName, string ContentType, long Size);

    public sealed record View(long Id, long PersonId, string PersonName, string Title, string Story, long? BrandId, IReadOnlyList<Photo> Photos, Guid Version);

    public sealed record Input(long PersonId, string Title, string Story, long? BrandId, Guid? Version);

    public sealed class Validator : AbstractValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.PersonId).GreaterThan(0).WithMessage("请选择案例人物");
            RuleFor(x => x.Title).NotEmpty().WithMessage("请填写标题").MaximumLength(200);
            RuleFor(x => x.Story).NotEmpty().WithMessage("请填写案例内容").MaximumLength(8000).WithMessage("案例内容不超过 8000 字");
        }
    }

    public sealed class Handler(IDbContextFactory<AppDbContext> dbs, CurrentUser user, TimeProvider clock)
    {
        public async Task<List<View>> List(long? id, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var q = db.Cases.AsNoTracking();
            if (id is { } one) q = q.Where(c => c.Id == one);
            var rows = await q.OrderByDescending(c => c.Id).Take(200).Select(c => new
            {
                C = c, c.Person!.Name,
                Photos = db.CasePhotos.Where(p => p.CaseId == c.Id).Select(p => new Photo(p.Id, p.FileName, p.ContentType, p.Size)).ToList(),
            }).ToListAsync(ct);
            return rows.Select(r => new View(r.C.Id, r.C.PersonId, r.Name, r.C.Title, r.C.Story, r.C.BrandId, r.Photos, r.C.Version)).ToList();
        }

        public async Task<Result<View>> Save(long? id, Input input, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.People.AnyAsync(p => p.Id == input.PersonId, ct)) return Result.Invalid("personId", "台账中没有此人");
            if (input.BrandId is { } b && !await db.Brands.AnyAsync(x => x.Id == b, ct)) return Result.Invalid("brandId", "没有找到该品牌");
            TypicalCase? c;
            if (id is null) db.Cases.Add(c = new TypicalCase { Title = "", Story = "", CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserName });
            else
            {
                if (input.Version is not { } v) return Result.Invalid("version", "请提供所编辑记录的版本号（version）");
                c = await db.Cases.SingleOrDefaultAsync(x => x.Id == id, ct);
                if (c is null) return Result.NotFound("没有找到该案例");
                db.Entry(c).Property(x => x.Version).OriginalValue = v;
            }
            (c.PersonId, c.Title, c.Story, c.BrandId) = (input.PersonId, input.Title.Trim(), input.Story.Trim(), input.BrandId);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Result.Conflict("该案例已被他人修改，请刷新后重试"); }
            return (await List(c.Id, ct)).Single();
        }

        public async Task<Result<Photo>> AddPhoto(long id, string fileName, Stream content, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Cases.AnyAsync(c => c.Id == id, ct)) return Result.NotFound("没有找到该案例");
            var photo = await Photos.ReadAsync(content, ct);
            if (!photo.IsOk) return photo.AsFailure();
            var p = new CasePhoto
            {
                CaseId = id, FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 200 } n ? n : "photo", ContentType = photo.Value!.ContentType,
                Size = photo.Value.Bytes.Length, Sha256 = photo.Value.Sha256, Data = photo.Value.Bytes, UploadedUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = user.DisplayName,
            };
            db.CasePhotos.Add(p);
            await db.SaveChangesAsync(ct);
            return new Photo(p.Id, p.FileName, p.ContentType, p.Size);
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/cases", (Handler h, CancellationToken ct) => h.List(null, ct)).WithName("ListCases").WithSummary("Typical cases with their photos").RequireWorkReaders();
        api.MapPost("/employment/cases", async (Input input, Handler h, CancellationToken ct) =>
                (await h.Save(null, input, ct)).ToHttp(v => TypedResults.Created($"/api/employment/cases/{v.Id}", v)))
            .WithName("CreateCase").WithValidation<Input>().RequireWorkCounty();
        api.MapPut("/employment/cases/{id:long}", async (long id, Input input, Handler h, CancellationToken ct) => (await h.Save(id, input, ct)).ToHttp())
            .WithName("UpdateCase").WithValidation<Input>().RequireWorkCounty();
        api.MapPost("/employment/cases/{id:long}/photos", async (long id, HttpRequest request, Handler h, CancellationToken ct) =>
            {
                var (file, problem) = await Photos.FormFileAsync(request, ct);
                if (problem is not null) return problem;
                await using var content = file!.OpenReadStream();
                return (await h.AddPhoto(id, file.FileName, content, ct)).ToHttp(p => TypedResults.Created($"/api/employment/cases/{id}/photos/{p.Id}", p));
            })
            .DisableAntiforgery().WithName("AddCasePhoto").Accepts<IFormFile>("multipart/form-data").RequireWorkCounty();
        api.MapGet("/employment/cases/{id:long}/photos/{photoId:long}", async (long id, long photoId, IDbContextFactory<AppDbContext> dbs, CancellationToken ct) =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var p = await db.CasePhotos.AsNoTracking().SingleOrDefaultAsync(x => x.Id == photoId && x.CaseId == id, ct);
                return p is null ? Http.Problem(404, "没有找到该照片") : Results.File(p.Data, p.ContentType);
            })
            .WithName("GetCasePhoto").RequireWorkReaders();
    }
}
