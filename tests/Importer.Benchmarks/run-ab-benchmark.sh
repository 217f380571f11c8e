#!/usr/bin/env bash
# This tree's importer against an earlier commit's, on the same generated parcels file into the same emptied table,
# alternating (earlier, this, earlier, this): wall time and CPU (user + system) of each run, the faster of each pair
# reported, appended to docs/benchmarks.md. Validation on, as always.
#   tests/Importer.Benchmarks/run-ab-benchmark.sh REV [COUNT]      (default COUNT 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=${1:?usage: run-ab-benchmark.sh REV [COUNT]}
n=${2:-100000}
. tests/Importer.Benchmarks/bench-common.sh
old=$work/ab-importer-$(git rev-parse --short "$rev")

li_say "building $rev (Release)"
rm -rf "$old"
git worktree prune
git worktree add --detach "$old" "$rev" >/dev/null
dotnet build "$old/src/Importer" -c Release --nologo -v quiet >/dev/null
new_importer=$importer
old_importer=$old/src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
file=$(bench_parcels "$n")
bench_database "$new_importer"

# run IMPORTER -> "wall-seconds cpu-seconds", into an emptied table
run() {
  li_psql -d "$bench_db" -c "TRUNCATE land_parcels, feature_history, layer_changes" >/dev/null
  /usr/bin/time -f '%e %U %S' -o "$work/ab-time" dotnet "$1" "$file" --layer parcels --connection "$bench_cs" >/dev/null
  bench_loaded "$n"
  awk '{printf "%.1f %.1f", $1, $2 + $3}' "$work/ab-time"
}
best() { printf '%s\n%s\n' "$1" "$2" | sort -n | head -1; }
li_say "$n parcels: $rev, this tree, $rev, this tree"
a1=$(run "$old_importer"); b1=$(run "$new_importer"); a2=$(run "$old_importer"); b2=$(run "$new_importer")
was=$(best "$a1" "$a2"); now=$(best "$b1" "$b2")

short=$(git rev-parse --short "$rev")
{
  echo
  echo "## Importer, this tree against $short — $(date -u +%Y-%m-%d)"
  echo
  bench_machine
  echo "PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1)."
  echo "$n generated parcels ($(du -m "$file" | cut -f1) MB) into an emptied \`land_parcels\`, every check on, alternating $short and this tree"
  echo "($(git rev-parse --short HEAD)) twice; the faster run of each. CPU: the importer's user + system time (PostgreSQL's is not in it)."
  echo "Rerun: \`tests/Importer.Benchmarks/run-ab-benchmark.sh $short [COUNT]\`."
  echo
  echo "| importer | wall | CPU | features/s |"
  echo "| --- | --- | --- | --- |"
  awk -v n="$n" -v r="$short" -v w="$was" -v t="$now" 'BEGIN {
    split(w, a, " "); split(t, b, " ")
    printf "| %s | %.1f s | %.1f s | %.0f |\n| this tree | %.1f s | %.1f s | %.0f |\n", r, a[1], a[2], n / a[1], b[1], b[2], n / b[1] }'
} >>docs/benchmarks.md
git worktree remove --force "$old"
li_say "appended to docs/benchmarks.md"
