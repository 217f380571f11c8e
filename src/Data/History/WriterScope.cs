using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LandInventory.Data.History;

/// <summary>
/// A transaction that names its writer (<see cref="HistoryTriggers.SetWriterSql"/>): the history's who, and what the
/// tables' row security lets it see and change — one bureau's rows, or every bureau's. The API's write paths and the
/// command line's reads of bureau-owned rows share it.
/// </summary>
public static class WriterScope
{
    public static async Task<IDbContextTransaction> BeginAsync(InventoryDbContext db, string actor, string? steward, bool everyBureau,
        CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(HistoryTriggers.SetWriterSql,
            [new NpgsqlParameter("actor", actor), new NpgsqlParameter("steward", steward ?? ""),
             new NpgsqlParameter("every", everyBureau ? "on" : "off")], ct);
        return transaction;
    }
}
