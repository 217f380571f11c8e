using System;
using System.Collections.Generic;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <summary>The tables this migration gave an updated_at trigger: a later layer's migration adds its own.</summary>
        private static readonly string[] Tables = new[] { "areas", "land_parcels", "industrial_carriers", "buildings" };

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
                .Annotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .Annotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    boundary = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.id);
                    table.CheckConstraint("ck_areas_boundary_valid", "ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary)");
                    table.CheckConstraint("ck_areas_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_areas_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
                });

            migrationBuilder.CreateTable(
                name: "stewards",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stewards", x => x.id);
                    table.CheckConstraint("ck_stewards_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                });

            migrationBuilder.CreateTable(
                name: "industrial_carriers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<CarrierKind>(type: "carrier_kind", nullable: false),
                    industries = table.Column<List<Industry>>(type: "industry[]", nullable: false),
                    total_floor_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vacant_floor_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    floor_height_m = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    floor_load_kn_per_sqm = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    power_capacity_kva = table.Column<decimal>(type: "numeric(10,1)", precision: 10, scale: 1, nullable: true),
                    rent_cny_per_sqm_month = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    @operator = table.Column<string>(name: "operator", type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<CarrierStatus>(type: "carrier_status", nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: true),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    site_boundary = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: true),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    address_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    steward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industrial_carriers", x => x.id);
                    table.CheckConstraint("ck_industrial_carriers_code", "code = btrim(code) AND code <> ''");
                    table.CheckConstraint("ck_industrial_carriers_floor_height_positive", "floor_height_m > 0");
                    table.CheckConstraint("ck_industrial_carriers_floor_load_positive", "floor_load_kn_per_sqm > 0");
                    table.CheckConstraint("ck_industrial_carriers_fully_let_no_vacancy", "status <> 'fully_let' OR vacant_floor_area_sqm = 0");
                    table.CheckConstraint("ck_industrial_carriers_industries", "cardinality(industries) > 0");
                    table.CheckConstraint("ck_industrial_carriers_location_valid", "ST_IsValid(location) AND NOT ST_IsEmpty(location)");
                    table.CheckConstraint("ck_industrial_carriers_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
                    table.CheckConstraint("ck_industrial_carriers_power_capacity_kva_non_negative", "power_capacity_kva >= 0");
                    table.CheckConstraint("ck_industrial_carriers_rent_cny_per_sqm_month_non_negative", "rent_cny_per_sqm_month >= 0");
                    table.CheckConstraint("ck_industrial_carriers_site_boundary_valid", "ST_IsValid(site_boundary) AND NOT ST_IsEmpty(site_boundary)");
                    table.CheckConstraint("ck_industrial_carriers_total_floor_area_positive", "total_floor_area_sqm > 0");
                    table.CheckConstraint("ck_industrial_carriers_vacant_floor_area_sqm_non_negative", "vacant_floor_area_sqm >= 0");
                    table.CheckConstraint("ck_industrial_carriers_vacant_le_total", "vacant_floor_area_sqm <= total_floor_area_sqm");
                    table.ForeignKey(
                        name: "fk_industrial_carriers_stewards_steward_id",
                        column: x => x.steward_id,
                        principalTable: "stewards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "land_parcels",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    area_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    land_use = table.Column<LandUse>(type: "land_use", nullable: false),
                    land_use_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    land_use_scheme = table.Column<LandUseScheme>(type: "land_use_scheme", nullable: false),
                    net_site_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    site_area_mu = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false, computedColumnSql: "round(net_site_area_sqm * 15 / 10000, 2)", stored: true),
                    geodesic_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false, computedColumnSql: "round(ST_Area(geography(boundary))::numeric, 2)", stored: true),
                    plot_ratio_max = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    plot_ratio_min = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    building_density_max_pct = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    green_ratio_min_pct = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    height_limit_m = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    lease_term_years = table.Column<int>(type: "integer", nullable: false),
                    starting_price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    price_basis = table.Column<PriceBasis>(type: "price_basis", nullable: true),
                    deposit_wan_yuan = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    supply_method = table.Column<SupplyMethod>(type: "supply_method", nullable: false),
                    status = table.Column<ParcelStatus>(type: "parcel_status", nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: true),
                    boundary = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    address_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    steward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_land_parcels", x => x.id);
                    table.CheckConstraint("ck_land_parcels_boundary_valid", "ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary)");
                    table.CheckConstraint("ck_land_parcels_building_density_pct", "building_density_max_pct BETWEEN 0 AND 100");
                    table.CheckConstraint("ck_land_parcels_code", "code = btrim(code) AND code <> ''");
                    table.CheckConstraint("ck_land_parcels_deposit_wan_yuan_non_negative", "deposit_wan_yuan >= 0");
                    table.CheckConstraint("ck_land_parcels_green_ratio_pct", "green_ratio_min_pct BETWEEN 0 AND 100");
                    table.CheckConstraint("ck_land_parcels_height_limit_positive", "height_limit_m > 0");
                    table.CheckConstraint("ck_land_parcels_land_use_code", "land_use_code ~ '^[A-Za-z0-9]{1,16}$'");
                    table.CheckConstraint("ck_land_parcels_lease_term", "lease_term_years > 0 AND lease_term_years <= CASE land_use\n    WHEN 'residential' THEN 70\n    WHEN 'commercial_service' THEN 40 END");
                    table.CheckConstraint("ck_land_parcels_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
                    table.CheckConstraint("ck_land_parcels_net_site_area_positive", "net_site_area_sqm > 0");
                    table.CheckConstraint("ck_land_parcels_plot_ratio", "plot_ratio_max > 0 AND (plot_ratio_min IS NULL OR plot_ratio_min <= plot_ratio_max)");
                    table.CheckConstraint("ck_land_parcels_plot_ratio_min_non_negative", "plot_ratio_min >= 0");
                    table.CheckConstraint("ck_land_parcels_price_has_basis", "(starting_price IS NULL) = (price_basis IS NULL)");
                    table.CheckConstraint("ck_land_parcels_starting_price_non_negative", "starting_price >= 0");
                    table.ForeignKey(
                        name: "fk_land_parcels_areas_area_id",
                        column: x => x.area_id,
                        principalTable: "areas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_land_parcels_stewards_steward_id",
                        column: x => x.steward_id,
                        principalTable: "stewards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "buildings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    carrier_id = table.Column<long>(type: "bigint", nullable: true),
                    category = table.Column<BuildingCategory>(type: "building_category", nullable: false),
                    floors = table.Column<int>(type: "integer", nullable: false),
                    gross_floor_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    vacant_floor_area_sqm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    floor_height_m = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    floor_load_kn_per_sqm = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    rent_cny_per_sqm_month = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    available_from = table.Column<DateOnly>(type: "date", nullable: true),
                    footprint = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    address_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    steward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_buildings", x => x.id);
                    table.CheckConstraint("ck_buildings_code", "code = btrim(code) AND code <> ''");
                    table.CheckConstraint("ck_buildings_floor_height_positive", "floor_height_m > 0");
                    table.CheckConstraint("ck_buildings_floor_load_positive", "floor_load_kn_per_sqm > 0");
                    table.CheckConstraint("ck_buildings_floors_positive", "floors > 0");
                    table.CheckConstraint("ck_buildings_footprint_valid", "ST_IsValid(footprint) AND NOT ST_IsEmpty(footprint)");
                    table.CheckConstraint("ck_buildings_gross_floor_area_positive", "gross_floor_area_sqm > 0");
                    table.CheckConstraint("ck_buildings_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
                    table.CheckConstraint("ck_buildings_rent_cny_per_sqm_month_non_negative", "rent_cny_per_sqm_month >= 0");
                    table.CheckConstraint("ck_buildings_vacant_floor_area_sqm_non_negative", "vacant_floor_area_sqm >= 0");
                    table.CheckConstraint("ck_buildings_vacant_le_gross", "vacant_floor_area_sqm <= gross_floor_area_sqm");
                    table.ForeignKey(
                        name: "fk_buildings_industrial_carriers_carrier_id",
                        column: x => x.carrier_id,
                        principalTable: "industrial_carriers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_buildings_stewards_steward_id",
                        column: x => x.steward_id,
                        principalTable: "stewards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "stewards",
                columns: new[] { "id", "name_en", "name_zh" },
                values: new object[,]
                {
                    { "jk-auto-manufacturing", "Chengdu Jingkai Automotive and Advanced Manufacturing Development Bureau", "成都经开区汽车和先进制造业发展局" },
                    { "jk-enterprise-service", "Chengdu Jingkai Enterprise Service Bureau", "成都经开区企业服务局" },
                    { "jk-investment-company", "Jingkai Investment Company", "经开区招商公司" },
                    { "jk-investment-promotion", "Chengdu Jingkai Investment Promotion Bureau", "成都经开区投资促进局" },
                    { "jk-operating-company", "Jingkai Operating Company", "经开区运营公司" },
                    { "jk-project-construction", "Chengdu Jingkai Project Construction Service Bureau", "成都经开区项目建设服务局" },
                    { "jk-sino-french-eco-park", "Sino-French Chengdu Eco-Park Development Bureau", "成都经开区中法成都生态园发展局" },
                    { "lqy-planning-resources", "Longquanyi District Planning and Natural Resources Bureau", "成都市龙泉驿区规划和自然资源局" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_areas_boundary",
                table: "areas",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_carrier_id",
                table: "buildings",
                column: "carrier_id");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_code",
                table: "buildings",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_buildings_footprint",
                table: "buildings",
                column: "footprint")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_buildings_steward_id",
                table: "buildings",
                column: "steward_id");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_code",
                table: "industrial_carriers",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_industries",
                table: "industrial_carriers",
                column: "industries")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_location",
                table: "industrial_carriers",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_site_boundary",
                table: "industrial_carriers",
                column: "site_boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_status",
                table: "industrial_carriers",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_carriers_steward_id",
                table: "industrial_carriers",
                column: "steward_id");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_area_id",
                table: "land_parcels",
                column: "area_id");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_boundary",
                table: "land_parcels",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_code",
                table: "land_parcels",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_status",
                table: "land_parcels",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_land_parcels_steward_id",
                table: "land_parcels",
                column: "steward_id");

            migrationBuilder.Sql(Timestamps.CreateFunction);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql(Timestamps.CreateTrigger(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql(Timestamps.DropTrigger(table));
            }

            migrationBuilder.Sql(Timestamps.DropFunction);

            migrationBuilder.DropTable(
                name: "buildings");

            migrationBuilder.DropTable(
                name: "land_parcels");

            migrationBuilder.DropTable(
                name: "industrial_carriers");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "stewards");

            // EF reverses tables but not the PostgreSQL enum types they used; the postgis extension stays (shared).
            migrationBuilder.Sql("""
                DROP TYPE building_category, carrier_kind, carrier_status, industry, land_use, land_use_scheme,
                    parcel_status, price_basis, supply_method;
                """);
        }
    }
}
