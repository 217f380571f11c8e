#!/usr/bin/env bash
# The API against MapServer 8's OGC API – Features (Debian's cgi-mapserver behind nginx + spawn-fcgi) and against the
# same questions as plain SQL through pgbench, on one generated 100 000-parcel table, 16 concurrent clients each, our
# response cache off and on. Results (req/s, p50, p99) are appended to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-benchmark.sh [SECONDS]     (default 10 s per measurement)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

seconds=${1:-10}
. tests/GisApi.Benchmarks/bench-common.sh
li_ensure_packages cgi-mapserver spawn-fcgi nginx-light
bench_prepare_database

# The questions: a bbox of about a hundred parcels, one parcel, the first page of 1000, and a z14 tile.
bbox="104.270,30.585,104.2717,30.5865"
code=GEN-0005000
id=$(psql_bench -c "SELECT id FROM land_parcels WHERE code = '$code'")
matched=$(psql_bench -c "SELECT count(*) FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326))")

cleanup() {
  set +e
  [ -n "${api_on:-}" ] && kill "$api_on" 2>/dev/null
  [ -n "${api_off:-}" ] && kill "$api_off" 2>/dev/null
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  pkill -KILL -x mapserv 2>/dev/null # MapServer's FastCGI loop ignores SIGTERM
  return 0
}
trap cleanup EXIT

li_say "starting the API (cache on :5091, off :5092) and MapServer (:8081)"
api="src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll"
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5091 Logging__LogLevel__Default=Warning dotnet "$api" >"$work/api-on.log" 2>&1 &
api_on=$!
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5092 Logging__LogLevel__Default=Warning ResponseCache__Enabled=false \
  dotnet "$api" >"$work/api-off.log" 2>&1 &
api_off=$!
ms_port=8081
fcgi_port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])") # fresh each run: spawn-fcgi cannot reuse a port in TIME_WAIT
sed -e "s|@MS_PORT@|$ms_port|" -e "s|@PG_CONNECTION@|host=127.0.0.1 port=$LI_PORT dbname=$db user=landinventory password=$pw|" \
  tests/GisApi.Benchmarks/inventory.map.in >"$work/inventory.map"
# Debian's MapServer reads its map aliases from /etc/mapserver.conf only; the file is written when absent or ours.
if [ ! -e /etc/mapserver.conf ] || grep -q "LandInventory" /etc/mapserver.conf; then
  printf '# LandInventory API benchmark\nCONFIG\n  ENV\n    MS_MAP_PATTERN "^%s/"\n  END\n  MAPS\n    INVENTORY "%s/inventory.map"\n  END\nEND\n' \
    "$work" "$work" | li_as_root tee /etc/mapserver.conf >/dev/null
else
  li_die "/etc/mapserver.conf exists and is not ours: add INVENTORY \"$work/inventory.map\" to its MAPS"
fi
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$ms_port;
    location /cgi-bin/mapserv {
      fastcgi_split_path_info ^(/cgi-bin/mapserv)(/.*)\$;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /usr/lib/cgi-bin/mapserv;
      fastcgi_param PATH_INFO \$fastcgi_path_info;
      fastcgi_pass 127.0.0.1:$fcgi_port;
    }
  }
}
NGINX
spawn-fcgi -a 127.0.0.1 -p "$fcgi_port" -F 4 -- /usr/lib/cgi-bin/mapserv >/dev/null
nginx -c "$work/nginx.conf"
for port in 5091 5092; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
done

ours="/ogc/collections/parcels/items"
ms="http://127.0.0.1:$ms_port/cgi-bin/mapserv/inventory/ogcapi/collections/parcels/items"
# Each server must give the same answer before it is timed.
for url in "http://127.0.0.1:5091$ours?bbox=$bbox&limit=1000" "http://127.0.0.1:5092$ours?bbox=$bbox&limit=1000" "$ms?f=json&bbox=$bbox&limit=1000"; do
  n=$(curl -sf "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]))')
  [ "$n" = "$matched" ] || li_die "$url returned $n features, PostGIS says $matched"
done

li_say "warming up both services (a minute each, not measured)"
for port in 5091 5092; do
  bench_warm_up "http://127.0.0.1:$port" "$ours?bbox=$bbox&limit=1000" "$ours/$code" "$ours?limit=1000" "/tiles/parcels/14/12937/6728.mvt"
done

rows=()
measure_all() { # NAME OUR_PATH MAPSERVER_URL SQL
  li_say "measuring: $1"
  local sql on off ms=""
  sql=$(run_sql "$4")
  off=$(run_wrk "http://127.0.0.1:5092$2")
  on=$(run_wrk "http://127.0.0.1:5091$2")
  [ -n "$3" ] && ms=$(run_wrk "$3")
  rows+=("$(printf '%s|%s|%s|%s|%s' "$1" "$sql" "$off" "$on" "$ms" | awk -F'|' '
    function cell(v) { if (v == "") return "—"; split(v, a, " "); return sprintf("%s req/s · p50 %s ms · p99 %s ms", a[1], a[2], a[3]) }
    function r(v) { split(v, a, " "); return a[1] }
    { ms = $5 == "" ? "—" : sprintf("%.1f×", r($4) / r($5));
      printf "| %s | %s | %s | %s | %s | %.2f | %s |", $1, cell($2), cell($3), cell($4), cell($5), r($3) / r($2), ms }')")
}
measure_all "bbox, $matched parcels" "$ours?bbox=$bbox&limit=1000" "$ms?f=json&bbox=$bbox&limit=1000" \
  "$(geojson_sql "SELECT code, name_zh, status, net_site_area_sqm, boundary FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326))")"
measure_all "one parcel by id" "$ours/$code" "$ms/$id?f=json" \
  "$(geojson_sql "SELECT code, name_zh, status, net_site_area_sqm, boundary FROM land_parcels WHERE code = '$code'")"
measure_all "first page of 1000" "$ours?limit=1000" "$ms?f=json&limit=1000" \
  "$(geojson_sql "SELECT code, name_zh, status, net_site_area_sqm, boundary FROM land_parcels ORDER BY code LIMIT 1000")"
measure_all "z14 tile 12937/6728" "/tiles/parcels/14/12937/6728.mvt" "" \
  "SELECT ST_AsMVT(t, 'parcels', 4096, 'geom') FROM (SELECT ST_AsMVTGeom(ST_Transform(boundary, 3857), ST_TileEnvelope(14, 12937, 6728), 4096, 64, true) AS geom, code FROM land_parcels WHERE boundary && ST_Transform(ST_TileEnvelope(14, 12937, 6728, margin => 64.0 / 4096), 4326)) t WHERE geom IS NOT NULL;"

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## API vs MapServer vs plain SQL — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1),"
  echo "PostGIS $(psql_bench -c 'SELECT postgis_lib_version()'), MapServer $(/usr/lib/cgi-bin/mapserv -v | awk '{print $3}') (4 FastCGI processes behind nginx), .NET $(dotnet --version)."
  echo "100 000 generated parcels (tests/Importer.Benchmarks); wrk and pgbench with 16 connections for ${seconds} s each, on"
  echo "the same machine as the servers, after a minute's unmeasured warm-up of each API service with all four requests. The"
  echo "SQL column is the question alone, GeoJSON built in PostGIS, through pgbench: the ceiling. Rerun:"
  echo "\`tests/GisApi.Benchmarks/run-benchmark.sh [SECONDS]\`."
  echo
  echo "| request | plain SQL (pgbench) | API, cache off | API, cache on | MapServer 8 OGC API | cache off ÷ SQL | cache on ÷ MapServer |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
