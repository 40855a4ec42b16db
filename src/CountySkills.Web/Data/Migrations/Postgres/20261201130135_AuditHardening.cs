using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The audit log stays append-only against TRUNCATE too (a statement trigger: the row triggers of the Foundation migration do not
    /// fire for it), and the application's own database role may only add to it and read it: when the role exists (by default
    /// countyskills_app, or the name in the database setting countyskills.app_role) and does not own the table, it loses UPDATE,
    /// DELETE, TRUNCATE, REFERENCES and TRIGGER on "AuditEntries" and keeps INSERT and SELECT (and the id sequence). Without such a
    /// role (one role for everything, the tests) the grants are left alone. deploy/postgres-roles.sql sets the roles up; ADR 0013.
    /// </summary>
    public partial class AuditHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON \"AuditEntries\" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();");
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    app_role text := coalesce(nullif(current_setting('countyskills.app_role', true), ''), 'countyskills_app');
                    id_sequence text := pg_get_serial_sequence('"AuditEntries"', 'Id');
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app_role) THEN
                        RAISE NOTICE 'no role %: audit table grants left as they are', app_role;
                    ELSIF EXISTS (SELECT FROM pg_tables WHERE tablename = 'AuditEntries' AND schemaname = current_schema() AND tableowner = app_role) THEN
                        RAISE NOTICE 'role % owns "AuditEntries": run the migrations as a separate owner role (deploy/postgres-roles.sql)', app_role;
                    ELSE
                        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEntries" FROM %I', app_role);
                        EXECUTE format('GRANT SELECT, INSERT ON "AuditEntries" TO %I', app_role);
                        IF id_sequence IS NOT NULL THEN
                            EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', id_sequence, app_role);
                        END IF;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The trigger goes; the application role's narrower grants stay (a rollback does not widen what it may do to the audit log).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON \"AuditEntries\";");
        }
    }
}
