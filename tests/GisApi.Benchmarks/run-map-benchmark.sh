#!/usr/bin/env bash
# First meaningful paint of the investor map — navigation to MapLibre's first idle with all layers drawn — in Debian's
# headless Chromium (software WebGL) against the API on the zone's inventory (data/geojson): the first load after the
# service starts, then 20 in fresh pages. Appended to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-map-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

li_ensure_postgis
li_ensure_packages chromium fonts-noto-cjk
cs=$(li_ensure_cluster)
db=li_map_bench
map_cs="${cs/Database=landinventory/Database=$db}"
li_say "building (Release) and loading data/geojson into $db"
dotnet build src/GisApi -c Release --nologo -v quiet >/dev/null
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/GisApi.Tests -c Release --nologo -v quiet >/dev/null   # installs playwright-core
li_psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER landinventory"
li_psql -d "$db" -c "CREATE EXTENSION postgis"
dotnet src/Importer/bin/Release/net10.0/LandInventory.Importer.dll data/geojson --connection "$map_cs" >/dev/null

ConnectionStrings__Inventory=$map_cs Urls=http://127.0.0.1:5094 Logging__LogLevel__Default=Warning \
  dotnet src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll >/tmp/landinventory-map-bench.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf http://127.0.0.1:5094/health >/dev/null && break; sleep 0.5; done

result=$(cd tests/GisApi.Tests/Browser && node map.e2e.mjs firstpaint http://127.0.0.1:5094 /tmp)
read -r cold median p95 max < <(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(*(round(r[k]) for k in ("cold","median","p95","max")))' "$result")
cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## Investor map, first meaningful paint — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; $(/usr/bin/chromium --version 2>/dev/null | head -1), headless, WebGL"
  echo "in software (SwiftShader); API and PostgreSQL on the same machine; the zone's inventory (data/geojson). From navigation"
  echo "to MapLibre's first \`idle\` with areas, 21 parcels, 20 carriers and 14 buildings drawn and the list filled. Target: 1.5 s."
  echo "Rerun: \`tests/GisApi.Benchmarks/run-map-benchmark.sh\`."
  echo
  echo "| first load after the service started | 20 more, median | p95 | max |"
  echo "| --- | --- | --- | --- |"
  echo "| $cold ms | $median ms | $p95 ms | $max ms |"
} | tee -a docs/benchmarks.md
