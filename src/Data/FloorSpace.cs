using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data;

/// <summary>The floor-space figures that carriers and buildings both carry, and that manufacturers filter on.</summary>
public interface IFloorSpace
{
    decimal VacantFloorAreaSqm { get; set; }

    /// <summary>层高, m.</summary>
    decimal? FloorHeightM { get; set; }

    /// <summary>楼面承重, kN/m².</summary>
    decimal? FloorLoadKnPerSqm { get; set; }

    /// <summary>租金, CNY per m² per month.</summary>
    decimal? RentCnyPerSqmMonth { get; set; }

    DateOnly? AvailableFrom { get; set; }
}

public static class FloorSpaceConfiguration
{
    /// <summary>Column types and checks of <see cref="IFloorSpace"/>; <paramref name="totalColumn"/> bounds the vacancy.</summary>
    public static void HasFloorSpace<T>(this EntityTypeBuilder<T> builder, string totalProperty, string totalColumn)
        where T : class, IFloorSpace
    {
        builder.Property<decimal>(totalProperty).HasPrecision(12, 2);
        builder.Property<decimal>(nameof(IFloorSpace.VacantFloorAreaSqm)).HasPrecision(12, 2);
        builder.Property<decimal?>(nameof(IFloorSpace.FloorHeightM)).HasPrecision(5, 2);
        builder.Property<decimal?>(nameof(IFloorSpace.FloorLoadKnPerSqm)).HasPrecision(6, 2);
        builder.Property<decimal?>(nameof(IFloorSpace.RentCnyPerSqmMonth)).HasPrecision(8, 2);
        builder.HasNonNegative("vacant_floor_area_sqm", "rent_cny_per_sqm_month");
        var table = builder.Metadata.GetTableName();
        var total = totalColumn.Replace("_sqm", "", StringComparison.Ordinal);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint($"ck_{table}_{total}_positive", $"{totalColumn} > 0");
            t.HasCheckConstraint($"ck_{table}_vacant_le_{total.Split('_')[0]}", $"vacant_floor_area_sqm <= {totalColumn}");
            t.HasCheckConstraint($"ck_{table}_floor_height_positive", "floor_height_m > 0");
            t.HasCheckConstraint($"ck_{table}_floor_load_positive", "floor_load_kn_per_sqm > 0");
        });
    }
}
