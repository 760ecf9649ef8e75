using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OneAttemptPerDrawAndReissuableCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_UserId_SkillId",
                table: "Certificates");

            migrationBuilder.AddColumn<Guid>(
                name: "DrawId",
                table: "QuizAttempts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_DrawId",
                table: "QuizAttempts",
                column: "DrawId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_UserId",
                table: "Certificates",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_UserId_SkillId",
                table: "Certificates",
                columns: new[] { "UserId", "SkillId" },
                unique: true,
                filter: "\"RevokedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_DrawId",
                table: "QuizAttempts");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_UserId",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_UserId_SkillId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "DrawId",
                table: "QuizAttempts");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_UserId_SkillId",
                table: "Certificates",
                columns: new[] { "UserId", "SkillId" },
                unique: true);
        }
    }
}
