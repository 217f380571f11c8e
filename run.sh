#!/usr/bin/env bash
# The main job: PostGIS up, migrations applied, data/geojson loaded, the API serving on http://127.0.0.1:5080.
# ConnectionStrings__Inventory, when set, names the database to use instead of the local cluster.
set -euo pipefail
cd "$(dirname "$0")"
. docker/postgis-local.sh

li_require_dotnet
if [ -z "${ConnectionStrings__Inventory:-}" ]; then
  li_ensure_postgis
  ConnectionStrings__Inventory=$(li_ensure_cluster)
  export ConnectionStrings__Inventory
fi

command -v npm >/dev/null || li_ensure_packages nodejs npm   # the map page is built with npm (src/GisApi/Map)
li_say "building"
for project in src/GisApi src/Importer; do
  log=$(dotnet build "$project" -c Release --nologo -v quiet 2>&1) || { printf '%s\n' "$log" >&2; li_die "build of $project failed"; }
done
li_say "applying migrations and loading data/geojson"
dotnet run --project src/Importer -c Release --no-build -- data/geojson
li_say "serving on http://127.0.0.1:5080 (Ctrl+C stops)"
exec dotnet run --project src/GisApi -c Release --no-build --no-launch-profile
