using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListPerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Volunteers_CountyId_Status",
                table: "Volunteers");

            migrationBuilder.AddColumn<string>(
                name: "PhoneTail",
                table: "Volunteers",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_PhoneTail",
                table: "Volunteers",
                columns: new[] { "CountyId", "PhoneTail" });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Status_CreatedAt_Id_Name",
                table: "Volunteers",
                columns: new[] { "CountyId", "Status", "CreatedAt", "Id", "Name" },
                descending: new[] { false, false, true, true, false });

            ListPerformanceData.Up(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Volunteers_CountyId_PhoneTail",
                table: "Volunteers");

            migrationBuilder.DropIndex(
                name: "IX_Volunteers_CountyId_Status_CreatedAt_Id_Name",
                table: "Volunteers");

            migrationBuilder.DropColumn(
                name: "PhoneTail",
                table: "Volunteers");

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Status",
                table: "Volunteers",
                columns: new[] { "CountyId", "Status" });
        }
    }
}
