using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AutoApproveVolunteers",
                table: "Counties",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "VolunteerOptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerOptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Volunteers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CountyId = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IdIndex = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    IdCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IdMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PhoneIndex = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    PhoneCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Gender = table.Column<int>(type: "integer", nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PoliticalStatus = table.Column<int>(type: "integer", nullable: false),
                    Skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    Interests = table.Column<List<string>>(type: "text[]", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    Availability = table.Column<List<string>>(type: "text[]", nullable: false),
                    ConsentText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ReviewNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
