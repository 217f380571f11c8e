using LandInventory.Import;
using System.Diagnostics;
using LandInventory.Importer.Benchmarks;
using LandInventory.PostGis.Testing;
using Npgsql;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>A file large enough (60 000 parcels) that an import can be interrupted while it writes.</summary>
public sealed class LargeParcelsFile : IDisposable
{
    public LargeParcelsFile()
    {
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");
        ParcelFileGenerator.FromAreasFile(RepositoryFiles.Data("areas.geojson")).Write(Path, 60_000);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}

/// <summary>Failures in the middle of a write leave the database exactly as it was: one transaction, no partial data.</summary>
public sealed class FaultTests(PostGisServer server, LargeParcelsFile large) : IClassFixture<LargeParcelsFile>
{
    private const string ImportBackendSql = """
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = @app AND query LIKE 'COPY %' AND state = 'active'
        """;

    [Fact]
    public async Task DatabaseConnectionLostMidImport_ExitsTwo_AndNothingIsWritten()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);
        var output = new StringWriter();
        var errors = new StringWriter();
        var connection = $"{database.ConnectionString};Application Name=li-lost";

        var import = new ImportCommand(output, errors).RunAsync(new ImportRequest(large.Path, Connection: connection), Ct);
        var pid = await WaitForCopyAsync(database, "li-lost");
        Assert.True(await database.ScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", ("pid", pid)));
        var exit = await import;

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains("nothing was written", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
    }

    [Fact]
    public async Task ImporterKilledDuringTheWrite_LeavesTheDatabaseAsItWas()
    {
        await using var database = await LoadedDatabaseAsync(server);
        var before = await database.ScalarAsync<string>(StateSql);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { System.IO.Path.Combine(AppContext.BaseDirectory, "LandInventory.Importer.dll"), large.Path })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Inventory"] = $"{database.ConnectionString};Application Name=li-killed";
        using var process = Process.Start(start)!;
        await WaitForCopyAsync(database, "li-killed");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(Ct);

        // The server notices the dropped connection and rolls its transaction back.
        for (var i = 0; i < 200 && await database.ScalarAsync<long>(
                 "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'li-killed'") > 0; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Equal(before, await database.ScalarAsync<string>(StateSql));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'GEN-%'"));
    }

    /// <summary>The importer's backend while it is streaming features into the staging table.</summary>
    private static async Task<int> WaitForCopyAsync(InventoryTestDatabase database, string application)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await database.OpenAsync();
            await using var command = new NpgsqlCommand(ImportBackendSql, connection);
            command.Parameters.AddWithValue("app", application);
            if (await command.ExecuteScalarAsync(Ct) is int pid)
            {
                return pid;
            }

            await Task.Delay(20, Ct);
        }

        throw new TimeoutException($"the import ({application}) never started writing");
    }
}
