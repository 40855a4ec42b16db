using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerStampsAndNameOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerStamps",
                columns: table => new
                {
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerStamps", x => x.TownshipCode);
                });

            // Row triggers (SQLite has no statement triggers): one upsert of a one-row-per-township table per changed person.
            const string bump = """INSERT INTO "LedgerStamps" ("TownshipCode", "Stamp") VALUES ({0}."TownshipCode", 1) ON CONFLICT ("TownshipCode") DO UPDATE SET "Stamp" = "Stamp" + 1;""";
            migrationBuilder.Sql("""INSERT INTO "LedgerStamps" ("TownshipCode", "Stamp") SELECT DISTINCT "TownshipCode", 1 FROM "People" WHERE true;""");
            migrationBuilder.Sql($"""CREATE TRIGGER "TR_People_Stamp_Insert" AFTER INSERT ON "People" BEGIN {string.Format(bump, "NEW")} END;""");
            migrationBuilder.Sql($"""CREATE TRIGGER "TR_People_Stamp_Update" AFTER UPDATE ON "People" BEGIN {string.Format(bump, "NEW")} {string.Format(bump, "OLD")} END;""");
            migrationBuilder.Sql($"""CREATE TRIGGER "TR_People_Stamp_Delete" AFTER DELETE ON "People" BEGIN {string.Format(bump, "OLD")} END;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "TR_People_Stamp_Insert"; DROP TRIGGER "TR_People_Stamp_Update"; DROP TRIGGER "TR_People_Stamp_Delete";""");
            migrationBuilder.DropTable(
                name: "LedgerStamps");
        }
    }
}
