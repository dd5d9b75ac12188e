using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamTiersAndServicePlatforms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Platform",
                table: "Venues",
                type: "text",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "BrigadeName",
                table: "Counties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "大队");

            migrationBuilder.AddColumn<string>(
                name: "CorpsName",
                table: "Counties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "总队");

            migrationBuilder.AddColumn<string>(
                name: "SquadName",
                table: "Counties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "小队");

            migrationBuilder.AddColumn<string>(
                name: "SquadronName",
                table: "Counties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "中队");

            TeamTiersAndServicePlatformsData.Up(migrationBuilder, postgres: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BrigadeName",
                table: "Counties");

            migrationBuilder.DropColumn(
                name: "CorpsName",
                table: "Counties");

            migrationBuilder.DropColumn(
                name: "SquadName",
                table: "Counties");

            migrationBuilder.DropColumn(
                name: "SquadronName",
                table: "Counties");

            migrationBuilder.AlterColumn<int>(
                name: "Platform",
                table: "Venues",
                type: "integer",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }
    }
}
