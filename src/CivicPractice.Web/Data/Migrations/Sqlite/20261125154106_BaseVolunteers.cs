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
            // SQLite renames the column inside its foreign key itself; dropping and re-adding the key (as generated)
            // would rebuild the whole table outside a transaction for nothing but the constraint's name.
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

            BaseVolunteersData.Up(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
