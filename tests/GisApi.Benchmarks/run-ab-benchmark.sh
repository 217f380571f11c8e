#!/usr/bin/env bash
# This tree's API against an earlier commit's, side by side in one run on the same database (the generated 100 000
# parcels): each request by wrk (16 connections) against one service, then the other, with the CPU each service spent
# per answer read from /proc (user + system time of its process over the measured run ÷ requests answered): on two
# shared cores a rate depends on what else runs, the CPU an answer costs much less. Caches off, so every request is work.
# Results are appended to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-ab-benchmark.sh REV [SECONDS]     (REV: e.g. a commit before a change; default 10 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

rev=${1:?usage: run-ab-benchmark.sh REV [SECONDS]}
seconds=${2:-10}
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database

old=$work/ab-$(git rev-parse --short "$rev")
cleanup() {
  set +e
  [ -n "${api_new:-}" ] && kill "$api_new" 2>/dev/null
  [ -n "${api_old:-}" ] && kill "$api_old" 2>/dev/null
  return 0
}
trap cleanup EXIT

bench_build_rev "$rev" "$old"

start() { # DIR PORT
  ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:$2 Logging__LogLevel__Default=Warning ResponseCache__Enabled=false \
    Warmup__Enabled=false dotnet "$1/src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll" >"$work/api-ab-$2.log" 2>&1 &
  echo $!
}
api_new=$(start . 5111)
api_old=$(start "$old" 5112)
for port in 5111 5112; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
done

quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="=&$,"))' "$1"; }
point="geography'SRID=4326;POINT(104.27 30.59)'"
names=("OData attribute filter, light" "OData attribute filter, full" "OData geo.distance lt 3000, light"
  "OGC items, bbox page of 100" "OGC items, CQL2 filter" "tile z15")
paths=(
  "/odata/Parcels?$(quote "\$filter=status eq 'available' and netSiteAreaSqm gt 15000&\$top=100&\$select=code,nameEn,status,siteAreaMu")"
  "/odata/Parcels?$(quote "\$filter=status eq 'available' and netSiteAreaSqm gt 15000&\$top=100")"
  "/odata/Parcels?$(quote "\$filter=geo.distance(boundary, $point) lt 3000&\$top=100&\$select=code,nameEn,status,siteAreaMu")"
  "/ogc/collections/parcels/items?bbox=104.26,30.58,104.28,30.60&limit=100"
  "/ogc/collections/parcels/items?$(quote "filter=netSiteAreaSqm > 15000 AND status = 'available'&limit=100")"
  "/tiles/parcels/15/25874/13457.mvt"
)
li_say "warming up both services (a minute each, not measured)"
for port in 5111 5112; do bench_warm_up "http://127.0.0.1:$port" "${paths[@]}"; done

# wrk against PORT PATH with PID's CPU read around it -> "req/s p99 cpu-ms-per-request"
measure() {
  local ticks; ticks=$(getconf CLK_TCK)
  wrk -t2 -c16 -d"${seconds}s" "http://127.0.0.1:$1$2" >/dev/null 2>&1 || true
  local before; before=$(awk '{print $14 + $15}' "/proc/$3/stat")
  local out; out=$(wrk -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$1$2" 2>/dev/null)
  local after; after=$(awk '{print $14 + $15}' "/proc/$3/stat")
  awk -v cpu=$((after - before)) -v hz="$ticks" '
    / requests in / {n=$1} /Requests\/sec/ {rps=$2} $1=="99%" {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.1f %.3f", rps, ms(p99), (n > 0 ? cpu * 1000 / hz / n : 0)}' <<<"$out"
}
rows=()
for i in "${!paths[@]}"; do
  li_say "measuring: ${names[$i]}"
  new=$(measure 5111 "${paths[$i]}" "$api_new")
  was=$(measure 5112 "${paths[$i]}" "$api_old")
  rows+=("$(printf '%s|%s|%s' "${names[$i]}" "$was" "$new" | awk -F'|' '
    function cell(v) { split(v, a, " "); return sprintf("%s req/s · p99 %s ms · %.2f ms CPU", a[1], a[2], a[3]) }
    function c(v) { split(v, a, " "); return a[3] }
    { printf "| %s | %s | %s | %.2f |", $1, cell($2), cell($3), c($3) / c($2) }')")
done

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## This tree against $(git rev-parse --short "$rev") — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1),"
  echo ".NET $(dotnet --version). This tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes')) and $(git rev-parse --short "$rev") on the same"
  echo "100 000-parcel database, caches off, in turn: wrk 16 connections for ${seconds} s after as long unmeasured, each"
  echo "service warmed up a minute first. CPU: the service process's user + system time over the measured run ÷ answers."
  echo "Rerun: \`tests/GisApi.Benchmarks/run-ab-benchmark.sh $(git rev-parse --short "$rev") [SECONDS]\`."
  echo
  echo "| request | $(git rev-parse --short "$rev") | this tree | CPU per answer, this ÷ $(git rev-parse --short "$rev") |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >>docs/benchmarks.md
git worktree remove --force "$old"
li_say "appended to docs/benchmarks.md"
