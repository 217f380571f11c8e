#!/usr/bin/env bash
# The main job: PostGIS up, migrations applied, data/geojson loaded, the API serving on http://127.0.0.1:5080.
# ./run.sh token --role planner|admin [--steward <bureau>] [--name <who>] prints a development token instead.
# ./run.sh import <file or folder> [importer options] imports into the same database (--connection still overrides).
# ConnectionStrings__Inventory, when set, names the database to use instead of the local cluster.
set -euo pipefail
cd "$(dirname "$0")"
. docker/postgis-local.sh

li_require_dotnet
# The key that signs planners' tokens: made on first use and kept beside the database password, never in the repository.
if [ -z "${Auth__SigningKey:-}" ]; then
  keyfile="$LI_STATE_DIR/signing-key"
  [ -s "$keyfile" ] || { mkdir -p "$LI_STATE_DIR" && (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$keyfile"); }
  Auth__SigningKey=$(cat "$keyfile")
  export Auth__SigningKey
fi

# ./run.sh token --role planner --steward lqy-planning-resources --name alice: a development token for that key.
if [ "${1:-}" = token ]; then
  shift
  exec dotnet run --project src/DevToken -c Release -v quiet -- "$@"
fi

# The importer migrates and loads as the database's owner; the API runs as landinventory_api, which may change rows
# and nothing else (docs/security.md). A ConnectionStrings__Inventory of your own is used for both.
api_connection=${ConnectionStrings__Inventory:-}
if [ -z "${ConnectionStrings__Inventory:-}" ]; then
  li_ensure_postgis
  ConnectionStrings__Inventory=$(li_ensure_cluster)
  export ConnectionStrings__Inventory
  api_connection=$(li_api_connection)
fi

# ./run.sh import survey.geojson --layer parcels --crs EPSG:4544 --dry-run: the importer, on the database above.
if [ "${1:-}" = import ]; then
  shift
  log=$(dotnet build src/Importer -c Release --nologo -v quiet 2>&1) || { printf '%s\n' "$log" >&2; li_die "build of src/Importer failed"; }
  exec dotnet run --project src/Importer -c Release --no-build -- "$@"
fi

# A person at a terminal reads ASP.NET Core's plain console lines; anywhere else (a service manager, a container) the
# log stays one JSON object per line. Logging__Console__FormatterName chooses either way.
if [ -t 1 ] && [ -z "${Logging__Console__FormatterName:-}" ]; then
  export Logging__Console__FormatterName=simple
fi

command -v npm >/dev/null || li_ensure_packages nodejs npm   # the map page is built with npm (src/GisApi/Map)
li_ensure_packages fonts-wqy-zenhei libfontconfig1   # the sites' brochures and map images are drawn with a CJK font (Sites/SiteMap)
li_ensure_packages gdal-bin   # downloads (GeoPackage, FlatGeobuf, Shapefile, CSV, XLSX, KML) are written by GDAL's ogr2ogr (Downloads/)
li_say "building"
for project in src/GisApi src/Importer; do
  log=$(dotnet build "$project" -c Release --nologo -v quiet 2>&1) || { printf '%s\n' "$log" >&2; li_die "build of $project failed"; }
done
li_say "applying migrations and loading data/geojson"
dotnet run --project src/Importer -c Release --no-build -- data/geojson
li_say "serving on http://127.0.0.1:5080 (Ctrl+C stops)"
ConnectionStrings__Inventory=$api_connection exec dotnet run --project src/GisApi -c Release --no-build --no-launch-profile
