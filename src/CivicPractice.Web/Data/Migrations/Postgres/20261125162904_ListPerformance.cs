using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Postgres
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

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "UnitPath",
                table: "Volunteers",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);

            migrationBuilder.AddColumn<string>(
                name: "PhoneTail",
                table: "Volunteers",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "UnitPath",
                table: "Venues",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);

            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_PhoneTail",
                table: "Volunteers",
                columns: new[] { "CountyId", "PhoneTail" });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Status_CreatedAt_Id_Name",
                table: "Volunteers",
                columns: new[] { "CountyId", "Status", "CreatedAt", "Id", "Name" },
                descending: new[] { false, false, true, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_Name",
                table: "Volunteers",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            ListPerformanceData.Up(migrationBuilder, postgres: true);
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

            migrationBuilder.DropIndex(
                name: "IX_Volunteers_Name",
                table: "Volunteers");

            migrationBuilder.DropColumn(
                name: "PhoneTail",
                table: "Volunteers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "UnitPath",
                table: "Volunteers",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "UnitPath",
                table: "Venues",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "Path",
                table: "OrgUnits",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Status",
                table: "Volunteers",
                columns: new[] { "CountyId", "Status" });
        }
    }
}
