#!/usr/bin/env bash
# Where an answer's CPU goes (issue 19): the API (cache off) under wrk at 4 connections for one question of
# cost-questions.sh, sampled by perf (Debian's linux-perf) with .NET's perf map, then the managed methods and native
# libraries that hold the most samples, inclusive and exclusive. PostgreSQL's backends are sampled alongside.
#   tests/GisApi.Benchmarks/run-cost-profile.sh 'QUESTION PATTERN' [SECONDS, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
COST_ONLY=${1?a pattern naming one question}; seconds=${2:-15}
li_ensure_packages linux-perf
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 bench_start_api 5095 profile
. tests/GisApi.Benchmarks/cost-questions.sh
[ ${#paths[@]} -eq 1 ] || li_die "the pattern names ${#paths[@]} questions: ${names[*]}"
bench_warm_up "$base" "${paths[0]}"
wrk -t2 -c4 -d"${seconds}s" "$base${paths[0]}" >/dev/null 2>&1 || true
data=$work/profile.data
li_say "sampling the API and PostgreSQL for ${seconds} s: ${names[0]}"
wrk -t2 -c4 -d"$((seconds + 2))s" "$base${paths[0]}" >"$work/profile-wrk.txt" 2>&1 &
sleep 1
li_as_root perf record -F 999 -g -a -o "$data" -- sleep "$seconds" >/dev/null 2>&1
wait
li_as_root chmod a+r "$data"
echo "## Profile: ${names[0]} — $(date -u +%Y-%m-%d), $(nproc) cores, cache off, wrk 4 connections, ${seconds} s"
echo
echo "Samples by process:"; echo '```'
perf report -i "$data" --no-children --sort comm 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo '```'; echo "API, inclusive (children), the top managed frames:"; echo '```'
perf report -i "$data" --children --pid "$pid" --sort sym -g none 2>/dev/null | grep -E '^ +[0-9]' \
  | grep -vE 'AsyncStateMachineBox|ExecutionContext|ThreadPool|PortableThreadPool|Task`|TaskAwaiter|WorkItem|\[unknown\]' \
  | sed -E 's/\[(OptimizedTier1|Optimized|QuickJitted|InstrumentedTier|OptimizedTier1OSR|PreJIT)\]//' | cut -c1-220 | head -45
echo '```'; echo "API, exclusive (self):"; echo '```'
perf report -i "$data" --no-children --pid "$pid" --sort dso,sym -g none 2>/dev/null | grep -E '^ +[0-9]' | cut -c1-200 | head -25
echo '```'
