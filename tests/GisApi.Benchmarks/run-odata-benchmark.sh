#!/usr/bin/env bash
# The OData service against the same questions as plain SQL through pgbench (rows as JSON built by PostgreSQL: the
# ceiling), on the generated 100 000-parcel table, 16 concurrent clients each: an attribute filter, geo.distance within
# 3 km and geo.intersects with a ~1 km² polygon, $top=100, full entities (geometry included) and with a light $select.
# The service twice: response cache off (every request reaches PostgreSQL) and on. Results (req/s, p50, p99) are appended
# to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-odata-benchmark.sh [SECONDS]     (default 10 s per measurement)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

seconds=${1:-10}
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database

cleanup() {
  set +e
  [ -n "${api_off:-}" ] && kill "$api_off" 2>/dev/null
  [ -n "${api_on:-}" ] && kill "$api_on" 2>/dev/null
  return 0
}
trap cleanup EXIT

li_say "starting the API (cache off :5093, on :5095)"
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5093 Logging__LogLevel__Default=Warning ResponseCache__Enabled=false \
  dotnet src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll >"$work/api-odata-off.log" 2>&1 &
api_off=$!
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5095 Logging__LogLevel__Default=Warning \
  dotnet src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll >"$work/api-odata-on.log" 2>&1 &
api_on=$!
for port in 5093 5095; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
done

point="geography'SRID=4326;POINT(104.27 30.59)'"
square="geography'SRID=4326;POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))'"
point_sql="ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326)"
square_sql="ST_GeomFromText('POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))', 4326)"
warm=()
for f in "status eq 'available' and netSiteAreaSqm gt 15000" "geo.distance(boundary, $point) lt 3000" "geo.intersects(boundary, $square)"; do
  f=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$f")
  warm+=("/odata/Parcels?\$filter=$f&\$top=100" "/odata/Parcels?\$filter=$f&\$top=100&\$select=code,nameEn,status,siteAreaMu")
done
li_say "warming up both services (a minute each, not measured)"
for port in 5093 5095; do bench_warm_up "http://127.0.0.1:$port" "${warm[@]}"; done
rows=()
measure() { # NAME FILTER SQL_WHERE
  local url expected n
  url=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$2")
  expected=$(psql_bench -c "SELECT count(*) FROM (SELECT 1 FROM land_parcels WHERE $3 LIMIT 100) s")
  n=$(curl -sf "http://127.0.0.1:5093/odata/Parcels?\$filter=$url&\$top=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["value"]))')
  [ "$n" = "$expected" ] || li_die "$1: OData returned $n parcels, PostGIS says $expected"
  li_say "measuring: $1 ($n parcels)"
  for kind in full light; do
    local select="" columns="*"
    if [ $kind = light ]; then select="&\$select=code,nameEn,status,siteAreaMu" columns="code, name_en, status, site_area_mu"; fi
    local sql off on
    sql=$(run_sql "SELECT json_agg(t)::text FROM (SELECT $columns FROM land_parcels WHERE $3 ORDER BY code LIMIT 100) t;")
    off=$(run_wrk "http://127.0.0.1:5093/odata/Parcels?\$filter=$url&\$top=100$select")
    on=$(run_wrk "http://127.0.0.1:5095/odata/Parcels?\$filter=$url&\$top=100$select")
    rows+=("$(printf '%s|%s|%s|%s' "$1, $kind ($n)" "$sql" "$off" "$on" | awk -F'|' '
      function cell(v) { split(v, a, " "); return sprintf("%s req/s · p50 %s ms · p99 %s ms", a[1], a[2], a[3]) }
      function r(v) { split(v, a, " "); return a[1] }
      { printf "| %s | %s | %s | %s | %.2f |", $1, cell($2), cell($3), cell($4), r($3) / r($2) }')")
  done
}
measure "attribute filter" "status eq 'available' and netSiteAreaSqm gt 15000" \
  "status = 'available' AND net_site_area_sqm > 15000"
measure "geo.distance lt 3000" "geo.distance(boundary, $point) lt 3000" \
  "within_metres(boundary, $point_sql, 2999.9999999999995)"   # ST_DWithin(…, true) as the planner can estimate it (decision 0012)
measure "geo.intersects ~1 km²" "geo.intersects(boundary, $square)" \
  "ST_Intersects(boundary, $square_sql)"

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## OData vs plain SQL — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1),"
  echo "PostGIS $(psql_bench -c 'SELECT postgis_lib_version()'), .NET $(dotnet --version). 100 000 generated parcels; \`/odata/Parcels?\$filter=…&\$top=100\`,"
  echo "whole entities (geometry included) and with \`\$select=code,nameEn,status,siteAreaMu\`; wrk and pgbench with 16 connections"
  echo "for ${seconds} s each on the same machine, after a minute's unmeasured warm-up of each service with all six requests. The SQL"
  echo "column is the same rows as JSON built by PostgreSQL: the ceiling."
  echo "Rerun: \`tests/GisApi.Benchmarks/run-odata-benchmark.sh [SECONDS]\`."
  echo
  echo "| request | plain SQL (pgbench) | OData, cache off | OData, cache on | cache off ÷ SQL |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
