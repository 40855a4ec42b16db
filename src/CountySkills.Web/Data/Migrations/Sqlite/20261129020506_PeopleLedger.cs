using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_AreaCode",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_Name",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_TownshipCode_Name",
                table: "People");

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MergedIntoId",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MergedUtc",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_AreaCode_Name_BirthDate",
                table: "People",
                columns: new[] { "AreaCode", "Name", "BirthDate" });

            migrationBuilder.CreateIndex(
                name: "IX_People_List",
                table: "People",
                columns: new[] { "TownshipCode", "EmploymentStatus", "BirthDate", "Tags", "MergedIntoId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_MergedIntoId",
                table: "People",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_People_Name",
                table: "People",
                columns: new[] { "Name", "TownshipCode", "EmploymentStatus", "BirthDate", "Tags", "MergedIntoId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_TownshipCode",
                table: "People",
                column: "TownshipCode");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_Sha256",
                table: "ImportBatches",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropIndex(
                name: "IX_People_AreaCode_Name_BirthDate",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_List",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_MergedIntoId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_Name",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_TownshipCode",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MergedUtc",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_People_AreaCode",
                table: "People",
                column: "AreaCode");

            migrationBuilder.CreateIndex(
                name: "IX_People_Name",
                table: "People",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_People_TownshipCode_Name",
                table: "People",
                columns: new[] { "TownshipCode", "Name" });
        }
    }
}
