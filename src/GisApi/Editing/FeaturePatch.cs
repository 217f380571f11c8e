using System.Text.Json;
using LandInventory.Import;
using LandInventory.Import.Mapping;
using LandInventory.Import.Reading;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// A JSON Merge Patch of a feature's properties onto its tracked entity, for OGC PATCH and OData PATCH alike: only the
/// layer's patchable fields, each read by the importer's <see cref="PropertyReader"/>, then the layer's rules
/// (<see cref="ImportLayer.Rules"/>, the importer's) on the whole record.
/// </summary>
public static class FeaturePatch
{
    /// <summary>Applies the patch; the problems found (none: the entity holds the change, ready to save).</summary>
    public static ProblemLog Apply(EditableLayer layer, string featureId, object entity, JsonElement properties)
    {
        var problems = new ProblemLog();
        foreach (var name in properties.EnumerateObject().Select(p => p.Name).Where(n => !layer.Fields.ContainsKey(n)))
        {
            problems.Add(new ImportProblem("request", null, featureId, name, layer.Fields.Count == 0
                ? $"{layer.Id} cannot be patched: replace the feature (PUT) or import"
                : $"cannot be patched (these can: {string.Join(", ", layer.Fields.Keys.Order())}); replace the feature (PUT) or import to change it"));
        }

        var reader = new PropertyReader(new RawFeature("request", 0, properties, default), problems, Data.Spatial.CoordinateSystem.Wgs84);
        foreach (var property in properties.EnumerateObject().Where(p => layer.Fields.ContainsKey(p.Name)))
        {
            layer.Fields[property.Name](reader, entity);
        }

        foreach (var (field, message) in problems.Total == 0 ? layer.Import.Rules(entity) : [])
        {
            problems.Add(new ImportProblem("request", null, featureId, field, message));
        }

        // The reader numbers features as a file's; a patch is of the one feature the URL names.
        var named = new ProblemLog();
        foreach (var p in problems.Kept)
        {
            named.Add(p with { FeatureIndex = null, Code = featureId });
        }

        return named;
    }
}
