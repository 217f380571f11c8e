#!/usr/bin/env bash
# Downloads of 100 000 generated parcels: GeoPackage and FlatGeobuf from the API (f=gpkg, f=fgb), beside GDAL's ogr2ogr
# reading our OGC API page by page (its OAPIF driver, 1000 a page) and writing the same file. Time, and peak memory:
# the API's resident set and its ogr2ogr child's, sampled every 0.1 s; the client ogr2ogr's from /usr/bin/time.
# Appended to docs/benchmarks.md.    tests/GisApi.Benchmarks/run-download-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
seconds=1
. tests/GisApi.Benchmarks/bench-common.sh
li_ensure_packages gdal-bin time
bench_prepare_database
bench_start_api 5097 download
base=$base/ogc/collections/parcels
kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# api FORMAT -> "seconds | API peak MiB | its ogr2ogr peak MiB | file MiB"
api_download() {
  local out="$work/download.$1" peak=0 child=0 start
  rm -f "$out"; start=$(date +%s.%N)
  curl -s -o "$out" "$base/items?f=$1" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    peak=$(( $(kib "$pid") > peak ? $(kib "$pid") : peak ))
    for c in $(pgrep -P "$pid" ogr2ogr || true); do child=$(( $(kib "$c") > child ? $(kib "$c") : child )); done
    sleep 0.1
  done
  printf '%.1f s | %d MiB | %d MiB | %d MiB' "$(echo "$(date +%s.%N) - $start" | bc)" $((peak / 1024)) $((child / 1024)) $(( $(stat -c %s "$out") / 1048576 ))
}
# client DRIVER EXT -> "seconds | ogr2ogr peak MiB | file MiB"
client_download() {
  local out="$work/client.$2"; rm -f "$out"
  /usr/bin/time -f '%e %M' -o "$work/time" ogr2ogr -f "$1" "$out" "OAPIF:$base" parcels -oo PAGE_SIZE=1000 2>/dev/null
  read -r elapsed kb <"$work/time"
  printf '%.1f s | %d MiB | %d MiB' "$elapsed" $((kb / 1024)) $(( $(stat -c %s "$out") / 1048576 ))
}
curl -s -o /dev/null "$base/items?f=gpkg&limit=10"   # the first conversion starts its code paths
gpkg=$(api_download gpkg); fgb=$(api_download fgb)
gpkg_client=$(client_download GPKG gpkg); fgb_client=$(client_download FlatGeobuf fgb)
features=$(ogrinfo -ro -so "$work/download.gpkg" parcels | awk -F': ' '/Feature Count/ {print $2}')

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## Downloads of $features parcels — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; API, PostgreSQL and the client on the same cores;"
  echo "one download at a time. The API spools the query as GeoJSON and converts it with ogr2ogr; the client is ogr2ogr"
  echo "reading /ogc page by page (OAPIF, 1000 a page). Peak memory: resident set, sampled every 0.1 s (the API and its"
  echo "ogr2ogr child) or from /usr/bin/time (the client). Rerun: \`tests/GisApi.Benchmarks/run-download-benchmark.sh\`."
  echo
  echo "| file | API: time | API peak | its ogr2ogr peak | size | ogr2ogr over OAPIF: time | its peak | size |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| GeoPackage | $gpkg | $gpkg_client |"
  echo "| FlatGeobuf | $fgb | $fgb_client |"
} | tee -a docs/benchmarks.md
