using LandInventory.Data.Carriers;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Buildings;

/// <summary>A building with vacant floor space to fill (楼宇去化提质), standing alone or inside a carrier.</summary>
public class Building : InventoryRecord, IFloorSpace
{
    public long? CarrierId { get; set; }

    public IndustrialCarrier? Carrier { get; set; }

    public BuildingCategory Category { get; set; }

    public int Floors { get; set; }

    public decimal GrossFloorAreaSqm { get; set; }

    public decimal VacantFloorAreaSqm { get; set; }

    public decimal? FloorHeightM { get; set; }

    public decimal? FloorLoadKnPerSqm { get; set; }

    public decimal? RentCnyPerSqmMonth { get; set; }

    public DateOnly? AvailableFrom { get; set; }

    public required MultiPolygon Footprint { get; set; }
}
