using LandInventory.GisApi.Matching;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Search;
using LandInventory.GisApi.Tiles;
using LandInventory.Import;

namespace LandInventory.GisApi;

/// <summary>
/// Everything the API knows of one layer, described once in the layer's folder (<c>Parcels/ParcelLayer.cs</c> …): the
/// import library's layer (name, schema, the checks a written feature goes through), the OGC collection (its published
/// properties and projection, which are also the queryables and the search results), the vector tiles, what a PATCH may
/// change, the OData entity set, the layer's figures in the area statistics, and what a site-selection match asks of it. The protocol folders iterate over
/// <see cref="InventoryLayers.All"/>; none keeps a list of layers of its own.
/// </summary>
public sealed record InventoryLayer(
    ImportLayer Import, IFeatureLayer Features, TileLayer Tiles, EditableLayer Editing, ODataSet OData,
    LayerStatistics? Statistics = null, MatchLayer? Match = null)
{
    /// <summary>The layer's name everywhere in the API: <c>/ogc/collections/{Id}</c>, <c>/tiles/{Id}</c>, <c>?layer={Id}</c>.</summary>
    public string Id => Import.Name;

    public Data.Layer Schema => Import.Schema;
}
