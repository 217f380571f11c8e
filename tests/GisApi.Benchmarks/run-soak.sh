#!/usr/bin/env bash
# The soak: MINUTES (default 10) of mixed reads — OGC bbox pages, OData queries, vector tiles — from 32 concurrent
# clients (wrk), plus one authenticated PATCH every second (each one invalidates the caches, as real edits do), on the
# generated 100 000-parcel database. Reports errors, read latency and the service's memory (RSS sampled every 10 s: the
# trend must be flat), and appends them to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

minutes=${1:-10}
seconds=10
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database
# The service is measured in its steady state, not in the bulk load's aftermath: statistics and visibility maps of
# every table (the history too), and the load's dirty pages written out before the clock starts.
li_psql -d "$db" -c "VACUUM ANALYZE" -c "CHECKPOINT"
warmup=30

key=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')
cleanup() {
  set +e
  [ -n "${api:-}" ] && kill "$api" 2>/dev/null
  [ -n "${writer:-}" ] && kill "$writer" 2>/dev/null
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null
  return 0
}
trap cleanup EXIT

li_say "starting the API on :5097"
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5097 Metrics__Port=5097 Logging__LogLevel__Default=Warning Auth__SigningKey=$key \
  dotnet src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll >"$work/api-soak.log" 2>&1 &
api=$!
for _ in $(seq 60); do curl -sf http://127.0.0.1:5097/health/ready >/dev/null && break; sleep 0.5; done
token=$(Auth__SigningKey=$key dotnet src/DevToken/bin/Release/net10.0/LandInventory.DevToken.dll --role admin --name soak)

