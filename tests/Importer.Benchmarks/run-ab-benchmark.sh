#!/usr/bin/env bash
# This tree's importer against an earlier commit's, on the same generated parcels file into the same emptied table,
# alternating (earlier, this, earlier, this): wall time and CPU (user + system) of each run, the faster of each pair
# reported, appended to docs/benchmarks.md. Validation on, as always.
#   tests/Importer.Benchmarks/run-ab-benchmark.sh REV [COUNT]      (default COUNT 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

rev=${1:?usage: run-ab-benchmark.sh REV [COUNT]}
n=${2:-100000}
li_ensure_postgis
li_ensure_packages time
cs=$(li_ensure_cluster)
pw=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$cs")
bench_db=li_bench
export PGPASSWORD=$pw
bench_cs="${cs/Database=landinventory/Database=$bench_db}"
work=${LANDINVENTORY_BENCH_DIR:-/tmp/landinventory-bench}
old=$work/ab-importer-$(git rev-parse --short "$rev")
mkdir -p "$work"

li_say "building this tree and $rev (Release)"
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
rm -rf "$old"
git worktree prune
git worktree add --detach "$old" "$rev" >/dev/null
dotnet build "$old/src/Importer" -c Release --nologo -v quiet >/dev/null
new_importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
old_importer=$old/src/Importer/bin/Release/net10.0/LandInventory.Importer.dll

file="$work/parcels-$n.geojson"
[ -s "$file" ] || dotnet tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll generate "$n" "$file" data/geojson/areas.geojson
li_psql -d postgres -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db OWNER landinventory"
li_psql -d "$bench_db" -c "CREATE EXTENSION postgis"
dotnet "$new_importer" data/geojson/areas.geojson --connection "$bench_cs" >/dev/null   # schema, stewards, areas

# run IMPORTER -> "wall-seconds cpu-seconds", into an emptied table
run() {
  li_psql -d "$bench_db" -c "TRUNCATE land_parcels, feature_history, layer_changes" >/dev/null
  /usr/bin/time -f '%e %U %S' -o "$work/ab-time" dotnet "$1" "$file" --layer parcels --connection "$bench_cs" >/dev/null
  local loaded; loaded=$(psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -Atc "SELECT count(*) FROM land_parcels")
  [ "$loaded" = "$n" ] || li_die "$1 loaded $loaded of $n parcels"
  awk '{printf "%.1f %.1f", $1, $2 + $3}' "$work/ab-time"
}
best() { printf '%s\n%s\n' "$1" "$2" | sort -n | head -1; }
li_say "$n parcels: $rev, this tree, $rev, this tree"
a1=$(run "$old_importer"); b1=$(run "$new_importer"); a2=$(run "$old_importer"); b2=$(run "$new_importer")
was=$(best "$a1" "$a2"); now=$(best "$b1" "$b2")

cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
short=$(git rev-parse --short "$rev")
{
  echo
  echo "## Importer, this tree against $short — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1), .NET $(dotnet --version)."
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
