using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BaseVolunteers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Volunteers_OrgUnits_StationId",
                table: "Volunteers");

            migrationBuilder.RenameColumn(
                name: "StationId",
                table: "Volunteers",
                newName: "UnitId");

            migrationBuilder.RenameIndex(
                name: "IX_Volunteers_StationId",
                table: "Volunteers",
                newName: "IX_Volunteers_UnitId");

            migrationBuilder.AddColumn<int>(
                name: "PartyMembers",
                table: "OrgUnits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddForeignKey(
                name: "FK_Volunteers_OrgUnits_UnitId",
                table: "Volunteers",
                column: "UnitId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            BaseVolunteersData.Up(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Volunteers_OrgUnits_UnitId",
                table: "Volunteers");

            migrationBuilder.DropColumn(
                name: "PartyMembers",
                table: "OrgUnits");

            migrationBuilder.RenameColumn(
                name: "UnitId",
                table: "Volunteers",
                newName: "StationId");

            migrationBuilder.RenameIndex(
                name: "IX_Volunteers_UnitId",
                table: "Volunteers",
                newName: "IX_Volunteers_StationId");

            migrationBuilder.AddForeignKey(
                name: "FK_Volunteers_OrgUnits_StationId",
                table: "Volunteers",
                column: "StationId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
