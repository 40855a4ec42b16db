using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The audit log stays append-only against INSERT OR REPLACE too: REPLACE deletes the row it collides with and inserts its own,
    /// and the delete fires no trigger unless recursive_triggers is on, so an insert over an existing id is refused before it happens
    /// (ADR 0004, 0013). UPDATE, DELETE and upserts stay refused by the triggers of the Foundation migration.
    /// </summary>
    public partial class AuditHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_replace BEFORE INSERT ON AuditEntries WHEN EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id) " +
                                 "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_replace;");
        }
    }
}
