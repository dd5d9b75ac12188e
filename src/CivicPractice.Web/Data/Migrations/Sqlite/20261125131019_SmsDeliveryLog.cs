using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivicPractice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsDeliveryLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "SmsMessages",
                type: "TEXT",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "SmsMessages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "SmsMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Template",
                table: "SmsMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Texts written before the delivery log held sign-in codes and initial passwords in clear: drop them.
            migrationBuilder.Sql("UPDATE \"SmsMessages\" SET \"Text\" = NULL, \"Status\" = 1, \"Provider\" = 'Outbox'");
            // ID masks stored in the older form (prefix and last four) become prefix and check character only.
            migrationBuilder.Sql("UPDATE \"Volunteers\" SET \"IdMasked\" = substr(\"IdMasked\", 1, 3) || '**************' || substr(\"IdMasked\", 18, 1) WHERE length(\"IdMasked\") = 18");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Provider",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "SmsMessages");

            migrationBuilder.DropColumn(
                name: "Template",
                table: "SmsMessages");

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "SmsMessages",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300,
                oldNullable: true);
        }
    }
}
