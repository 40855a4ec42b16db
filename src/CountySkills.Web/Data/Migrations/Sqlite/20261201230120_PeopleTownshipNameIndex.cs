using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleTownshipNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_People_Township_Name",
                table: "People",
                columns: new[] { "TownshipCode", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_Township_Name",
                table: "People");
        }
    }
}
