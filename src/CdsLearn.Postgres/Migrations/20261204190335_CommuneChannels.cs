using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CdsLearn.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CommuneChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FeedbackText",
                table: "Communes",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedbackUrl",
                table: "Communes",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ZaloUrl",
                table: "Communes",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProvinceChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    FeedbackUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    FeedbackText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvinceChannels", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProvinceChannels");

            migrationBuilder.DropColumn(
                name: "FeedbackText",
                table: "Communes");

            migrationBuilder.DropColumn(
                name: "FeedbackUrl",
                table: "Communes");

            migrationBuilder.DropColumn(
                name: "ZaloUrl",
                table: "Communes");
        }
    }
}
