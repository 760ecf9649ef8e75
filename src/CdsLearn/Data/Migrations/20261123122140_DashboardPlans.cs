using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastActiveAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommuneReportNotes",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Difficulties = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommuneReportNotes", x => new { x.CommuneId, x.Quarter });
                    table.ForeignKey(
                        name: "FK_CommuneReportNotes_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuarterTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    SkillId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: false),
                    SetByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    SetAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarterTargets_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LastActiveAt",
                table: "AspNetUsers",
                column: "LastActiveAt");

            migrationBuilder.CreateIndex(
                name: "IX_QuarterTargets_CommuneId",
                table: "QuarterTargets",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_QuarterTargets_Quarter_CommuneId_SkillId",
                table: "QuarterTargets",
                columns: new[] { "Quarter", "CommuneId", "SkillId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommuneReportNotes");

            migrationBuilder.DropTable(
                name: "QuarterTargets");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LastActiveAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastActiveAt",
                table: "AspNetUsers");
        }
    }
}
