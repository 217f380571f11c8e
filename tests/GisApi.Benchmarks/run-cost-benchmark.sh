#!/usr/bin/env bash
# The cost of an answer (issue 19): CPU per request of the API process and of every PostgreSQL backend, read from /proc
# over a fixed load (wrk, 4 connections, SECONDS after as long unmeasured), beside PostgreSQL's CPU per query for the same
# question sent as SQL through pgbench with the API's session settings. Multiplier = (API + PostgreSQL) ÷ PostgreSQL alone.
# Cache off, then the API's CPU per answer with the response cache on. 100 000 generated parcels.
# Appended to docs/benchmarks.md.    tests/GisApi.Benchmarks/run-cost-benchmark.sh [SECONDS, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
seconds=${1:-20}
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database
bench_start_api 5098 cost-off
off_pid=$pid off=$base
BENCH_CACHE=true bench_start_api 5099 cost-on
trap 'kill $off_pid $pid 2>/dev/null || true' EXIT
on_pid=$pid on=$base

bbox=104.27,30.585,104.2804,30.594
code=$(psql_bench -c "SELECT code FROM land_parcels ORDER BY md5(code) LIMIT 1")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
point="geography'SRID=4326;POINT(104.27 30.59)'"
square="geography'SRID=4326;POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))'"
light="\$select=code,nameEn,status,siteAreaMu"
odata_sql() { echo "SELECT json_agg(t)::text FROM (SELECT $1 FROM land_parcels WHERE $2 ORDER BY code LIMIT 100) t;"; }
names=() paths=() sqls=()
add() { names+=("$1"); paths+=("$2"); sqls+=("$3"); }
add "OGC bbox ($(psql_bench -c "SELECT count(*) FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326))") parcels)" \
  "/ogc/collections/parcels/items?bbox=$bbox&limit=1000" \
  "$(geojson_sql "SELECT * FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326)) ORDER BY code LIMIT 1000")"
add "OGC item by code" "/ogc/collections/parcels/items/$code" "$(geojson_sql "SELECT * FROM land_parcels WHERE code = '$code'")"
add "OGC first page of 1000" "/ogc/collections/parcels/items?limit=1000" "$(geojson_sql "SELECT * FROM land_parcels ORDER BY code LIMIT 1000")"
add "z14 tile 12937/6728" "/tiles/parcels/14/12937/6728.mvt" \
  "SELECT ST_AsMVT(t, 'parcels', 4096, 'geom') FROM (SELECT ST_AsMVTGeom(ST_Transform(boundary, 3857), ST_TileEnvelope(14, 12937, 6728), 4096, 64, true) AS geom, code FROM land_parcels WHERE boundary && ST_Transform(ST_TileEnvelope(14, 12937, 6728, margin => 64.0 / 4096), 4326)) t WHERE geom IS NOT NULL;"
add "OData status, \$top=100, \$select" "/odata/Parcels?\$filter=$(enc "status eq 'available'")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "status = 'available'")"
add "OData status, \$top=100, whole entities" "/odata/Parcels?\$filter=$(enc "status eq 'available'")&\$top=100" \
  "$(odata_sql "*" "status = 'available'")"
add "OData geo.distance lt 3000, \$select" "/odata/Parcels?\$filter=$(enc "geo.distance(boundary, $point) lt 3000")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "within_metres(boundary, ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326), 2999.9999999999995)")"
add "OData geo.intersects ~1 km², \$select" "/odata/Parcels?\$filter=$(enc "geo.intersects(boundary, $square)")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "ST_Intersects(boundary, ST_GeomFromText('POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))', 4326))")"

li_say "warming up both services"
bench_warm_up "$off" "${paths[@]}"
bench_warm_up "$on" "${paths[@]}"
rows=()
for i in "${!names[@]}"; do
  li_say "measuring: ${names[$i]}"
  wrk -t2 -c4 -d"${seconds}s" "$off${paths[$i]}" >/dev/null 2>&1 || true
  read -r _ api pg < <(bench_cost "$off_pid" -- -t2 -c4 -d"${seconds}s" "$off${paths[$i]}")
  read -r _ alone < <(bench_sql_cost "${sqls[$i]}")
  wrk -t2 -c4 -d"${seconds}s" "$on${paths[$i]}" >/dev/null 2>&1 || true
  read -r _ cached _ < <(bench_cost "$on_pid" -- -t2 -c4 -d"${seconds}s" "$on${paths[$i]}")
  rows+=("$(awk -v n="${names[$i]}" -v a="$api" -v p="$pg" -v s="$alone" -v c="$cached" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %.1f | %.3f |", n, a, p, s, (a + p) / s, c}')")
done

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## The cost of an answer — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; 100 000 generated parcels. CPU from /proc (utime + stime of"
  echo "the API process; of every PostgreSQL backend, and of those reaped, through the postmaster) over wrk at 4 connections"
  echo "for ${seconds} s after as long unmeasured (and a minute's warm-up), ÷ requests served; PostgreSQL alone: the same"
  echo "question as SQL through pgbench (4 clients, the API's session settings), its CPU ÷ queries. Multiplier = (API +"
  echo "PostgreSQL) ÷ PostgreSQL alone. Targets (issue 19): ≤ 2 for a page, ≤ 3 for an item; cache on under 0.1 ms of API CPU."
  echo "Rerun: \`tests/GisApi.Benchmarks/run-cost-benchmark.sh [SECONDS]\`."
  echo
  echo "| question | API ms CPU / req | PostgreSQL ms / req during the API run | PostgreSQL ms / query alone | multiplier | API ms / req, cache on |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
