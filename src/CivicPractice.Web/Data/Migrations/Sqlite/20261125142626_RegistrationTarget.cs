using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistrationTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "RegistrationTargetPercent",
                table: "Counties",
                type: "REAL",
                nullable: false,
                defaultValue: 13.0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegistrationTargetPercent",
                table: "Counties");
        }
    }
}
