using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerStampsAndNameOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "People",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.CreateTable(
                name: "LedgerStamps",
                columns: table => new
                {
                    TownshipCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerStamps", x => x.TownshipCode);
                });

            // Statement-level triggers with transition tables: one upsert per statement (a COPY of millions of rows included), the
            // townships in code order so two writers take their row locks in the same order.
            migrationBuilder.Sql("""
                INSERT INTO "LedgerStamps" ("TownshipCode", "Stamp") SELECT DISTINCT "TownshipCode", 1 FROM "People";
                CREATE FUNCTION ledger_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    INSERT INTO "LedgerStamps" AS s ("TownshipCode", "Stamp") SELECT DISTINCT "TownshipCode", 1 FROM new_rows ORDER BY 1
                      ON CONFLICT ("TownshipCode") DO UPDATE SET "Stamp" = s."Stamp" + 1;
                  ELSIF TG_OP = 'UPDATE' THEN
                    INSERT INTO "LedgerStamps" AS s ("TownshipCode", "Stamp")
                      SELECT c, 1 FROM (SELECT "TownshipCode" AS c FROM new_rows UNION SELECT "TownshipCode" FROM old_rows) t ORDER BY 1
                      ON CONFLICT ("TownshipCode") DO UPDATE SET "Stamp" = s."Stamp" + 1;
                  ELSE
                    INSERT INTO "LedgerStamps" AS s ("TownshipCode", "Stamp") SELECT DISTINCT "TownshipCode", 1 FROM old_rows ORDER BY 1
                      ON CONFLICT ("TownshipCode") DO UPDATE SET "Stamp" = s."Stamp" + 1;
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_People_Stamp_Insert" AFTER INSERT ON "People" REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION ledger_stamp();
                CREATE TRIGGER "TR_People_Stamp_Update" AFTER UPDATE ON "People" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION ledger_stamp();
                CREATE TRIGGER "TR_People_Stamp_Delete" AFTER DELETE ON "People" REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION ledger_stamp();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_People_Stamp_Insert" ON "People";
                DROP TRIGGER "TR_People_Stamp_Update" ON "People";
                DROP TRIGGER "TR_People_Stamp_Delete" ON "People";
                DROP FUNCTION ledger_stamp();
                """);
            migrationBuilder.DropTable(
                name: "LedgerStamps");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "People",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50,
                oldCollation: "C");
        }
    }
}
