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

. tests/GisApi.Benchmarks/cost-questions.sh

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
