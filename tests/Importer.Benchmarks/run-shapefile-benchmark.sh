#!/usr/bin/env bash
# A Shapefile of generated parcels (in the survey's Gauss-Krüger grid, EPSG:4544, with a .prj; its field names cut to
# ten letters, as a Shapefile's are, and a mapping back) loaded by ogr2ogr into a bare table and by our importer (GDAL
# reads it, then every check), side by side: wall time, features/s and peak memory, written to docs/benchmarks.md.
#   tests/Importer.Benchmarks/run-shapefile-benchmark.sh [COUNT]      (default: 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

n=${1:-100000}
li_ensure_postgis
li_ensure_packages gdal-bin time
cs=$(li_ensure_cluster)
pw=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$cs")
bench_db=li_bench
li_psql -d postgres -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db OWNER landinventory"
li_psql -d "$bench_db" -c "CREATE EXTENSION postgis"
bench_cs="${cs/Database=landinventory/Database=$bench_db}"
pg="PG:host=127.0.0.1 port=$LI_PORT dbname=$bench_db user=landinventory password=$pw"
export PGPASSWORD=$pw

dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
generator=tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll
dotnet "$importer" data/geojson/areas.geojson --connection "$bench_cs" >/dev/null

work=${LANDINVENTORY_BENCH_DIR:-/tmp/landinventory-bench}
mkdir -p "$work"
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$work/$1.out" 2>&1 || { cat "$work/$1.out" >&2; li_die "$* failed"; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; w=s}
              /Maximum resident set size/ {r=$2/1024} END {printf "%s %.0f\n", w, r}' "$log"
}

geojson="$work/parcels-$n.geojson"
[ -s "$geojson" ] || dotnet "$generator" generate "$n" "$geojson" data/geojson/areas.geojson
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
loaded=$(psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -Atc "SELECT count(*) FROM land_parcels")
[ "$loaded" = "$n" ] || li_die "the importer loaded $loaded of $n parcels"

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## Shapefile import: importer vs ogr2ogr — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; $(ogr2ogr --version | cut -d, -f1), .NET $(dotnet --version)."
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
