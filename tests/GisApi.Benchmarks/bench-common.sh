# Shared by the API benchmarks: the 100 000-parcel database li_api_bench, wrk and pgbench as "req/s p50 p99".
# Sourced after docker/postgis-local.sh, with $seconds set.
work=${LANDINVENTORY_BENCH_DIR:-/tmp/landinventory-bench}
mkdir -p "$work"
li_ensure_postgis
li_ensure_packages wrk
cs=$(li_ensure_cluster)
pw=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$cs")
db=li_api_bench
bench_cs="${cs/Database=landinventory/Database=$db}"
export PGPASSWORD=$pw
# wrk is one client at thousands of requests a second: the anonymous rate limit would measure itself, not the API.
export RateLimit__Enabled=false
psql_bench() { psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$db" -X -q -At "$@"; }

# Builds the API (Release) and loads the three areas and 100 000 generated parcels into a fresh li_api_bench.
bench_prepare_database() {
  li_say "building (Release) and loading 100 000 generated parcels"
  dotnet build src/GisApi -c Release --nologo -v quiet >/dev/null
  dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
  dotnet build src/DevToken -c Release --nologo -v quiet >/dev/null
  dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
  li_psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER landinventory"
  li_psql -d "$db" -c "CREATE EXTENSION postgis"
  local file="$work/parcels-100000.geojson"
  [ -s "$file" ] || dotnet tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll generate 100000 "$file"
  dotnet src/Importer/bin/Release/net10.0/LandInventory.Importer.dll data/geojson/areas.geojson --connection "$bench_cs" >/dev/null
  dotnet src/Importer/bin/Release/net10.0/LandInventory.Importer.dll "$file" --layer parcels --connection "$bench_cs" >/dev/null
  psql_bench -c "VACUUM ANALYZE land_parcels"
}

# bench_warm_up BASE PATH... : a minute of all the measured requests, mixed, on a freshly started service. .NET
# compiles hot code in tiers and re-compiles it with profile data (dynamic PGO); on two shared cores that took about a
# minute of load: a bbox page measured after only 10 s of warm-up ran at 266 req/s, after a minute at ~730.
bench_warm_up() {
  local base=$1; shift
  local lua; lua=$(mktemp --suffix=.lua)
  { echo "local paths = {"; printf '  [[%s]],\n' "$@"; echo "}"
    echo 'local n = 0'
    echo 'request = function() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end'; } >"$lua"
  wrk -t2 -c16 -d"${WARMUP:-60}s" -s "$lua" "$base" >/dev/null 2>&1 || true
  rm -f "$lua"
}

# wrk URL -> "req/s p50 p99" (milliseconds), after as long again unmeasured: .NET compiles its hot code in tiers over
# the first seconds of load, and a service is judged in its steady state. A 30 s timeout: a slow answer is measured, not dropped.
run_wrk() {
  wrk -t2 -c16 -d"${seconds}s" --timeout 30s "$1" >/dev/null 2>&1 || true
  wrk -t2 -c16 -d"${seconds}s" --timeout 30s --latency "$1" 2>/dev/null | awk '
    /Requests\/sec/ {rps=$2}
    $1=="50%" {p50=$2} $1=="99%" {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.1f %.1f", rps, ms(p50), ms(p99)}'
}
# pgbench SQL -> "tps p50 p99", with the session settings the API gives its own connections (src/GisApi/DatabaseSetup.cs:
# no JIT, no parallel workers): the ceiling runs as the API would.
bench_pgoptions="-c jit=off -c max_parallel_workers_per_gather=0"
run_sql() {
  local dir; dir=$(mktemp -d)
  printf '%s\n' "$1" >"$dir/q.sql"
  (cd "$dir" && PGOPTIONS="$bench_pgoptions" pgbench -h 127.0.0.1 -p "$LI_PORT" -U landinventory -n -c 16 -j 2 -T "$seconds" -l -f q.sql "$db" >"$dir/out" 2>&1)
  local tps; tps=$(awk '/^tps/ {print $3; exit}' "$dir/out")
  cat "$dir"/pgbench_log.* | awk '{print $3/1000}' | sort -n >"$dir/lat"
  local n; n=$(wc -l <"$dir/lat")
  printf '%.0f %.1f %.1f' "$tps" "$(sed -n "$((n / 2 + 1))p" "$dir/lat")" "$(sed -n "$((n * 99 / 100 + 1))p" "$dir/lat")"
  rm -rf "$dir"
}


# "The cost of an answer": the growth of CPU time, in clock ticks, of the API process and of the cluster over a run,
# ÷ requests.
bench_postmaster() { li_as_root head -1 "$(pg_lsclusters -h | awk -v c="$LI_CLUSTER" '$2==c {print $6}')/postmaster.pid"; }
# Fields of /proc/PID/stat after "pid (comm) ": $12 utime, $13 stime, $14 cutime, $15 cstime.
bench_stat() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null; }
# A process's own CPU ticks; the cluster's: every child of the postmaster, and the reaped ones in its cutime/cstime.
bench_proc_ticks() { set -- $(bench_stat "$1"); echo $((${12} + ${13})); }
bench_pg_ticks() {
  local pm=$1 s=0 p f
  for p in $(pgrep -P "$pm"); do
    f=$(bench_stat "$p") || continue
    set -- $f; s=$((s + ${12} + ${13}))
  done
  set -- $(bench_stat "$pm"); echo $((s + ${12} + ${13} + ${14} + ${15}))
}
# bench_cost API_PID -- WRK ARGS... -> "requests api_ms pg_ms" per request, over one wrk run.
bench_cost() {
  local api_pid=$1; shift 2
  local pm api0 pg0 out n tick; pm=$(bench_postmaster); tick=$(getconf CLK_TCK)
  api0=$(bench_proc_ticks "$api_pid"); pg0=$(bench_pg_ticks "$pm")
  out=$(wrk "$@" 2>/dev/null)
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v n="$n" -v t="$tick" -v a="$(( $(bench_proc_ticks "$api_pid") - api0 ))" -v p="$(( $(bench_pg_ticks "$pm") - pg0 ))" \
    'BEGIN {printf "%d %.2f %.2f\n", n, a * 1000 / t / n, p * 1000 / t / n}'
}

# bench_start_api PORT NAME: the Release API on li_api_bench, warm-up off, the response cache off unless BENCH_CACHE=true,
# with the settings in BENCH_ENV ("Database__MaxAutoPrepare=0 …"), BENCH_DLL's build (default this tree's), logging to $work/api-NAME.log; sets $pid (killed on
# exit) and $base, and returns once it answers /health.
bench_start_api() {
  ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:$1 Logging__LogLevel__Default=Warning ResponseCache__Enabled=${BENCH_CACHE:-false} \
    Warmup__Enabled=false env ${BENCH_ENV:-} dotnet "${BENCH_DLL:-src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll}" >"$work/api-$2.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$1/health" >/dev/null || { tail -5 "$work/api-$2.log" >&2; li_die "the API on port $1 did not start"; }
  base=http://127.0.0.1:$1
}

# bench_sql_cost SQL -> "queries pg_ms": PostgreSQL's CPU per query for the same question sent by pgbench (4 clients,
# $seconds s, the API's session settings), counted as bench_cost counts it: the cost of the question to the database itself.
bench_sql_cost() {
  local dir pm pg0 tick n; dir=$(mktemp -d); pm=$(bench_postmaster); tick=$(getconf CLK_TCK)
  printf '%s\n' "$1" >"$dir/q.sql"
  pg0=$(bench_pg_ticks "$pm")
  (cd "$dir" && PGOPTIONS="$bench_pgoptions" pgbench -h 127.0.0.1 -p "$LI_PORT" -U landinventory -n -c 4 -j 2 -T "$seconds" -f q.sql "$db" >"$dir/out" 2>&1)
  n=$(awk '/number of transactions actually processed/ {print $NF}' "$dir/out")
  awk -v n="$n" -v t="$tick" -v p="$(( $(bench_pg_ticks "$pm") - pg0 ))" 'BEGIN {printf "%d %.3f\n", n, p * 1000 / t / n}'
  rm -rf "$dir"
}

# geojson_sql SELECT -> the SQL that builds the same FeatureCollection in PostGIS (the plain-SQL side of a comparison).
geojson_sql() { echo "SELECT json_build_object('type','FeatureCollection','features',coalesce(json_agg(ST_AsGeoJSON(t.*)::json),'[]'::json))::text FROM ($1) t;"; }

# bench_build_rev REV DIR: that commit's API built (Release) in a worktree at DIR, with this tree's map bundle (the page
# is not what is measured: the same bundle, without npm); remove it with git worktree remove --force DIR.
bench_build_rev() {
  li_say "building $1 in $2"
  rm -rf "$2"
  git worktree prune
  git worktree add --detach "$2" "$1" >/dev/null
  mkdir -p "$2/src/GisApi/Map"
  cp -r src/GisApi/Map/dist "$2/src/GisApi/Map/"
  dotnet build "$2/src/GisApi" -c Release --nologo -v quiet -p:SkipMapBuild=true >/dev/null
}
