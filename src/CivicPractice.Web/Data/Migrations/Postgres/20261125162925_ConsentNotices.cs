using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsentNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(800)", maxLength: 800, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentNotices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentNotices_Text",
                table: "ConsentNotices",
                column: "Text",
                unique: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConsentNoticeId",
                table: "Volunteers",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            ConsentNoticesData.Up(migrationBuilder, postgres: true);

            migrationBuilder.DropColumn(
                name: "ConsentText",
                table: "Volunteers");

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_ConsentNoticeId",
                table: "Volunteers",
                column: "ConsentNoticeId");

            migrationBuilder.AddForeignKey(
                name: "FK_Volunteers_ConsentNotices_ConsentNoticeId",
                table: "Volunteers",
                column: "ConsentNoticeId",
                principalTable: "ConsentNotices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentText",
                table: "Volunteers",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            ConsentNoticesData.Down(migrationBuilder);

            migrationBuilder.DropForeignKey(
                name: "FK_Volunteers_ConsentNotices_ConsentNoticeId",
                table: "Volunteers");

            migrationBuilder.DropIndex(
                name: "IX_Volunteers_ConsentNoticeId",
                table: "Volunteers");

            migrationBuilder.DropColumn(
                name: "ConsentNoticeId",
                table: "Volunteers");

            migrationBuilder.DropTable(
                name: "ConsentNotices");
        }
    }
}
