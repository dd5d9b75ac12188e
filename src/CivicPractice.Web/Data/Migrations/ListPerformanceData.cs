using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicPractice.Web.Data.Migrations;

/// <summary>
/// The data half of the ListPerformance migration (both providers call it after the schema changes; if the migrations
/// are regenerated, call it again from the new ones): the stored phone tail of existing volunteers.
/// </summary>
public static class ListPerformanceData
{
    public static void Up(MigrationBuilder mb, bool postgres) => mb.Sql(postgres
        ? """UPDATE "Volunteers" SET "PhoneTail" = right("PhoneMasked", 4) WHERE length("PhoneMasked") >= 4;"""
        : """UPDATE "Volunteers" SET "PhoneTail" = substr("PhoneMasked", -4) WHERE length("PhoneMasked") >= 4;""");
}
