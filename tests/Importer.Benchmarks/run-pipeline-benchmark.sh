#!/usr/bin/env bash
# The importer against what a planner would script instead (issue 19): ogr2ogr into a staging table, then one
# INSERT … SELECT into land_parcels (ogr-insert.sql) — the same constraints, indexes and history — side by side, on the
# same generated file, each into an emptied land_parcels; bare ogr2ogr is the first step's time. Alternates the two
# pipelines ROUNDS times and keeps the faster run of each; written to docs/benchmarks.md.
#   tests/Importer.Benchmarks/run-pipeline-benchmark.sh [COUNT] [ROUNDS]      (default: 100000 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
rounds=${2:-2}
. tests/Importer.Benchmarks/bench-common.sh
bench_database "$importer"
file=$(bench_parcels "$n")
size=$(du -m "$file" | cut -f1)
sql() { psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -X -q -v ON_ERROR_STOP=1 "$@"; }
emptied() { sql -c "TRUNCATE land_parcels" -c "DELETE FROM feature_history WHERE layer = 'land_parcels'" -c "DROP TABLE IF EXISTS ogr_parcels"; }
# keep min|max A B: the smaller (times: the faster round) or larger (peak memory over every round) figure; "" is none yet
keep() { awk -v op="$1" -v a="$2" -v b="$3" 'BEGIN { print (a == "" || (op == "min" ? b + 0 < a + 0 : b + 0 > a + 0)) ? b : a }'; }

ogr= ins= ogr_mb= ours= ours_mb=
for r in $(seq "$rounds"); do
  emptied
  li_say "round $r: ogr2ogr into a staging table"
  read -r s mb < <(measure ogr2ogr -f PostgreSQL "$pg" "$file" -nln ogr_parcels -nlt MULTIPOLYGON \
    -lco GEOMETRY_NAME=boundary -lco SPATIAL_INDEX=NONE)
  ogr=$(keep min "$ogr" "$s"); ogr_mb=$(keep max "$ogr_mb" "$mb")
  li_say "round $r: INSERT … SELECT into land_parcels"
  # measure runs a program, not the sql function above: psql is spelled out
  read -r s _ < <(measure psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -X -q \
    -f tests/Importer.Benchmarks/ogr-insert.sql)
  ins=$(keep min "$ins" "$s")
  bench_loaded "$n"
  emptied
  li_say "round $r: LandInventory importer (every check)"
  read -r s mb < <(measure dotnet "$importer" "$file" --layer parcels --connection "$bench_cs")
  ours=$(keep min "$ours" "$s"); ours_mb=$(keep max "$ours_mb" "$mb")
  bench_loaded "$n"
done

# Where the importer's time goes: one more run with every statement's duration in the server's log, read back by phase
# (the rest of the wall time is the process's start and its own work between statements); then the merge's history
# share (history-share.sql). Not a timed round: logging every statement costs a little.
li_say "profile: the importer once more, its statements' durations from the server log"
log=/var/log/postgresql/postgresql-$PG_MAJOR-$LI_CLUSTER.log
emptied
li_psql -c "ALTER DATABASE $bench_db SET log_min_duration_statement = 0"
from=$(($(stat -c %s "$log") + 1))
read -r wall _ < <(measure dotnet "$importer" "$file" --layer parcels --connection "$bench_cs")
li_psql -c "ALTER DATABASE $bench_db RESET log_min_duration_statement"
profile=$(tail -c +"$from" "$log" | awk -v wall="$wall" '
  match($0, /duration: [0-9.]+ ms  (statement|parse [^:]*|bind [^:]*|execute [^:]*): /) {
    ms = $0; sub(/.*duration: /, "", ms); sub(/ ms.*/, "", ms); text = substr($0, RSTART + RLENGTH)
    phase = text ~ /^COPY/ ? "stage: read, map, check fields, binary COPY" \
          : text ~ /^SELECT s\.feature_index/ ? "checks in the database" \
          : text ~ /^(DROP INDEX|ALTER TABLE .* DROP CONSTRAINT)/ ? "indexes and keys dropped" \
          : text ~ /^INSERT INTO land_parcels/ ? "merge: insert, CHECKs, generated columns, triggers" \
          : text ~ /^(CREATE INDEX|ALTER TABLE .* ADD CONSTRAINT)/ ? "indexes and keys rebuilt" \
          : text ~ /^COMMIT/ ? "commit" : "other statements"
    t[phase] += ms / 1000; total += ms / 1000 }
  END { for (p in t) printf "| %s | %.1f s |\n", p, t[p]
        printf "| start-up and the process between statements | %.1f s |\n", wall - total }' | sort)
share=$(sql -f tests/Importer.Benchmarks/history-share.sql | awk '
  /^with-history/ { k = "with" } /^without-history/ { k = "without" }
  /^Time: / { s[k] = $2 / 1000 } END { printf "%.1f %.1f", s["with"], s["without"] }')
read -r with_h without_h <<<"$share"

{
  echo
  echo "## Importer vs the ogr2ogr + INSERT pipeline — $(date -u +%Y-%m-%d)"
  echo
  bench_machine
  echo "$n generated parcels ($size MB of GeoJSON), each run into an emptied \`land_parcels\` with its constraints, indexes"
  echo "and history triggers; the pipeline is \`ogr2ogr\` into a staging table (no index) then one \`INSERT … SELECT\`"
  echo "(tests/Importer.Benchmarks/ogr-insert.sql); the importer runs every check. Faster of $rounds alternating rounds."
  echo "Rerun: \`tests/Importer.Benchmarks/run-pipeline-benchmark.sh [COUNT] [ROUNDS]\`."
  echo
  echo "| bare ogr2ogr | INSERT … SELECT | pipeline | importer (peak RSS) | importer throughput ÷ pipeline |"
  echo "| --- | --- | --- | --- | --- |"
  awk -v o="$ogr" -v i="$ins" -v u="$ours" -v um="$ours_mb" -v om="$ogr_mb" 'BEGIN {
    printf "| %.1f s (%d MB) | %.1f s | %.1f s | %.1f s (%d MB) | %.2f× |\n", o, om, i, o + i, u, um, (o + i) / u }'
  echo
  echo "Where the importer's time goes (one more run, $wall s, each statement's duration from the server log):"
  echo
  echo "| phase | time |"
  echo "| --- | --- |"
  echo "$profile"
  echo
  echo "Of the merge, the history trigger's share (tests/Importer.Benchmarks/history-share.sql, the same rows into the"
  echo "emptied table without its secondary indexes): with history $with_h s, without $without_h s."
} | tee -a docs/benchmarks.md
