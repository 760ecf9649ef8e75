using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContestScreenKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScreenKey",
                table: "Contests",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contests_ScreenKey",
                table: "Contests",
                column: "ScreenKey",
                unique: true,
                filter: "\"ScreenKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contests_ScreenKey",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "ScreenKey",
                table: "Contests");
        }
    }
}
