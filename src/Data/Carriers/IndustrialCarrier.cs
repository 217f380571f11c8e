using LandInventory.Data.Buildings;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Carriers;

/// <summary>An industrial carrier (产业载体) of the investment list: a park, factory, office building ...</summary>
public class IndustrialCarrier : InventoryRecord, IFloorSpace
{
    public CarrierKind Kind { get; set; }

    public List<Industry> Industries { get; set; } = [];

    public decimal TotalFloorAreaSqm { get; set; }

    public decimal VacantFloorAreaSqm { get; set; }

    /// <summary>层高, m.</summary>
    public decimal? FloorHeightM { get; set; }

    /// <summary>楼面承重, kN/m².</summary>
    public decimal? FloorLoadKnPerSqm { get; set; }

    /// <summary>供电容量, kVA.</summary>
    public decimal? PowerCapacityKva { get; set; }

    /// <summary>租金, CNY per m² per month.</summary>
    public decimal? RentCnyPerSqmMonth { get; set; }

    public string? Operator { get; set; }

    public CarrierStatus Status { get; set; }

    public DateOnly? AvailableFrom { get; set; }

    public required Point Location { get; set; }

    public MultiPolygon? SiteBoundary { get; set; }

    public List<Building> Buildings { get; set; } = [];
}
