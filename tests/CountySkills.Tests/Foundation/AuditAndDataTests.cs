using System.Net;
using CountySkills.Tests.Infrastructure;
using CountySkills.Web.Data;
using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CountySkills.Tests.Foundation;

public abstract class AuditAndDataTests(AppFactory app)
{
    static readonly DateTime Now = new(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);

    AppDbContext NewContext(AsyncServiceScope scope, string user = "county")
    {
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Actor = new AuditActor("test-" + user, user);
        return db;
    }

    static Person NewPerson(string first17, string name) =>
        Person.Create(IdNumber.Parse(first17 + IdNumber.ComputeCheck(first17)), name, "419921101001", Now);

    [Fact]
    public async Task Insert_update_and_delete_each_write_an_audit_entry_with_old_and_new_values()
    {
        await using var scope = app.Scope();
        long id;
        await using (var db = NewContext(scope))
        {
            var p = NewPerson("41992119900101123", "审计甲");
            db.People.Add(p);
            await db.SaveChangesAsync();
            id = p.Id;
            p.Name = "审计乙";
            await db.SaveChangesAsync();
            db.People.Remove(p);
            await db.SaveChangesAsync();
        }
        var auditor = await app.ClientFor("auditor");
        var log = await HttpAssert.Json(await auditor.GetAsync($"/api/audit?entity=Person&entityKey={id}"));
        var items = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Delete", "Update", "Insert"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.All(items, i => Assert.Equal("county", i.GetProperty("userName").GetString()));
        var name = Assert.Single(items[1].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Name");
        Assert.Equal("审计甲", name.GetProperty("from").GetString());
        Assert.Equal("审计乙", name.GetProperty("to").GetString());
    }

    [Fact]
    public async Task A_failed_write_leaves_the_database_as_it_was()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope);
        var existing = await db.People.OrderBy(p => p.Id).FirstAsync();
        var people = await db.People.CountAsync();
        var audits = await db.AuditEntries.CountAsync();

