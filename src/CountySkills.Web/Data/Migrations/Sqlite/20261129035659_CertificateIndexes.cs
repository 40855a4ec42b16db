using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_Number",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EnrolmentId_Kind",
                table: "Certificates",
                columns: new[] { "EnrolmentId", "Kind" },
                unique: true,
                filter: "\"RevokedUtc\" IS NULL AND \"EnrolmentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Number",
                table: "Certificates",
                column: "Number",
                unique: true,
                filter: "\"RevokedUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_EnrolmentId_Kind",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_Number",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Number",
                table: "Certificates",
                column: "Number",
                unique: true);
        }
    }
}
