# Shared by the importer benchmarks (sourced, from the repository's root): an emptied database li_bench on the local
# cluster with the schema, stewards and areas parcels need; the Release importer and generator; measure().
#   . tests/Importer.Benchmarks/bench-common.sh        sets bench_db, bench_cs, pg, importer, generator, work, PGPASSWORD
. docker/postgis-local.sh
li_ensure_postgis
li_ensure_packages gdal-bin time
cs=$(li_ensure_cluster)
pw=$(sed -E 's/.*Password=([^;]*).*/\1/' <<<"$cs")
bench_db=li_bench
bench_cs="${cs/Database=landinventory/Database=$bench_db}"
pg="PG:host=127.0.0.1 port=$LI_PORT dbname=$bench_db user=landinventory password=$pw"
export PGPASSWORD=$pw
work=${LANDINVENTORY_BENCH_DIR:-/tmp/landinventory-bench}
mkdir -p "$work"

li_say "building (Release)"
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
generator=tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll

# bench_database IMPORTER: the database made anew, with what the parcels need (schema, stewards, areas) by that importer
bench_database() {
  li_psql -d postgres -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" -c "CREATE DATABASE $bench_db OWNER landinventory"
  li_psql -d "$bench_db" -c "CREATE EXTENSION postgis"
  dotnet "$1" data/geojson/areas.geojson --connection "$bench_cs" >/dev/null
}

# bench_parcels N: the generated parcels file of N parcels (made once, kept in $work)
bench_parcels() {
  local file="$work/parcels-$1.geojson"
  [ -s "$file" ] || dotnet "$generator" generate "$1" "$file" data/geojson/areas.geojson >&2
  echo "$file"
}

# bench_loaded N: dies unless land_parcels holds N rows
bench_loaded() {
  local loaded; loaded=$(psql -h 127.0.0.1 -p "$LI_PORT" -U landinventory -d "$bench_db" -Atc "SELECT count(*) FROM land_parcels")
  [ "$loaded" = "$1" ] || li_die "the importer loaded $loaded of $1 parcels"
}

# measure NAME COMMAND...: runs it under /usr/bin/time, prints "seconds peak-MB"
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$work/$1.out" 2>&1 || { cat "$work/$1.out" >&2; li_die "$* failed"; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; w=s}
              /Maximum resident set size/ {r=$2/1024} END {printf "%s %.0f\n", w, r}' "$log"
}

# bench_machine: the line docs/benchmarks.md records the machine by
bench_machine() {
  echo "Machine: $(nproc) cores ($(lscpu | awk -F': *' '/Model name/ {print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(ogr2ogr --version | cut -d, -f1), .NET $(dotnet --version)."
}
