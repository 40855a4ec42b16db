using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CountySkills.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Subsidies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Fund = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HistoricSubsidies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OccupationId = table.Column<long>(type: "bigint", nullable: true),
                    OccupationName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InstitutionName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoricSubsidies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HistoricSubsidies_Occupations_OccupationId",
                        column: x => x.OccupationId,
                        principalTable: "Occupations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Fund = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    Settled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubsidyRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    BasedOnId = table.Column<long>(type: "bigint", nullable: true),
                    JuniorFen = table.Column<long>(type: "bigint", nullable: false),
                    IntermediateFen = table.Column<long>(type: "bigint", nullable: false),
                    AdvancedFen = table.Column<long>(type: "bigint", nullable: false),
                    TechnicianFen = table.Column<long>(type: "bigint", nullable: false),
                    SeniorTechnicianFen = table.Column<long>(type: "bigint", nullable: false),
                    SpecialAbilityFen = table.Column<long>(type: "bigint", nullable: false),
                    CompletionFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessJuniorFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessIntermediateFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessAdvancedFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessTechnicianFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessSeniorTechnicianFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessSpecialAbilityFen = table.Column<long>(type: "bigint", nullable: false),
                    MaxPerYear = table.Column<int>(type: "integer", nullable: false),
                    ClaimWindowMonths = table.Column<int>(type: "integer", nullable: false),
                    MinAttendancePercent = table.Column<int>(type: "integer", nullable: false),
                    WorkingAgeMin = table.Column<int>(type: "integer", nullable: false),
                    WorkingAgeMax = table.Column<int>(type: "integer", nullable: false),
                    CatalogueOnly = table.Column<bool>(type: "boolean", nullable: false),
                    NoticeWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Holidays = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExtraWorkdays = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SharedPhoneThreshold = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubsidyRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClassId = table.Column<long>(type: "bigint", nullable: false),
                    InstitutionId = table.Column<long>(type: "bigint", nullable: false),
                    Fund = table.Column<int>(type: "integer", nullable: false),
                    Payee = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RulesId = table.Column<long>(type: "bigint", nullable: false),
                    ClaimedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NoticeStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NoticeEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NoticePublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NoticeBackdated = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Claims_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Claims_Institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Claims_SubsidyRules_RulesId",
                        column: x => x.RulesId,
                        principalTable: "SubsidyRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClaimLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClaimId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    EnrolmentId = table.Column<long>(type: "bigint", nullable: false),
                    CertificateId = table.Column<long>(type: "bigint", nullable: true),
                    CertificateNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CertificateIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    OccupationId = table.Column<long>(type: "bigint", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    AttendancePercent = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    Completed = table.Column<bool>(type: "boolean", nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    AssessmentFen = table.Column<long>(type: "bigint", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Explanations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    DecisionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payment = table.Column<int>(type: "integer", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimLines_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClaimLines_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimLines_Occupations_OccupationId",
                        column: x => x.OccupationId,
                        principalTable: "Occupations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimLines_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClaimTransitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClaimId = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: true),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimTransitions_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClaimId = table.Column<long>(type: "bigint", nullable: false),
                    LineId = table.Column<long>(type: "bigint", nullable: true),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FiledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objections_ClaimLines_LineId",
                        column: x => x.LineId,
                        principalTable: "ClaimLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Objections_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<long>(type: "bigint", nullable: false),
                    LineId = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentItems_ClaimLines_LineId",
                        column: x => x.LineId,
                        principalTable: "ClaimLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentItems_PaymentBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PaymentBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Year_Fund",
                table: "Budgets",
                columns: new[] { "Year", "Fund" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_ClaimId_EnrolmentId",
                table: "ClaimLines",
                columns: new[] { "ClaimId", "EnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_EnrolmentId",
                table: "ClaimLines",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_OccupationId",
                table: "ClaimLines",
                column: "OccupationId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_PersonId_Decision",
                table: "ClaimLines",
                columns: new[] { "PersonId", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ClassId",
                table: "Claims",
                column: "ClassId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_InstitutionId_Status",
                table: "Claims",
                columns: new[] { "InstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Number",
                table: "Claims",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_RulesId",
                table: "Claims",
                column: "RulesId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status_ClaimedOn",
                table: "Claims",
                columns: new[] { "Status", "ClaimedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimTransitions_ClaimId",
                table: "ClaimTransitions",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_HistoricSubsidies_IdNumber",
                table: "HistoricSubsidies",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_HistoricSubsidies_Key",
                table: "HistoricSubsidies",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HistoricSubsidies_OccupationId",
                table: "HistoricSubsidies",
                column: "OccupationId");

            migrationBuilder.CreateIndex(
                name: "IX_HistoricSubsidies_PersonId",
                table: "HistoricSubsidies",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_ClaimId_Status",
                table: "Objections",
                columns: new[] { "ClaimId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Objections_LineId",
                table: "Objections",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentBatches_Number",
                table: "PaymentBatches",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentItems_BatchId",
                table: "PaymentItems",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentItems_LineId",
                table: "PaymentItems",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyRules_BasedOnId",
                table: "SubsidyRules",
                column: "BasedOnId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyRules_EffectiveFromUtc",
                table: "SubsidyRules",
                column: "EffectiveFromUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Budgets");

            migrationBuilder.DropTable(
                name: "ClaimTransitions");

            migrationBuilder.DropTable(
                name: "HistoricSubsidies");

            migrationBuilder.DropTable(
                name: "Objections");

            migrationBuilder.DropTable(
                name: "PaymentItems");

            migrationBuilder.DropTable(
                name: "ClaimLines");

            migrationBuilder.DropTable(
                name: "PaymentBatches");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "SubsidyRules");
        }
    }
}
