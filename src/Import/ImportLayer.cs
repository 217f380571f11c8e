using LandInventory.Data;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using Npgsql;

namespace LandInventory.Import;

/// <summary>
/// What the import pipeline knows of one layer: its schema (<see cref="Layer"/>), the columns it writes, how a feature
/// becomes its record, the rules that tie a record's fields together, and the checks that need the database. One per
/// layer, in the layer's folder (<c>Parcels/ParcelImport.cs</c> …); <see cref="ImportLayers.All"/> lists them.
/// </summary>
public abstract class ImportLayer(Layer schema, bool stewarded)
{
    public Layer Schema => schema;

    /// <summary>What the command line, the API and the report call the layer: <c>parcels</c>.</summary>
    public string Name => schema.Name;

    /// <summary>The GeoJSON property a feature is known by: <c>code</c>, or <c>id</c> for areas.</summary>
    public string KeyProperty => schema.Key;

    /// <summary>Whether each record names the bureau that keeps it (<c>stewardId</c>); unstewarded layers are an admin's.</summary>
    public bool Stewarded => stewarded;

    /// <summary>Each property the layer writes (its GeoJSON name) and its column's type; the geometry is not one.</summary>
    public abstract IReadOnlyDictionary<string, NpgsqlTypes.NpgsqlDbType> FieldTypes { get; }

    /// <summary>Whether a feature's geometry is a point (a carrier, a place) rather than a shape.</summary>
    public abstract bool HoldsPoints { get; }

    /// <summary>
    /// The stored records of these keys, their properties as a feature of the layer has them: what a source that brings
    /// shapes only (a DXF) leaves as it is.
    /// </summary>
    internal abstract Task<Dictionary<string, System.Text.Json.Nodes.JsonObject>> CurrentAsync(NpgsqlConnection connection,
        string[] keys, CancellationToken ct);

    /// <summary>The rules that tie a record's fields together: for an imported feature, and for a record after a PATCH.</summary>
    public abstract IEnumerable<(string Field, string Message)> Rules(object record);

    internal abstract Task<LayerResult> RunAsync(NpgsqlConnection connection, ImportInput input, ImportOptions options,
        ProblemLog problems, IImportProgress progress, CancellationToken ct);

    /// <summary>
    /// The feature as change <paramref name="change"/> of its history left it, as a GeoJSON Feature this layer imports
    /// (what restoring that version writes, through every check); none when there is no such change, or it was a removal.
    /// </summary>
    public abstract Task<string?> PastFeatureAsync(NpgsqlConnection connection, long change, string key, CancellationToken ct);

    public override string ToString() => Name;
}

/// <summary>
/// A layer whose features become <typeparamref name="T"/>s, written to <paramref name="table"/> (which names the
/// schema): <paramref name="read"/> reads one feature's properties, <paramref name="rules"/> checks the record as a whole
/// (an imported feature, and an entity after a PATCH), <paramref name="checks"/> are the layer's SQL checks of the staged
/// rows (beside the duplicate keys every layer has, and the stewards every stewarded layer has).
/// </summary>
public sealed class ImportLayer<T>(
    LayerTable<T> table, Func<PropertyReader, T> read,
    Func<object, IEnumerable<(string Field, string Message)>>? rules = null, params string[] checks)
    : ImportLayer(table.Schema, IsRecord)
    where T : class
{
    /// <summary>Listed records name their bureau; what is not one (an area) has no steward.</summary>
    private static readonly bool IsRecord = typeof(InventoryRecord).IsAssignableFrom(typeof(T));

    private readonly LayerImport<T> _import = new(table,
        (feature, problems, crs) => RecordFields.Map<T>(feature, problems, crs, read, rules),
        IsRecord ? [LayerChecks.Stewards(table.Stage), LayerChecks.StewardScope(table.Stage, table.Table), .. checks] : checks);

    public LayerTable<T> Table => table;

    public override IReadOnlyDictionary<string, NpgsqlTypes.NpgsqlDbType> FieldTypes { get; } = table.Columns
        .Where(c => c.DbType != NpgsqlTypes.NpgsqlDbType.Geometry).ToDictionary(c => c.JsonName, c => c.DbType);

    public override bool HoldsPoints { get; } = table.Columns.Single(c => c.JsonName == "geometry").StageType.StartsWith("geometry(Point", StringComparison.Ordinal);

    internal override async Task<Dictionary<string, System.Text.Json.Nodes.JsonObject>> CurrentAsync(NpgsqlConnection connection,
        string[] keys, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(table.Current, connection);
        command.Parameters.AddWithValue("keys", keys);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var records = new Dictionary<string, System.Text.Json.Nodes.JsonObject>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            records[reader.GetString(0)] = ApiNames(System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(1))!.AsObject());
        }

        return records;
    }

    public override IEnumerable<(string Field, string Message)> Rules(object record) => rules?.Invoke(record) ?? [];

    internal override Task<LayerResult> RunAsync(NpgsqlConnection connection, ImportInput input, ImportOptions options,
        ProblemLog problems, IImportProgress progress, CancellationToken ct) =>
        _import.RunAsync(connection, input, options, problems, progress, ct);

    public override async Task<string?> PastFeatureAsync(NpgsqlConnection connection, long change, string key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(table.Past, connection);
        command.Parameters.AddWithValue("change", change);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var feature = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = reader.IsDBNull(1) ? null : System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(1)),
            ["properties"] = ApiNames(System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(0))!.AsObject()),
        };
        return feature.ToJsonString();
    }

    /// <summary>A stored row's properties with its enumerations by their API names (they come back as PostgreSQL labels).</summary>
    private System.Text.Json.Nodes.JsonObject ApiNames(System.Text.Json.Nodes.JsonObject properties)
    {
        foreach (var column in table.Columns.Where(c => c.IsEnum))
        {
            properties[column.JsonName] = properties[column.JsonName] switch
            {
                System.Text.Json.Nodes.JsonArray labels => new System.Text.Json.Nodes.JsonArray(
                    [.. labels.Select(l => (System.Text.Json.Nodes.JsonNode?)EnumNames.OfLabel(l!.GetValue<string>()))]),
                System.Text.Json.Nodes.JsonValue label => EnumNames.OfLabel(label.GetValue<string>()),
                _ => null,
            };
        }

        return properties;
    }
}
