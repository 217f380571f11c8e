#!/usr/bin/env bash
# City scale (issue 20): COUNT generated parcels (default 1 000 000; the issue's target is 10 000 000) imported with
# every check — time and peak memory, then the table's and its indexes' sizes — and the API over them, cache off,
# 16 connections: a bbox page, an item, a deep page by offset against the same page by cursor (after), a z14 tile and a
# dense z11 tile (the overview), each with wrk's p50/p99 and the answer's size. Not run in CI: it takes tens of minutes
# and gigabytes. Appended to docs/benchmarks.md.
#   [SCALE_KEEP=1] tests/GisApi.Benchmarks/run-scale-benchmark.sh [COUNT] [SECONDS per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
n=${1:-1000000}
seconds=${2:-10}
. tests/GisApi.Benchmarks/bench-common.sh
li_ensure_packages time
db=li_scale_bench
bench_cs="${cs/Database=landinventory/Database=$db}"
importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll

li_say "building (Release)"
dotnet build src/GisApi -c Release --nologo -v quiet >/dev/null
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
file="$work/parcels-$n.geojson"
[ -s "$file" ] || dotnet tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll generate "$n" "$file" \
  data/geojson/areas.geojson >&2
# SCALE_KEEP=1 measures again over the database the last run imported (and reports that run's import).
if [ "${SCALE_KEEP:-}" != 1 ] || [ ! -s "$work/scale-time.log" ] || [ "$(psql_bench -c "SELECT count(*) FROM land_parcels" 2>/dev/null)" != "$n" ]; then
  li_say "$n generated parcels into a fresh $db: importing $(du -m "$file" | cut -f1) MB"
  li_psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER landinventory"
  li_psql -d "$db" -c "CREATE EXTENSION postgis"
  dotnet "$importer" data/geojson/areas.geojson --connection "$bench_cs" >/dev/null
  /usr/bin/time -v -o "$work/scale-time.log" dotnet "$importer" "$file" --layer parcels --connection "$bench_cs" >"$work/scale-import.out" 2>&1 \
    || { tail -5 "$work/scale-import.out" >&2; li_die "the import failed"; }
  psql_bench -c "VACUUM ANALYZE land_parcels"
fi
read -r import_s import_mb < <(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; w=s}
  /Maximum resident set size/ {r=$2/1024} END {printf "%s %.0f\n", w, r}' "$work/scale-time.log")
loaded=$(psql_bench -c "SELECT count(*) FROM land_parcels")
[ "$loaded" = "$n" ] || li_die "the importer loaded $loaded of $n parcels"
sizes=$(psql_bench -c "SELECT pg_size_pretty(pg_table_size('land_parcels')) || ' table, ' || pg_size_pretty(pg_indexes_size('land_parcels'))
  || ' indexes; history ' || pg_size_pretty(pg_total_relation_size('feature_history'))")

# The questions: a box of about a hundred parcels around the median parcel, that parcel, the page nine tenths in,
# and the tiles holding it.
read -r code lon lat < <(psql_bench -F' ' -c "SELECT code, ST_X(c), ST_Y(c) FROM (SELECT code, ST_PointOnSurface(boundary) c
  FROM land_parcels ORDER BY code OFFSET $((n / 2)) LIMIT 1) s")
deep=$((n * 9 / 10))
after=$(psql_bench -c "SELECT code FROM land_parcels ORDER BY code OFFSET $((deep - 1)) LIMIT 1")
bbox=$(psql_bench -c "WITH k AS (SELECT boundary FROM land_parcels ORDER BY boundary <-> ST_SetSRID(ST_MakePoint($lon, $lat), 4326) LIMIT 100)
  SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) FROM (SELECT ST_Extent(boundary) e FROM k) s")
matched=$(psql_bench -c "SELECT count(*) FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326))")
tile() { python3 -c 'import math, sys; z, lon, lat = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); n = 2 ** z
print(f"{z}/{int((lon + 180) / 360 * n)}/{int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)}")' "$@"; }
names=("OGC bbox page ($matched parcels)" "OGC item" "page at offset $deep" "the same page by cursor (after)"
  "z14 tile $(tile 14 "$lon" "$lat")" "z11 tile $(tile 11 "$lon" "$lat") (overview)")
paths=("/ogc/collections/parcels/items?bbox=$bbox&limit=100" "/ogc/collections/parcels/items/$code"
  "/ogc/collections/parcels/items?limit=100&offset=$deep" "/ogc/collections/parcels/items?limit=100&after=$after"
  "/tiles/parcels/$(tile 14 "$lon" "$lat").mvt" "/tiles/parcels/$(tile 11 "$lon" "$lat").mvt")

bench_start_api 5097 scale
WARMUP=20 bench_warm_up "$base" "${paths[@]}"
rows=()
for i in "${!names[@]}"; do
  li_say "measuring: ${names[$i]}"
  bytes=$(curl -s -o /dev/null -w '%{size_download}' "$base${paths[$i]}")
  read -r rps p50 p99 <<<"$(run_wrk "$base${paths[$i]}")" # run_wrk ends without a newline
  rows+=("| ${names[$i]} | $rps | $p50 ms | $p99 ms | $(awk -v b="$bytes" 'BEGIN {printf (b >= 1048576 ? "%.1f MB" : "%.0f KB"), (b >= 1048576 ? b / 1048576 : b / 1024)}') |")
done

{
  echo
  echo "## City scale: $n parcels — $(date -u +%Y-%m-%d)"
  echo
  bench_machine() { echo "Machine: $(nproc) cores ($(lscpu | awk -F': *' '/Model name/ {print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(psql_bench -c 'SHOW server_version'), .NET $(dotnet --version)."; }
  bench_machine
  echo "$n generated parcels in the zone's three areas ($(du -m "$file" | cut -f1) MB of GeoJSON), imported with every check in"
  echo "$import_s s (peak $import_mb MB); then $sizes. The API with its cache off, wrk 16 connections, $seconds s after as long"
  echo "unmeasured. Rerun: \`tests/GisApi.Benchmarks/run-scale-benchmark.sh [COUNT] [SECONDS]\`."
  echo
  echo "| question | req/s | p50 | p99 | answer |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
