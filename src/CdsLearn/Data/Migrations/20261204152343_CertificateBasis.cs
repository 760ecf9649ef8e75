using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Data.Migrations
{
    /// <inheritdoc />
    public partial class CertificateBasis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "TaskObservations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ObservedBy",
                table: "Certificates",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ObservedOn",
                table: "Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RestsOn",
                table: "Certificates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaskObservations_TeamId",
                table: "TaskObservations",
                column: "TeamId");

            migrationBuilder.AddForeignKey(
                name: "FK_TaskObservations_Teams_TeamId",
                table: "TaskObservations",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_TaskObservations_Teams_TeamId",
                table: "TaskObservations");

            migrationBuilder.DropIndex(
                name: "IX_TaskObservations_TeamId",
                table: "TaskObservations");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "TaskObservations");

            migrationBuilder.DropColumn(
                name: "ObservedBy",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ObservedOn",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "RestsOn",
                table: "Certificates");
        }
    }
}