# The mix: a third each of bbox pages, OData queries and tiles, spread over the zone.
cat >"$work/soak.lua" <<'LUA'
local paths = {}
local function add(p) paths[#paths + 1] = p end
-- Over the generated parcels' extent (lon 104.156-104.300, lat 30.572-30.670): every bbox and tile holds parcels.
for i = 0, 19 do
  local x, y = 104.16 + (i % 5) * 0.028, 30.575 + math.floor(i / 5) * 0.024
  add(string.format("/ogc/collections/parcels/items?bbox=%.3f,%.3f,%.3f,%.3f&limit=100", x, y, x + 0.02, y + 0.02))
  add(string.format("/odata/Parcels?$filter=status%%20eq%%20'available'%%20and%%20netSiteAreaSqm%%20gt%%20%d&$top=50&$select=code,status,netSiteAreaSqm", 5000 + i * 500))
  add(string.format("/tiles/parcels/14/%d/%d.mvt", 12933 + (i % 5), 6725 + math.floor(i / 5)))
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA

# One edit a second, each of another parcel spread over the whole table (as planners edit: anywhere, the dense
# places too): read the parcel's ETag, patch its price; count what did not succeed. The prices are new to this run: a
# patch to the price a parcel already has changes nothing, and would invalidate nothing.
(
  ok=0 failed=0 i=0 base=$(( $(date +%s) % 1000000 * 1000 ))
  end=$((SECONDS + warmup + minutes * 60))
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    url=$(printf 'http://127.0.0.1:5097/ogc/collections/parcels/items/GEN-%07d' $(( (i * 7919) % 100000 )))
    etag=$(curl -s -D - -o /dev/null "$url" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
    status=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH "$url" -H "Authorization: Bearer $token" -H "If-Match: $etag" \
      -H 'Content-Type: application/merge-patch+json' -d "{\"properties\":{\"startingPrice\":$((base + i))}}")
    if [ "$status" = 204 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); echo "write $i: $status" >&2; fi
    sleep 1
  done
  echo "$ok $failed" >"$work/soak-writes"
) &
writer=$!
# RSS (KiB), and beside it the managed heap after the last GC and its large-object fragmentation (MB), from /metrics:
# what grows, if something does.
heap() {
  curl -s http://127.0.0.1:5097/metrics | awk '
    /^dotnet_gc_last_collection_heap_size_bytes/ {h += $NF}
    /^dotnet_gc_last_collection_heap_fragmentation_size_bytes.*"loh"/ {f = $NF}
    END {printf "%.0f %.0f", h / 1048576, f / 1048576}'
}
( while kill -0 "$api" 2>/dev/null; do echo "$SECONDS $(ps -o rss= -p "$api") $(heap)"; sleep 10; done ) >"$work/soak-rss" &
sampler=$!

li_say "warming up for $warmup s (not measured: .NET compiles its hot code in tiers, the caches fill), then soaking for $minutes minutes"
wrk -t2 -c32 -d"${warmup}s" -s "$work/soak.lua" http://127.0.0.1:5097 >/dev/null 2>&1 || true
wrk -t2 -c32 -d"${minutes}m" --latency -s "$work/soak.lua" http://127.0.0.1:5097 >"$work/soak-wrk" 2>&1
wait "$writer"
kill "$sampler" 2>/dev/null || true
cat "$work/soak-wrk"

read -r writes_ok writes_failed <"$work/soak-writes"
reads=$(awk '/requests in/ {print $1}' "$work/soak-wrk")
errors=$(awk '/Non-2xx or 3xx/ {print $NF}' "$work/soak-wrk")
errors=${errors:-0}
socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5+$7+$9+$11}' "$work/soak-wrk"); socket=${socket:-0}
latency=$(awk '
  function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
  /Requests\/sec/ {rps=$2} $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
  END {printf "%.0f req/s, p50 %.1f ms, p99 %.1f ms", rps, p50, p99}' "$work/soak-wrk")
# Memory: the first and last minute's mean RSS, and the slope of a least-squares line through the samples after the
# first two minutes (the warm-up: JIT, connection pool, response cache filling).
memory=$(awk '$2 > 0 && $1 >= 120 {n++; t[n]=$1; m[n]=$2/1024; h[n]=$3; f[n]=$4}
  END {
    for (i = 1; i <= n; i++) { st += t[i]; sm += m[i]; stt += t[i]*t[i]; stm += t[i]*m[i] }
    slope = (n*stm - st*sm) / (n*stt - st*st) * 60
    for (i = 1; i <= 6 && i <= n; i++) { first += m[i]; hfirst += h[i]; ffirst += f[i] }
    first /= (n < 6 ? n : 6); hfirst /= (n < 6 ? n : 6); ffirst /= (n < 6 ? n : 6)
    for (i = n - 5; i <= n; i++) if (i >= 1) { last += m[i]; hlast += h[i]; flast += f[i]; k++ }
    last /= k; hlast /= k; flast /= k
    min = m[1]; max = m[1]; for (i = 1; i <= n; i++) { if (m[i] < min) min = m[i]; if (m[i] > max) max = m[i] }
    printf "RSS after warm-up: first minute %.0f MB, last minute %.0f MB (min %.0f, max %.0f), trend %+.2f MB/min over %d samples; managed heap after GC %.0f → %.0f MB, of it large-object fragmentation %.0f → %.0f MB", first, last, min, max, slope, n, hfirst, hlast, ffirst, flast
  }' "$work/soak-rss")
li_say "reads: $reads, non-2xx/3xx $errors, socket errors $socket; $latency; writes: $writes_ok ok, $writes_failed failed; $memory"

{
  echo
  echo "## Soak: mixed reads and writes for $minutes minutes ($(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"
  echo
  echo "\`tests/GisApi.Benchmarks/run-soak.sh $minutes\`: wrk, 32 connections on 2 threads, cycling through 60 requests — OGC"
  echo "bbox pages of up to 100 parcels, OData filters with \$select and \$top=50, parcel vector tiles at z14 — over the"
  echo "100 000 generated parcels, with the response cache on (as in production), while a writer PATCHes the price of"
  echo "another parcel each second (GET its ETag, PATCH with If-Match), each write invalidating the answers about its"
  echo "place and the layer-wide ones (OData); API and PostgreSQL on the same machine. Measured after VACUUM ANALYZE, a"
  echo "CHECKPOINT and a $warmup s unmeasured warm-up of the same mix (writer included)."
  echo
  echo "| measure | result |"
  echo "| --- | --- |"
  echo "| reads | $reads, non-2xx/3xx: $errors, socket errors: $socket |"
  echo "| read latency | $latency |"
  echo "| writes | $writes_ok succeeded, $writes_failed failed |"
  echo "| memory | $memory |"
} >>docs/benchmarks.md
