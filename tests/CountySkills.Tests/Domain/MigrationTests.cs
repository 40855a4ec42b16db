using CountySkills.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Tests.Domain;

/// <summary>Both migration sets must describe today's model: a forgotten migration fails here, not in production.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void No_pending_model_changes(DatabaseProvider provider)
    {
        var cs = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused";
        using var db = DatabaseSetup.Create(DatabaseSetup.BuildOptions(provider, cs, null));
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model has changes no migration covers; run scripts/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Both_sets_have_the_same_migrations()
    {
        using var s = DatabaseSetup.Create(DatabaseSetup.BuildOptions(DatabaseProvider.Sqlite, "Data Source=:memory:", null));
        using var p = DatabaseSetup.Create(DatabaseSetup.BuildOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused", null));
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(s), Names(p));
    }
}
