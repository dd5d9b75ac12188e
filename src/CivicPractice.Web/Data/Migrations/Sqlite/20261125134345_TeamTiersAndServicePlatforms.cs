using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "BrigadeName",
                table: "Counties",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "大队");

            migrationBuilder.AddColumn<string>(
                name: "CorpsName",
                table: "Counties",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "总队");

            migrationBuilder.AddColumn<string>(
                name: "SquadName",
                table: "Counties",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "小队");

            migrationBuilder.AddColumn<string>(
                name: "SquadronName",
                table: "Counties",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "中队");

            TeamTiersAndServicePlatformsData.Up(migrationBuilder, postgres: false);
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
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT");
        }
    }
}
