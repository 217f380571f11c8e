using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <summary>Vacancy rate generated on carriers and buildings; geography indexes for geodesic filters (OData).</summary>
    public partial class ODataFacts : Migration
    {
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

            foreach (var column in GeographyIndexes.Columns)
            {
                migrationBuilder.Sql(GeographyIndexes.Create(column));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in GeographyIndexes.Columns)
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
