#!/usr/bin/env bash
# Our importer against ogr2ogr (Debian's gdal-bin), side by side, into the same PostGIS on this machine:
# wall time, features/s and peak memory for generated parcels files, written to docs/benchmarks.md.
#   tests/Importer.Benchmarks/run-benchmark.sh [COUNT ...]      (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100000 1000000)
. tests/Importer.Benchmarks/bench-common.sh
bench_database "$importer"

rows=()
for n in "${counts[@]}"; do
  file=$(bench_parcels "$n")
  size=$(du -m "$file" | cut -f1)

  li_psql -d "$bench_db" -c "TRUNCATE land_parcels" -c "DROP TABLE IF EXISTS ogr_parcels"
  li_say "$n parcels: ogr2ogr"
  read -r ogr_s ogr_mb < <(measure ogr2ogr -f PostgreSQL "$pg" "$file" -nln ogr_parcels -nlt MULTIPOLYGON \
    -lco GEOMETRY_NAME=boundary -lco SPATIAL_INDEX=GIST)
  li_say "$n parcels: LandInventory importer (validation on)"
  read -r our_s our_mb < <(measure dotnet "$importer" "$file" --layer parcels --connection "$bench_cs")
  bench_loaded "$n"
  rows+=("$(awk -v n="$n" -v size="$size" -v os="$ogr_s" -v om="$ogr_mb" -v us="$our_s" -v um="$our_mb" 'BEGIN {
    printf "| %d (%d MB) | %.1f s · %.0f/s · %d MB | %.1f s · %.0f/s · %d MB | %.2f× |", n, size, os, n/os, om, us, n/us, um, os/us }')")
done

{
  echo
  echo "## Importer vs ogr2ogr — $(date -u +%Y-%m-%d)"
  echo
  bench_machine
  echo "PostgreSQL $(li_psql -d postgres -Atc 'SHOW server_version' | cut -d' ' -f1), PostGIS $(li_psql -d "$bench_db" -Atc 'SELECT postgis_lib_version()')."
  echo "Files from tests/Importer.Benchmarks (\`generate N\`), loaded into an empty \`land_parcels\` (ours: every check, one"
  echo "transaction, into the constrained and indexed table) and into a new table \`ogr_parcels\` (ogr2ogr: COPY, GiST index"
  echo "built after the load, no checks). Rerun: \`tests/Importer.Benchmarks/run-benchmark.sh [N ...]\`."
  echo
  echo "| parcels (file) | ogr2ogr: wall · features/s · peak RSS | importer: wall · features/s · peak RSS | importer throughput ÷ ogr2ogr |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
