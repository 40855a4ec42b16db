using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticePublicCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicCode",
                table: "Claims",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Claims noticed before: a random code each (12 hex digits, a subset of the base32 alphabet of PublicCodes), then unique.
            migrationBuilder.Sql("UPDATE \"Claims\" SET \"PublicCode\" = upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)) WHERE \"PublicCode\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_PublicCode",
                table: "Claims",
                column: "PublicCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_PublicCode",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PublicCode",
                table: "Claims");
        }
    }
}
