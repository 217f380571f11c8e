#!/usr/bin/env bash
# A Shapefile of generated parcels (in the survey's Gauss-Krüger grid, EPSG:4544, with a .prj; its field names cut to
# ten letters, as a Shapefile's are, and a mapping back) loaded by ogr2ogr into a bare table and by our importer (GDAL
# reads it, then every check), side by side: wall time, features/s and peak memory, written to docs/benchmarks.md.
#   tests/Importer.Benchmarks/run-shapefile-benchmark.sh [COUNT]      (default: 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
. tests/Importer.Benchmarks/bench-common.sh
bench_database "$importer"

geojson=$(bench_parcels "$n")
shp="$work/parcels-$n-4544.shp"
mapping="$work/parcels-short-names.json"
properties=$(python3 -c "import json,sys; f=open(sys.argv[1]); d=json.load(f); print(' '.join(d['features'][0]['properties']))" "$geojson")
select=""; fields=""; i=0
for p in $properties; do
  select+="${select:+, }\"$p\" AS f$(printf %02d $i)"; fields+="${fields:+, }\"f$(printf %02d $i)\": \"$p\""; i=$((i + 1))
done
echo "{\"fields\": {$fields}}" >"$mapping"
[ -s "$shp" ] || ogr2ogr -f "ESRI Shapefile" "$shp" "$geojson" -t_srs EPSG:4544 -lco ENCODING=UTF-8 -dialect sqlite \
  -sql "SELECT $select, geometry FROM \"$(ogrinfo -ro -q "$geojson" | sed -n 's/^1: \(.*\) (.*/\1/p')\""
size=$(du -cm "${shp%.shp}".* | tail -1 | cut -f1)

li_psql -d "$bench_db" -c "TRUNCATE land_parcels" -c "DROP TABLE IF EXISTS ogr_parcels"
li_say "$n parcels from a Shapefile: ogr2ogr"
read -r ogr_s ogr_mb < <(measure ogr2ogr -f PostgreSQL "$pg" "$shp" -nln ogr_parcels -nlt MULTIPOLYGON -lco GEOMETRY_NAME=boundary \
  -lco SPATIAL_INDEX=GIST -t_srs EPSG:4326)
li_say "$n parcels from a Shapefile: LandInventory importer (GDAL reads it; every check)"
read -r our_s our_mb < <(measure dotnet "$importer" "$shp" --layer parcels --mapping "$mapping" --connection "$bench_cs")
bench_loaded "$n"

{
  echo
  echo "## Shapefile import: importer vs ogr2ogr — $(date -u +%Y-%m-%d)"
  echo
  bench_machine
  echo "$n generated parcels as a Shapefile in EPSG:4544 ($size MB with .dbf, .shx, .prj, .cpg; field names f00… and a mapping"
  echo "back). ogr2ogr: into a new bare table (COPY, reprojected to 4326, GiST after the load, no checks). Ours: GDAL writes a"
  echo "GeoJSON spool in the source's coordinates, then the usual run (every check, history, one transaction)."
  echo "Rerun: \`tests/Importer.Benchmarks/run-shapefile-benchmark.sh [N]\`."
  echo
  echo "| parcels | ogr2ogr: wall · features/s · peak RSS | importer: wall · features/s · peak RSS | importer throughput ÷ ogr2ogr |"
  echo "| --- | --- | --- | --- |"
  awk -v n="$n" -v os="$ogr_s" -v om="$ogr_mb" -v us="$our_s" -v um="$our_mb" 'BEGIN {
    printf "| %d | %.1f s · %.0f/s · %d MB | %.1f s · %.0f/s · %d MB | %.2f× |\n", n, os, n/os, om, us, n/us, um, os/us }'
} | tee -a docs/benchmarks.md
