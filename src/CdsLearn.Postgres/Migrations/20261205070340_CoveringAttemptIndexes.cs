using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoveringAttemptIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_UserId_ModuleId",
                table: "QuizAttempts");

            migrationBuilder.DropIndex(
                name: "IX_PracticeAttempts_UserId_TaskId",
                table: "PracticeAttempts");

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_ByLearner",
                table: "QuizAttempts",
                columns: new[] { "UserId", "ModuleId", "Passed", "SubmittedAt", "AssistedByUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAttempts_ByLearner",
                table: "PracticeAttempts",
                columns: new[] { "UserId", "TaskId", "Passed", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_ByLearner",
                table: "QuizAttempts");

            migrationBuilder.DropIndex(
                name: "IX_PracticeAttempts_ByLearner",
                table: "PracticeAttempts");

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_UserId_ModuleId",
                table: "QuizAttempts",
                columns: new[] { "UserId", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAttempts_UserId_TaskId",
                table: "PracticeAttempts",
                columns: new[] { "UserId", "TaskId" });
        }
    }
}
