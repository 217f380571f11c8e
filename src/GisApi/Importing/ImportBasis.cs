using LandInventory.Import;
using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Inside an import's transaction, before anything is read: the layer's version (<c>layer_versions</c>), which a job
/// reports as the version its run saw. A commit locks it (no other write of the layer commits meanwhile) and goes on only
/// if it is the one its review saw; else it throws <see cref="StaleException"/> and writes nothing.
/// </summary>
internal static class ImportBasis
{
    private const string VersionSql = "SELECT version FROM layer_versions WHERE layer = @layer";

    public static async Task CheckAsync(NpgsqlConnection connection, ImportLayer layer, long? expected, Action<long> seen, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(expected is null ? VersionSql : VersionSql + " FOR UPDATE", connection);
        command.Parameters.AddWithValue("layer", layer.Schema.Table);
        var version = (long)(await command.ExecuteScalarAsync(ct))!;
        seen(version);
        if (expected is { } reviewed && version != reviewed)
        {
            throw new StaleException();
        }
    }

    public sealed class StaleException : Exception;
}
