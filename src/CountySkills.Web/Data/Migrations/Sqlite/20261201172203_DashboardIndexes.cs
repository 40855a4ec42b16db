using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Placements_StartDate_PersonId_Organised_BrandId_Band",
                table: "Placements",
                columns: new[] { "StartDate", "PersonId", "Organised", "BrandId", "Band" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_DueOn_Cancelled_DoneOn",
                table: "FollowUps",
                columns: new[] { "DueOn", "Cancelled", "DoneOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Placements_StartDate_PersonId_Organised_BrandId_Band",
                table: "Placements");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_DueOn_Cancelled_DoneOn",
                table: "FollowUps");
        }
    }
}
