#!/usr/bin/env bash
# Our importer against ogr2ogr (Debian's gdal-bin), side by side, into the same PostGIS on this machine:
# wall time, features/s and peak memory for generated parcels files, written to docs/benchmarks.md.
#   tests/Importer.Benchmarks/run-benchmark.sh [COUNT ...]      (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100000 1000000)
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

li_say "building (Release)"
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
generator=tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll
dotnet "$importer" data/geojson/areas.geojson --connection "$bench_cs" >/dev/null   # schema, stewards, the areas parcels need

work=${LANDINVENTORY_BENCH_DIR:-/tmp/landinventory-bench}
mkdir -p "$work"
# measure NAME COMMAND...: runs it under /usr/bin/time, prints "seconds peak-MB"
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$work/$1.out" 2>&1 || { cat "$work/$1.out" >&2; li_die "$* failed"; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  echo "$wall $rss"
}

rows=()
for n in "${counts[@]}"; do
  file="$work/parcels-$n.geojson"
  [ -s "$file" ] || dotnet "$generator" generate "$n" "$file" data/geojson/areas.geojson
  size=$(du -m "$file" | cut -f1)

  li_psql -d "$bench_db" -c "TRUNCATE land_parcels" -c "DROP TABLE IF EXISTS ogr_parcels"
  li_say "$n parcels: ogr2ogr"
  read -r ogr_s ogr_mb < <(measure ogr2ogr -f PostgreSQL "$pg" "$file" -nln ogr_parcels -nlt MULTIPOLYGON \
    -lco GEOMETRY_NAME=boundary -lco SPATIAL_INDEX=GIST)
  li_say "$n parcels: LandInventory importer (validation on)"
  read -r our_s our_mb < <(measure dotnet "$importer" "$file" --layer parcels --connection "$bench_cs")
  loaded=$(psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -Atc "SELECT count(*) FROM land_parcels")
  [ "$loaded" = "$n" ] || li_die "the importer loaded $loaded of $n parcels"
  rows+=("$(awk -v n="$n" -v size="$size" -v os="$ogr_s" -v om="$ogr_mb" -v us="$our_s" -v um="$our_mb" 'BEGIN {
    printf "| %d (%d MB) | %.1f s · %.0f/s · %d MB | %.1f s · %.0f/s · %d MB | %.2f× |", n, size, os, n/os, om, us, n/us, um, os/us }')")
done

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## Importer vs ogr2ogr — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1),"
  echo "PostGIS $(li_psql -d "$bench_db" -Atc 'SELECT postgis_lib_version()'), $(ogr2ogr --version | cut -d, -f1), .NET $(dotnet --version)."
  echo "Files from tests/Importer.Benchmarks (\`generate N\`), loaded into an empty \`land_parcels\` (ours: every check, one"
  echo "transaction, into the constrained and indexed table) and into a new table \`ogr_parcels\` (ogr2ogr: COPY, GiST index"
  echo "built after the load, no checks). Rerun: \`tests/Importer.Benchmarks/run-benchmark.sh [N ...]\`."
  echo
  echo "| parcels (file) | ogr2ogr: wall · features/s · peak RSS | importer: wall · features/s · peak RSS | importer throughput ÷ ogr2ogr |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
