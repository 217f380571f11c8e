using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <summary>Vacancy rate generated on carriers and buildings; geography indexes for geodesic filters (OData).</summary>
    public partial class ODataFacts : Migration
    {
        /// <summary>The geometry columns this migration indexed as geography: a later layer's migration adds its own.</summary>
        private static readonly (string Table, string Column)[] Columns = new[] { ("areas", "boundary"), ("land_parcels", "boundary"), ("industrial_carriers", "location"), ("buildings", "footprint") };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "vacancy_rate",
                table: "industrial_carriers",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: false,
                computedColumnSql: "coalesce(round(vacant_floor_area_sqm / nullif(total_floor_area_sqm, 0), 4), 0)",
                stored: true);

            migrationBuilder.AddColumn<decimal>(
                name: "vacancy_rate",
                table: "buildings",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: false,
                computedColumnSql: "coalesce(round(vacant_floor_area_sqm / nullif(gross_floor_area_sqm, 0), 4), 0)",
                stored: true);

            foreach (var column in Columns)
            {
                migrationBuilder.Sql(GeographyIndexes.Create(column));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in Columns)
            {
                migrationBuilder.Sql(GeographyIndexes.Drop(column));
            }

            migrationBuilder.DropColumn(
                name: "vacancy_rate",
                table: "industrial_carriers");

            migrationBuilder.DropColumn(
                name: "vacancy_rate",
                table: "buildings");
        }
    }
}
