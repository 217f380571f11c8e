using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Parcels;

public sealed class LandParcelConfiguration : IEntityTypeConfiguration<LandParcel>
{
    /// <summary>Statutory maxima of the land use right (城镇国有土地使用权出让和转让暂行条例, art. 12).</summary>
    public const int ResidentialMaxLeaseYears = 70;

    public const int CommercialMaxLeaseYears = 40;

    public void Configure(EntityTypeBuilder<LandParcel> builder)
    {
        builder.ToTable(ParcelSchema.Layer.Table);
        builder.ConfigureRecord();
        builder.HasOne(p => p.Area).WithMany(a => a.Parcels).HasForeignKey(p => p.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.AreaId);
        builder.HasIndex(p => p.Status);
        // The site-selection match's hard criteria are range tests on these (GisApi Matching/): each its own index.
        // Two land uses: an index of its own would select half the table; beside the status a match always tests, it serves.
        builder.HasIndex(p => new { p.Status, p.LandUse });
        builder.HasIndex(p => p.NetSiteAreaSqm);
        builder.HasIndex(p => p.LeaseTermYears);
        builder.HasIndex(p => p.AvailableFrom);
        builder.HasIndex(p => p.PriceWanYuanPerMu);
        builder.HasIndex(p => p.PriceWanYuanTotal);
        builder.HasIndex(p => p.PriceYuanPerSqmFloorArea);
        builder.Property(p => p.AreaId).HasMaxLength(64);
        builder.Property(p => p.LandUseCode).HasMaxLength(16);
        builder.Property(p => p.NetSiteAreaSqm).HasPrecision(12, 2);
        // 1 亩 = 10000/15 m²; derived in the database so the two can never disagree.
        builder.Property(p => p.SiteAreaMu).HasPrecision(12, 2)
            .HasComputedColumnSql("round(net_site_area_sqm * 15 / 10000, 2)", stored: true);
        // The measured area, next to the published one: a large gap is a boundary or a figure to check.
        builder.Property(p => p.GeodesicAreaSqm).HasPrecision(12, 2)
            .HasComputedColumnSql("round(ST_Area(geography(boundary))::numeric, 2)", stored: true);
        builder.Property(p => p.PlotRatioMax).HasPrecision(5, 2);
        builder.Property(p => p.PlotRatioMin).HasPrecision(5, 2);
        builder.Property(p => p.BuildingDensityMaxPct).HasPrecision(5, 2);
        builder.Property(p => p.GreenRatioMinPct).HasPrecision(5, 2);
        builder.Property(p => p.HeightLimitM).HasPrecision(6, 1);
        builder.Property(p => p.StartingPrice).HasPrecision(14, 2);
        builder.Property(p => p.DepositWanYuan).HasPrecision(12, 2);
        // A budget is given in one basis and parcels are priced in three: each price in every basis, derived in the
        // database (1 亩 = 10000/15 m²; floor area = site area × the maximum plot ratio), so a budget is one indexed test.
        builder.Property(p => p.PriceWanYuanPerMu).HasPrecision(14, 2).HasComputedColumnSql(Price(
            "starting_price", "starting_price * 10000 / (net_site_area_sqm * 15)",
            "starting_price * plot_ratio_max / 15"), stored: true);
        builder.Property(p => p.PriceWanYuanTotal).HasPrecision(14, 2).HasComputedColumnSql(Price(
            "starting_price * net_site_area_sqm * 15 / 10000", "starting_price",
            "starting_price * net_site_area_sqm * plot_ratio_max / 10000"), stored: true);
        builder.Property(p => p.PriceYuanPerSqmFloorArea).HasPrecision(14, 2).HasComputedColumnSql(Price(
            "starting_price * 15 / plot_ratio_max", "starting_price * 10000 / (net_site_area_sqm * plot_ratio_max)",
            "starting_price"), stored: true);
        builder.HasMultiPolygon(nameof(LandParcel.Boundary), "boundary", required: true);
        builder.HasNonNegative("starting_price", "deposit_wan_yuan", "plot_ratio_min");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_land_parcels_net_site_area_positive", "net_site_area_sqm > 0");
            t.HasCheckConstraint("ck_land_parcels_plot_ratio",
                "plot_ratio_max > 0 AND (plot_ratio_min IS NULL OR plot_ratio_min <= plot_ratio_max)");
            t.HasCheckConstraint("ck_land_parcels_building_density_pct", "building_density_max_pct BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_land_parcels_green_ratio_pct", "green_ratio_min_pct BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_land_parcels_height_limit_positive", "height_limit_m > 0");
            t.HasCheckConstraint("ck_land_parcels_lease_term", $"""
                lease_term_years > 0 AND lease_term_years <= CASE land_use
                    WHEN 'residential' THEN {ResidentialMaxLeaseYears}
                    WHEN 'commercial_service' THEN {CommercialMaxLeaseYears} END
                """);
            t.HasCheckConstraint("ck_land_parcels_price_has_basis", "(starting_price IS NULL) = (price_basis IS NULL)");
            t.HasCheckConstraint("ck_land_parcels_land_use_code", "land_use_code ~ '^[A-Za-z0-9]{1,16}$'");
        });
    }

    private static string Price(string fromPerMu, string fromTotal, string fromFloorArea) =>
        $"round(CASE price_basis WHEN 'wan_yuan_per_mu' THEN {fromPerMu} WHEN 'wan_yuan_total' THEN {fromTotal} " +
        $"WHEN 'yuan_per_sqm_floor_area' THEN {fromFloorArea} END, 2)";
}
