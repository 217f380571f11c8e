using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LandInventory.GisApi.Tests;

/// <summary>Every statement the API sends is bounded: a hostile query cannot hold a connection for long.</summary>
public sealed class StatementTimeoutTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Fact]
    public async Task ApiConnections_CarryTheConfiguredStatementTimeout_NoJit_AndTheConfiguredParallelWorkers()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Database:StatementTimeoutSeconds", "7"),
            ("Database:ParallelWorkersPerQuery", "1"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();

        var timeout = await db.Database.SqlQueryRaw<string>("SELECT current_setting('statement_timeout') AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken);

        Assert.Equal("7s", timeout);
        Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("1", await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ApiConnections_TakeNoParallelWorkers_ByDefault()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();

        Assert.Equal("0", await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ALongStatement_IsCancelledByPostgres()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Database:StatementTimeoutSeconds", "1"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(5)", TestContext.Current.CancellationToken));

        Assert.Equal(Npgsql.PostgresErrorCodes.QueryCanceled, error.SqlState);
    }
}
