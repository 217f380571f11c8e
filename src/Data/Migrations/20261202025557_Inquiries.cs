using System;
using LandInventory.Data.Inquiries;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inquiries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:building_category", "aging,featured,underused")
                .Annotation("Npgsql:Enum:carrier_kind", "incubator,industrial_park,office_building,standard_factory,warehouse")
                .Annotation("Npgsql:Enum:carrier_status", "available,fully_let,under_construction,withdrawn")
                .Annotation("Npgsql:Enum:industry", "advanced_equipment,artificial_intelligence,biomedicine,business_services,digital_economy,intelligent_connected_vehicles,low_altitude_economy,modern_logistics,new_energy,new_energy_vehicles")
                .Annotation("Npgsql:Enum:inquiry_status", "answered,closed,new")
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
                .OldAnnotation("Npgsql:Enum:place_kind", "airport,expressway_entrance,hospital,metro_station,railway_freight,railway_station,school,university")
                .OldAnnotation("Npgsql:Enum:price_basis", "wan_yuan_per_mu,wan_yuan_total,yuan_per_sqm_floor_area")
                .OldAnnotation("Npgsql:Enum:supply_method", "auction,listing,tender")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "inquiries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    layer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    steward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    requirements = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    status = table.Column<InquiryStatus>(type: "inquiry_status", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiries", x => x.id);
                    table.CheckConstraint("ck_inquiries_language", "language IN ('zh', 'en')");
                    table.CheckConstraint("ck_inquiries_texts", "btrim(name) <> '' AND btrim(contact) <> '' AND btrim(message) <> ''");
                    table.ForeignKey(
                        name: "fk_inquiries_stewards_steward_id",
                        column: x => x.steward_id,
                        principalTable: "stewards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_created_at",
                table: "inquiries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_reference",
                table: "inquiries",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_steward_id_status_created_at",
                table: "inquiries",
                columns: new[] { "steward_id", "status", "created_at" });

            // Each bureau sees only its own inquiries, in the database too.
            migrationBuilder.Sql(InquiryConfiguration.RowSecurity);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InquiryConfiguration.DropRowSecurity);
            migrationBuilder.DropTable(
                name: "inquiries");

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
                .OldAnnotation("Npgsql:Enum:inquiry_status", "answered,closed,new")
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
