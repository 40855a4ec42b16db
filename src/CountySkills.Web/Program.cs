using CountySkills.Web.Components;
using CountySkills.Web.Features;
using CountySkills.Web.Infrastructure;
using CountySkills.Web.Infrastructure.Auth;
using CountySkills.Web.Infrastructure.Jobs;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
builder.AddPlatform();
builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddIdentityAndScopes(builder.Environment, builder.Configuration);
builder.Services.AddFeatures();
builder.Services.AddJobs(builder.Configuration);

var app = builder.Build();
if (await Cli.TryRunAsync(app, args) is { } exitCode) return exitCode;
app.RefuseToStartUnsafely();

app.UsePlatform();
app.MapApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