        db.People.Add(NewPerson("41992119850505432", "新人"));
        db.People.Add(Person.Create(IdNumber.Parse(existing.IdNumber), "重复身份证", "419921101001", Now));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var fresh = NewContext(scope);
        Assert.Equal(people, await fresh.People.CountAsync());
        Assert.Equal(audits, await fresh.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_even_by_sql()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope);
        var before = await db.AuditEntries.CountAsync();
        Assert.True(before > 0);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        var entry = await db.AuditEntries.FirstAsync();
        db.Entry(entry).State = EntityState.Deleted;
        await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        await using var fresh = NewContext(scope);
        Assert.Equal(before, await fresh.AuditEntries.CountAsync());
        Assert.Equal(0, await fresh.AuditEntries.CountAsync(a => a.UserName == "x"));
    }

    [Fact]
    public async Task Replacing_an_existing_audit_entry_by_sql_is_refused_and_so_is_truncating_the_log()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope);
        var entry = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
        var before = await db.AuditEntries.CountAsync();
        const string Columns = "\"Id\", \"AtUtc\", \"UserId\", \"UserName\", \"Action\", \"Entity\", \"EntityKey\", \"AreaCode\", \"Changes\"";
        Task<int> Raw(string sql) => db.Database.ExecuteSqlRawAsync(sql);   // the id is a long read from the table
        const string Forged = "\"Id\", \"AtUtc\", \"UserId\", 'forger', \"Action\", \"Entity\", \"EntityKey\", \"AreaCode\", '{}'";
        if (db.Database.IsSqlite())
        {
            // REPLACE deletes the row it collides with (firing no delete trigger) and inserts its own.
            await Assert.ThrowsAnyAsync<Exception>(() => Raw(
                $"INSERT OR REPLACE INTO \"AuditEntries\" ({Columns}) SELECT {Forged} FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));
            await Assert.ThrowsAnyAsync<Exception>(() => Raw(
                $"REPLACE INTO \"AuditEntries\" ({Columns}) SELECT {Forged} FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));
            await Assert.ThrowsAnyAsync<Exception>(() => Raw(
                $"INSERT INTO \"AuditEntries\" ({Columns}) SELECT {Forged} FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id} ON CONFLICT(\"Id\") DO UPDATE SET \"UserName\" = 'forger'"));
        }
        else
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Raw(
                $"INSERT INTO \"AuditEntries\" ({Columns}) SELECT {Forged} FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id} ON CONFLICT (\"Id\") DO UPDATE SET \"UserName\" = EXCLUDED.\"UserName\""));
            var truncate = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => Raw("TRUNCATE \"AuditEntries\""));
            Assert.Contains("append-only", truncate.MessageText);
            await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => Raw("TRUNCATE \"AuditEntries\" RESTART IDENTITY CASCADE"));
        }
        await using var fresh = NewContext(scope);
        var after = await fresh.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id);
        Assert.Equal((entry.UserName, entry.Changes, entry.AtUtc), (after.UserName, after.Changes, after.AtUtc));
        Assert.Equal(before, await fresh.AuditEntries.CountAsync());
        Assert.Equal(0, await fresh.AuditEntries.CountAsync(a => a.UserName == "forger"));

        // Appending goes on as before.
        fresh.People.Add(NewPerson("41992119770707123", "审计追加"));
        await fresh.SaveChangesAsync();
        Assert.Equal(before + 1, await fresh.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task No_api_route_changes_or_deletes_audit_entries()
    {
        var admin = await app.ClientFor("admin");
        var delete = await admin.DeleteAsync("/api/audit/1");
        Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        var put = await admin.PutAsync("/api/audit/1", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_stale_version_is_a_concurrency_conflict()
    {
        await using var scope = app.Scope();
        long id;
        Guid version;
        await using (var db = NewContext(scope))
        {
            var p = await db.People.OrderBy(x => x.Id).Skip(3).FirstAsync();
            (id, version) = (p.Id, p.Version);
            p.Notes = "第一次修改";
            await db.SaveChangesAsync();
            Assert.NotEqual(version, p.Version);
        }
        await using (var db = NewContext(scope, "town01"))
        {
            var p = await db.People.SingleAsync(x => x.Id == id);
            db.Entry(p).Property(x => x.Version).OriginalValue = version; // the version the second editor loaded
            p.Notes = "第二次修改";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }
        await using var check = NewContext(scope);
        Assert.Equal("第一次修改", (await check.People.SingleAsync(x => x.Id == id)).Notes);
    }

    [Fact]
    public async Task Two_concurrent_saves_on_separate_contexts_each_get_their_own_entries()
    {
        await using var scope = app.Scope();
        async Task<List<(long Id, string Name)>> SaveAs(string user, string serial)
        {
            var saved = new List<(long, string)>();
            for (var round = 0; round < 4; round++)
            {
                await using var db = NewContext(scope, user);
                var people = Enumerable.Range(0, 3).Select(i => NewPerson($"4199211960{serial}1{round}{i}12", $"并发{user}{round}{i}")).ToList();
                db.People.AddRange(people);
                await db.SaveChangesAsync();
                saved.AddRange(people.Select(p => (p.Id, p.Name)));
            }
            return saved;
        }
        var both = await Task.WhenAll(Task.Run(() => SaveAs("county", "01")), Task.Run(() => SaveAs("town01", "02")));

        await using var check = NewContext(scope);
        foreach (var (user, saved) in new[] { ("county", both[0]), ("town01", both[1]) })
            foreach (var (id, name) in saved)
            {
                var entries = await check.AuditEntries.Where(a => a.Entity == nameof(Person) && a.EntityKey == id.ToString()).ToListAsync();
                var entry = Assert.Single(entries);
                Assert.Equal(AuditEntry.Insert, entry.Action);
                Assert.Equal(user, entry.UserName);
                Assert.Contains(name, entry.Changes);
            }
    }

    [Fact]
    public async Task Demo_people_have_valid_ids_matching_sex_and_birth_date()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope);
        var people = await db.People.Take(600).ToListAsync();
        Assert.NotEmpty(people);
        foreach (var p in people)
        {
            Assert.True(IdNumber.TryParse(p.IdNumber, null, out var id, out var e), e?.Message);
            Assert.Equal(id.Sex, p.Sex);
            Assert.Equal(id.BirthDate, p.BirthDate);
            Assert.StartsWith(p.TownshipCode, p.AreaCode);
        }
    }
}

public sealed class AuditAndDataTests_Sqlite(SqliteApp app) : AuditAndDataTests(app), IClassFixture<SqliteApp>;
public sealed class AuditAndDataTests_Postgres(PostgresApp app) : AuditAndDataTests(app), IClassFixture<PostgresApp>;
