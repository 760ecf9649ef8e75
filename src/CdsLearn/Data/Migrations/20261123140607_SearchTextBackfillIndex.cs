using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchTextBackfillIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Households_SearchText_Empty",
                table: "Households",
                column: "SearchText",
                filter: "\"SearchText\" = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_SearchText_Empty",
                table: "Households");
        }
    }
}
