using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class MatchCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "price_wan_yuan_per_mu",
                table: "land_parcels",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true,
                computedColumnSql: "round(CASE price_basis WHEN 'wan_yuan_per_mu' THEN starting_price WHEN 'wan_yuan_total' THEN starting_price * 10000 / (net_site_area_sqm * 15) WHEN 'yuan_per_sqm_floor_area' THEN starting_price * plot_ratio_max / 15 END, 2)",
                stored: true);

            migrationBuilder.AddColumn<decimal>(
                name: "price_wan_yuan_total",
                table: "land_parcels",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true,
                computedColumnSql: "round(CASE price_basis WHEN 'wan_yuan_per_mu' THEN starting_price * net_site_area_sqm * 15 / 10000 WHEN 'wan_yuan_total' THEN starting_price WHEN 'yuan_per_sqm_floor_area' THEN starting_price * net_site_area_sqm * plot_ratio_max / 10000 END, 2)",
                stored: true);

            migrationBuilder.AddColumn<decimal>(
                name: "price_yuan_per_sqm_floor_area",
                table: "land_parcels",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true,
                computedColumnSql: "round(CASE price_basis WHEN 'wan_yuan_per_mu' THEN starting_price * 15 / plot_ratio_max WHEN 'wan_yuan_total' THEN starting_price * 10000 / (net_site_area_sqm * plot_ratio_max) WHEN 'yuan_per_sqm_floor_area' THEN starting_price END, 2)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_available_from",
                table: "land_parcels",
                column: "available_from");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_lease_term_years",
                table: "land_parcels",
                column: "lease_term_years");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_net_site_area_sqm",
                table: "land_parcels",
                column: "net_site_area_sqm");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_price_wan_yuan_per_mu",
                table: "land_parcels",
                column: "price_wan_yuan_per_mu");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_price_wan_yuan_total",
                table: "land_parcels",
                column: "price_wan_yuan_total");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_price_yuan_per_sqm_floor_area",
                table: "land_parcels",
                column: "price_yuan_per_sqm_floor_area");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_status_land_use",
                table: "land_parcels",
                columns: new[] { "status", "land_use" });

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_available_from",
                table: "industrial_carriers",
                column: "available_from");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_floor_height_m",
                table: "industrial_carriers",
                column: "floor_height_m");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_floor_load_kn_per_sqm",
                table: "industrial_carriers",
                column: "floor_load_kn_per_sqm");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_kind",
                table: "industrial_carriers",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_power_capacity_kva",
                table: "industrial_carriers",
                column: "power_capacity_kva");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_rent_cny_per_sqm_month",
                table: "industrial_carriers",
                column: "rent_cny_per_sqm_month");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_vacant_floor_area_sqm",
                table: "industrial_carriers",
                column: "vacant_floor_area_sqm");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_available_from",
                table: "buildings",
                column: "available_from");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_floor_height_m",
                table: "buildings",
                column: "floor_height_m");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_floor_load_kn_per_sqm",
                table: "buildings",
                column: "floor_load_kn_per_sqm");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_floors",
                table: "buildings",
                column: "floors");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_rent_cny_per_sqm_month",
                table: "buildings",
                column: "rent_cny_per_sqm_month");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_vacant_floor_area_sqm",
                table: "buildings",
                column: "vacant_floor_area_sqm");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_land_parcels_available_from",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_lease_term_years",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_net_site_area_sqm",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_price_wan_yuan_per_mu",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_price_wan_yuan_total",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_price_yuan_per_sqm_floor_area",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_land_parcels_status_land_use",
                table: "land_parcels");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_available_from",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_floor_height_m",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_floor_load_kn_per_sqm",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_kind",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_power_capacity_kva",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_rent_cny_per_sqm_month",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_industrial_carriers_vacant_floor_area_sqm",
                table: "industrial_carriers");

            migrationBuilder.DropIndex(
                name: "ix_buildings_available_from",
                table: "buildings");

            migrationBuilder.DropIndex(
                name: "ix_buildings_floor_height_m",
                table: "buildings");

            migrationBuilder.DropIndex(
                name: "ix_buildings_floor_load_kn_per_sqm",
                table: "buildings");

            migrationBuilder.DropIndex(
                name: "ix_buildings_floors",
                table: "buildings");

            migrationBuilder.DropIndex(
                name: "ix_buildings_rent_cny_per_sqm_month",
                table: "buildings");

            migrationBuilder.DropIndex(
                name: "ix_buildings_vacant_floor_area_sqm",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "price_wan_yuan_per_mu",
                table: "land_parcels");

            migrationBuilder.DropColumn(
                name: "price_wan_yuan_total",
                table: "land_parcels");

            migrationBuilder.DropColumn(
                name: "price_yuan_per_sqm_floor_area",
                table: "land_parcels");
        }
    }
}
