using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Data.Migrations
{
    /// <inheritdoc />
    public partial class Figures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedByUserId",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DoneAt",
                table: "Assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommuneFigures",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommuneFigures", x => new { x.CommuneId, x.Quarter, x.Metric });
                    table.ForeignKey(
                        name: "FK_CommuneFigures_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommuneFigureStates",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceYear = table.Column<int>(type: "INTEGER", nullable: false),
                    RebuiltAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommuneFigureStates", x => x.CommuneId);
                    table.ForeignKey(
                        name: "FK_CommuneFigureStates_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VillageFigures",
                columns: table => new
                {
                    VillageId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillageFigures", x => new { x.VillageId, x.Quarter, x.Metric });
                    table.ForeignKey(
                        name: "FK_VillageFigures_Villages_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Villages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkerFigures",
                columns: table => new
                {
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerFigures", x => new { x.CommuneId, x.UserId, x.Quarter, x.Metric });
                    table.ForeignKey(
                        name: "FK_WorkerFigures_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Households_CreatedByUserId",
                table: "Households",
                column: "CreatedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_DueOn_DoneAt",
                table: "Assignments",
                columns: new[] { "DueOn", "DoneAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkerFigures_UserId",
                table: "WorkerFigures",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Households_AspNetUsers_CreatedByUserId",
                table: "Households",
                column: "CreatedByUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Households_AspNetUsers_CreatedByUserId",
                table: "Households");

            migrationBuilder.DropTable(
                name: "CommuneFigures");

            migrationBuilder.DropTable(
                name: "CommuneFigureStates");

            migrationBuilder.DropTable(
                name: "VillageFigures");

            migrationBuilder.DropTable(
                name: "WorkerFigures");

            migrationBuilder.DropIndex(
                name: "IX_Households_CreatedByUserId",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_DueOn_DoneAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "Assignments");
        }
    }
}
