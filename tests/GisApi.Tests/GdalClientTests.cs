using System.Diagnostics;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The API on a real Kestrel port, read by GDAL's own OGC API – Features client (Debian's gdal-bin).</summary>
public sealed class GdalClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Fact]
    public async Task Ogrinfo_ListsTheFourLayers()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);

        var output = await OgrinfoAsync("-ro", $"OAPIF:{baseUrl}/ogc");

        foreach (var layer in new[] { "1: areas", "2: parcels", "3: carriers", "4: buildings" })
        {
            Assert.Contains(layer, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ogrinfo_ReadsEveryParcel_ThroughPagesOfFive()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);

        var output = await OgrinfoAsync("-ro", "-q", "-oo", "PAGE_SIZE=5", $"OAPIF:{baseUrl}/ogc", "parcels");

        var codes = output.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("code (String) = ", StringComparison.Ordinal))
            .Select(l => l["code (String) = ".Length..]).Order(StringComparer.Ordinal);
        var expected = await api.Database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels");
        Assert.Equal(expected, string.Join(',', codes));
    }

    private static async Task<string> OgrinfoAsync(params string[] args)
    {
        var start = new ProcessStartInfo("ogrinfo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("ogrinfo not found: install gdal-bin (./test.sh does)", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, errors);
            return await output;
        }
    }
}
