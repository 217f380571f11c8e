using System;
using LandInventory.Data.Places;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class Places : Migration
    {
        // The layer's table and geometry, as the triggers and the geography index of every layer take them.
        private const string Table = "places";
        private const string Geometry = "location";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:building_category", "aging,featured,underused")
                .Annotation("Npgsql:Enum:carrier_kind", "incubator,industrial_park,office_building,standard_factory,warehouse")
                .Annotation("Npgsql:Enum:carrier_status", "available,fully_let,under_construction,withdrawn")
                .Annotation("Npgsql:Enum:industry", "advanced_equipment,artificial_intelligence,biomedicine,business_services,digital_economy,intelligent_connected_vehicles,low_altitude_economy,modern_logistics,new_energy,new_energy_vehicles")
                .Annotation("Npgsql:Enum:land_use", "commercial_service,residential")
                .Annotation("Npgsql:Enum:land_use_scheme", "gb50137,gb_t21010,territorial_spatial2023")
                .Annotation("Npgsql:Enum:parcel_status", "available,reserved,transferred,under_negotiation,withdrawn")
                .Annotation("Npgsql:Enum:place_kind", "airport,expressway_entrance,hospital,metro_station,railway_freight,railway_station,school,university")
                .Annotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .Annotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:Enum:building_category", "aging,featured,underused")
                .OldAnnotation("Npgsql:Enum:carrier_kind", "incubator,industrial_park,office_building,standard_factory,warehouse")
                .OldAnnotation("Npgsql:Enum:carrier_status", "available,fully_let,under_construction,withdrawn")
                .OldAnnotation("Npgsql:Enum:industry", "advanced_equipment,artificial_intelligence,biomedicine,business_services,digital_economy,intelligent_connected_vehicles,low_altitude_economy,modern_logistics,new_energy,new_energy_vehicles")
                .OldAnnotation("Npgsql:Enum:land_use", "commercial_service,residential")
                .OldAnnotation("Npgsql:Enum:land_use_scheme", "gb50137,gb_t21010,territorial_spatial2023")
                .OldAnnotation("Npgsql:Enum:parcel_status", "available,reserved,transferred,under_negotiation,withdrawn")
                .OldAnnotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .OldAnnotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<PlaceKind>(type: "place_kind", nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                    table.CheckConstraint("ck_places_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_places_location_valid", "ST_IsValid(location) AND NOT ST_IsEmpty(location)");
                    table.CheckConstraint("ck_places_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
                });

            migrationBuilder.InsertData(
                table: "layer_versions",
                columns: new[] { "layer", "changed_at", "version" },
                values: new object[] { "places", new DateTimeOffset(new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L });

            migrationBuilder.CreateIndex(
                name: "ix_places_kind",
                table: "places",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_places_location",
                table: "places",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            // What every layer has: updated_at kept by the database, its version raised (by place) on every change, its
            // history written whoever writes, and a geography index for distances in metres.
            migrationBuilder.Sql(LandInventory.Data.Timestamps.CreateTrigger(Table));
            foreach (var statement in LandInventory.Data.Versions.LayerVersionTriggers.CreatePlaced((Table, Geometry)))
            {
                migrationBuilder.Sql(statement);
            }

            foreach (var statement in LandInventory.Data.History.HistoryTriggers.Create((Table, "id", "id", Geometry)))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(LandInventory.Data.Spatial.GeographyIndexes.Create((Table, Geometry)));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DeleteData(
                table: "layer_versions",
                keyColumn: "layer",
                keyValue: "places");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:building_category", "aging,featured,underused")
                .Annotation("Npgsql:Enum:carrier_kind", "incubator,industrial_park,office_building,standard_factory,warehouse")
                .Annotation("Npgsql:Enum:carrier_status", "available,fully_let,under_construction,withdrawn")
                .Annotation("Npgsql:Enum:industry", "advanced_equipment,artificial_intelligence,biomedicine,business_services,digital_economy,intelligent_connected_vehicles,low_altitude_economy,modern_logistics,new_energy,new_energy_vehicles")
                .Annotation("Npgsql:Enum:land_use", "commercial_service,residential")
                .Annotation("Npgsql:Enum:land_use_scheme", "gb50137,gb_t21010,territorial_spatial2023")
                .Annotation("Npgsql:Enum:parcel_status", "available,reserved,transferred,under_negotiation,withdrawn")
                .Annotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .Annotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:Enum:building_category", "aging,featured,underused")
                .OldAnnotation("Npgsql:Enum:carrier_kind", "incubator,industrial_park,office_building,standard_factory,warehouse")
                .OldAnnotation("Npgsql:Enum:carrier_status", "available,fully_let,under_construction,withdrawn")
                .OldAnnotation("Npgsql:Enum:industry", "advanced_equipment,artificial_intelligence,biomedicine,business_services,digital_economy,intelligent_connected_vehicles,low_altitude_economy,modern_logistics,new_energy,new_energy_vehicles")
                .OldAnnotation("Npgsql:Enum:land_use", "commercial_service,residential")
                .OldAnnotation("Npgsql:Enum:land_use_scheme", "gb50137,gb_t21010,territorial_spatial2023")
                .OldAnnotation("Npgsql:Enum:parcel_status", "available,reserved,transferred,under_negotiation,withdrawn")
                .OldAnnotation("Npgsql:Enum:place_kind", "airport,expressway_entrance,hospital,metro_station,railway_freight,railway_station,school,university")
                .OldAnnotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .OldAnnotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
