using System.Net;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>Runs alone, after the parallel tests, so the process's memory is the export's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}

/// <summary>The demo county with the shipped volunteer share: tens of thousands of volunteers even at the test scale.</summary>
public sealed class FullCountyFactory : CivicAppFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.UseSetting("Civic:Demo:VolunteerShare", Web.Features.Volunteers.VolunteerDemoContributor.DefaultShare.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

[Collection(MemoryMeasuredCollection.Name)]
public sealed class VolunteerExportMemoryTests(FullCountyFactory app) : IClassFixture<FullCountyFactory>
{
    /// <summary>
    /// The roster is streamed from the database into the file: exporting the whole county costs the server no more memory
    /// than exporting nobody, beyond a few megabytes (it used to hold every row, and the file, at once: ~1.5 KB a row).
    /// </summary>
    [Fact]
    public async Task ExportingTheWholeCounty_GrowsTheServersMemoryNoMoreThanAnEmptyExport()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var county = await app.WithDbAsync(db => db.Counties.Where(c => c.Code == Web.Features.Demo.DemoSeeder.MainCountyCode).Select(c => c.Id).SingleAsync());
        var volunteers = await app.WithDbAsync(db => db.Volunteers.CountAsync(v => v.CountyId == county));
        Assert.True(volunteers > 20_000, $"{volunteers} volunteers: too few to tell streaming from holding");
        // Warm up both shapes (a search and the whole list compile different queries): what is measured is the export's
        // working memory, not first-use caches (a fresh clone's run measured 9 MB with only the search warmed).
        await MeasureAsync(admin, "/api/v1/volunteers/export?q=没有这个人");
        await MeasureAsync(admin, "/api/v1/volunteers/export");

        var (empty, emptyRows) = await MeasureAsync(admin, "/api/v1/volunteers/export?q=没有这个人");
        var (all, allRows) = await MeasureAsync(admin, "/api/v1/volunteers/export");

        Assert.Equal((0, volunteers), (emptyRows, allRows));
        const long Allowance = 8L * 1024 * 1024;
        Assert.True(all - empty < Allowance,
            $"exporting {allRows} rows grew the heap by {all / 1048576} MB, an empty export by {empty / 1048576} MB: the roster is held in memory");
    }

    /// <summary>The peak growth of the live managed heap while one export is answered, and the rows of the file it sent.</summary>
    private static async Task<(long Growth, int Rows)> MeasureAsync(HttpClient client, string url)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // A full collection at each sample: what is measured is what the server holds, not garbage awaiting collection.
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(5);
            }
        });
        var file = Path.GetTempFileName();
        try
        {
            using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await using var target = File.Create(file);
                await response.Content.CopyToAsync(target);
            }
            await stop.CancelAsync();
            await sampler;
            var rows = MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.XLSX).Count();
            return (peak - baseline, rows);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
