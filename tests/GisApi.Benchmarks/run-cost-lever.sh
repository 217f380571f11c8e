#!/usr/bin/env bash
# One lever of issue 19, measured side by side: two APIs on the same database, cache off, one with the settings A and
# one with B (environment "Key__Sub=value …"), each question's CPU per request (API and PostgreSQL, from /proc, as
# run-cost-benchmark.sh counts it) under wrk at 4 connections, A then B then A then B, the lower of each pair kept.
# A given as rev=COMMIT runs that commit's API (its own settings) against this tree's with B: a change of code, not of
# settings. Prints a table (append it to docs/benchmarks.md with the lever's name); COST_ONLY picks questions by name.
#   tests/GisApi.Benchmarks/run-cost-lever.sh "A settings" "B settings" [SECONDS, default 10]
#   tests/GisApi.Benchmarks/run-cost-lever.sh rev=HEAD~1 "" [SECONDS]
#   e.g. COST_ONLY='item|select' tests/GisApi.Benchmarks/run-cost-lever.sh "Database__MaxAutoPrepare=0" "Database__MaxAutoPrepare=100"
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh
a_env=${1?settings A}; b_env=${2?settings B}; seconds=${3:-10}; a_said=$a_env
. tests/GisApi.Benchmarks/bench-common.sh
bench_prepare_database
a_dll=""
if [[ "$a_env" == rev=* ]]; then
  rev=${a_env#rev=}; old=$work/lever-api-$(git rev-parse --short "$rev")
  bench_build_rev "$rev" "$old"
  a_dll=$old/src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll a_env=""
fi
BENCH_DLL=$a_dll BENCH_ENV=$a_env bench_start_api 5096 lever-a
a_pid=$pid a=$base
BENCH_ENV=$b_env bench_start_api 5097 lever-b
trap 'kill $a_pid $pid 2>/dev/null || true' EXIT
b_pid=$pid b=$base
. tests/GisApi.Benchmarks/cost-questions.sh

li_say "warming up both services"
bench_warm_up "$a" "${paths[@]}"
bench_warm_up "$b" "${paths[@]}"
# measure PID BASE PATH -> "api pg" (ms CPU per request), after as long unmeasured
measure() {
  wrk -t2 -c4 -d"${seconds}s" "$2$3" >/dev/null 2>&1 || true
  bench_cost "$1" -- -t2 -c4 -d"${seconds}s" "$2$3" | awk '{print $2, $3}'
}
lower() { printf '%s\n%s\n' "$1" "$2" | awk '{print $1 + $2, $0}' | sort -n | head -1 | cut -d' ' -f2-; }
rows=()
for i in "${!names[@]}"; do
  li_say "measuring: ${names[$i]}"
  a1=$(measure "$a_pid" "$a" "${paths[$i]}"); b1=$(measure "$b_pid" "$b" "${paths[$i]}")
  a2=$(measure "$a_pid" "$a" "${paths[$i]}"); b2=$(measure "$b_pid" "$b" "${paths[$i]}")
  read -r aa ap <<<"$(lower "$a1" "$a2")"; read -r ba bp <<<"$(lower "$b1" "$b2")"
  read -r _ alone < <(bench_sql_cost "${sqls[$i]}")
  rows+=("$(awk -v n="${names[$i]}" -v aa="$aa" -v ap="$ap" -v ba="$ba" -v bp="$bp" -v s="$alone" \
    'BEGIN {printf "| %s | %.2f + %.2f | %.2f + %.2f | %.2f | %.1f | %.1f | %.2f× |", n, aa, ap, ba, bp, s, (aa + ap) / s, (ba + bp) / s, (aa + ap) / (ba + bp)}')")
done

echo
echo "Lever, $(date -u +%Y-%m-%d): A = \`${a_said}\`, B = \`${b_env}\`; $(nproc) cores, 100 000 generated parcels, cache off,"
echo "wrk 4 connections ${seconds} s (after as long unmeasured), A B A B, the lower of each pair. Rerun:"
echo "\`tests/GisApi.Benchmarks/run-cost-lever.sh \"${a_said}\" \"${b_env}\" ${seconds}\`."
echo
echo "| question | A: API + PostgreSQL ms / req | B: API + PostgreSQL ms / req | PostgreSQL alone ms / query | A multiplier | B multiplier | A ÷ B |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
[ -z "$a_dll" ] || git worktree remove --force "$old"
