#!/usr/bin/env bash
# Where an answer's CPU goes (issue 19): the API (response cache off; BENCH_CACHE=true: on) under wrk at 4 connections for one question of
# cost-questions.sh, sampled by perf (Debian's linux-perf) with .NET's perf map, then the managed methods and native
# libraries that hold the most samples. PostgreSQL's backends are sampled alongside (the whole machine is).
#   tests/GisApi.Benchmarks/run-cost-profile.sh 'QUESTION PATTERN' [SECONDS, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
COST_ONLY=${1?a pattern naming one question}; seconds=${2:-15}
li_ensure_packages linux-perf
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 bench_start_api 5095 profile
api=$pid
. tests/GisApi.Benchmarks/cost-questions.sh
[ ${#paths[@]} -eq 1 ] || li_die "the pattern names ${#paths[@]} questions: ${names[*]}"
bench_warm_up "$base" "${paths[0]}"
wrk -t2 -c4 -d"${seconds}s" "$base${paths[0]}" >/dev/null 2>&1 || true
data=$work/profile.data
li_say "sampling the API and PostgreSQL for ${seconds} s: ${names[0]}"
wrk -t2 -c4 -d"$((seconds + 2))s" "$base${paths[0]}" >"$work/profile-wrk.txt" 2>&1 &
wrk_pid=$!
sleep 1
li_as_root perf record -F 999 -g -a -o "$data" -- sleep "$seconds" >/dev/null 2>&1
wait "$wrk_pid"
li_as_root chmod a+r "$data"
echo "## Profile: ${names[0]} — $(date -u +%Y-%m-%d), $(nproc) cores, response cache ${BENCH_CACHE:-false}, wrk 4 connections, ${seconds} s"
echo
echo "Samples by process:"; echo '```'
perf report -i "$data" --no-children --sort comm -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo '```'
# Inclusive times mislead here (an awaited read's continuation runs "under" it): the API's own samples are summed by
# the assembly of the method that held them (runtime and native code, GC included, under "(native/runtime)").
echo "API, exclusive samples by assembly (share of all samples):"; echo '```'
perf report -i "$data" --no-children --pid "$api" --sort sym -g none --percent-limit 0 2>/dev/null | grep -E '^ +[0-9]' \
  | awk '{p=$1; sub("%","",p); a="(native/runtime)"; if (match($0, /\[[A-Za-z][A-Za-z0-9.]+\] [A-Za-z]/)) { a=substr($0, RSTART+1); sub(/\].*/, "", a) }
         else if ($0 ~ /\[k\]/) a="(kernel)"; s[a]+=p} END {for (k in s) printf "%6.2f%%  %s\n", s[k], k}' | sort -rn | head -20
echo '```'; echo "API, native libraries (share of all samples):"; echo '```'
perf report -i "$data" --no-children --pid "$api" --sort dso -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo '```'
