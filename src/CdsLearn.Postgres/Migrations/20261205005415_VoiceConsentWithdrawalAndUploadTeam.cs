using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CdsLearn.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class VoiceConsentWithdrawalAndUploadTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_VoiceConsents",
                table: "VoiceConsents");

            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "VoiceUploads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Id",
                table: "VoiceConsents",
                type: "integer",
                nullable: false,
                defaultValue: 0)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "VoiceConsents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_VoiceConsents",
                table: "VoiceConsents",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_VoiceUploads_CreatedAt",
                table: "VoiceUploads",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_VoiceUploads_TeamId",
                table: "VoiceUploads",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_VoiceConsents_InForce",
                table: "VoiceConsents",
                column: "UserId",
                unique: true,
                filter: "\"WithdrawnAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VoiceConsents_UserId_GivenAt",
                table: "VoiceConsents",
                columns: new[] { "UserId", "GivenAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_VoiceUploads_Teams_TeamId",
                table: "VoiceUploads",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VoiceUploads_Teams_TeamId",
                table: "VoiceUploads");

            migrationBuilder.DropIndex(
                name: "IX_VoiceUploads_CreatedAt",
                table: "VoiceUploads");

            migrationBuilder.DropIndex(
                name: "IX_VoiceUploads_TeamId",
                table: "VoiceUploads");

            migrationBuilder.DropPrimaryKey(
                name: "PK_VoiceConsents",
                table: "VoiceConsents");

            migrationBuilder.DropIndex(
                name: "IX_VoiceConsents_InForce",
                table: "VoiceConsents");

            migrationBuilder.DropIndex(
                name: "IX_VoiceConsents_UserId_GivenAt",
                table: "VoiceConsents");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "VoiceUploads");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "VoiceConsents");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "VoiceConsents");

            migrationBuilder.AddPrimaryKey(
                name: "PK_VoiceConsents",
                table: "VoiceConsents",
                column: "UserId");
        }
    }
}
