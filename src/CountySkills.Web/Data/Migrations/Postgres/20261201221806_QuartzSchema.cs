using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuartzSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The clustered job store's tables and lock rows (ADR 0026); raw SQL, so the model snapshot does not change.
            migrationBuilder.Sql(CountySkills.Web.Infrastructure.Jobs.QuartzTables.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CountySkills.Web.Infrastructure.Jobs.QuartzTables.Drop);
        }
    }
}
