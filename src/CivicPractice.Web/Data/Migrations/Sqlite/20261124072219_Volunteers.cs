using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Volunteers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Purpose",
                table: "SmsCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AutoApproveVolunteers",
                table: "Counties",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "VolunteerOptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerOptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Volunteers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IdIndex = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    IdCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IdMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PhoneIndex = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    PhoneCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Gender = table.Column<int>(type: "INTEGER", nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PoliticalStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", nullable: false),
                    Interests = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Availability = table.Column<string>(type: "TEXT", nullable: false),
                    ConsentText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConsentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Volunteers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Volunteers_OrgUnits_StationId",
                        column: x => x.StationId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerOptions_CountyId_Kind_Name",
                table: "VolunteerOptions",
                columns: new[] { "CountyId", "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_IdIndex",
                table: "Volunteers",
                columns: new[] { "CountyId", "IdIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Number",
                table: "Volunteers",
                columns: new[] { "CountyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_PhoneIndex",
                table: "Volunteers",
                columns: new[] { "CountyId", "PhoneIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_Status",
                table: "Volunteers",
                columns: new[] { "CountyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_CountyId_UnitPath",
                table: "Volunteers",
                columns: new[] { "CountyId", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_StationId",
                table: "Volunteers",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_UserId",
                table: "Volunteers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VolunteerOptions");

            migrationBuilder.DropTable(
                name: "Volunteers");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "SmsCodes");

            migrationBuilder.DropColumn(
                name: "AutoApproveVolunteers",
                table: "Counties");
        }
    }
}
