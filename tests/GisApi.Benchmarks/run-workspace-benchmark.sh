#!/usr/bin/env bash
# The workspace's review of a large upload: 10 000 parcels already in the inventory, then a file of the same 10 000
# codes with every boundary and figure different, dry-run in the workspace (Debian's headless Chromium, software WebGL).
# Measured in the page: from the poll that finds the job done (the report's download and parsing included) to the review
# on screen (summary, first page of the changes table) and to the map's first idle with every old and new boundary drawn; and the longest task that
# blocked the page meanwhile. Three runs; appended to docs/benchmarks.md.
#   tests/GisApi.Benchmarks/run-workspace-benchmark.sh [count]
set -euo pipefail
cd "$(dirname "$0")/../.."
. docker/postgis-local.sh

count=${1:-10000}
li_ensure_postgis
li_ensure_packages chromium fonts-noto-cjk
cs=$(li_ensure_cluster)
db=li_workspace_bench
bench_cs="${cs/Database=landinventory/Database=$db}"
li_say "building (Release) and loading data/geojson and $count generated parcels into $db"
dotnet build src/GisApi -c Release --nologo -v quiet >/dev/null
dotnet build src/Importer -c Release --nologo -v quiet >/dev/null
dotnet build tests/Importer.Benchmarks -c Release --nologo -v quiet >/dev/null
dotnet build tests/GisApi.Tests -c Release --nologo -v quiet >/dev/null   # installs playwright-core
li_psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER landinventory"
li_psql -d "$db" -c "CREATE EXTENSION postgis"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
importer=src/Importer/bin/Release/net10.0/LandInventory.Importer.dll
generator=tests/Importer.Benchmarks/bin/Release/net10.0/LandInventory.Importer.Benchmarks.dll
dotnet "$importer" data/geojson --connection "$bench_cs" >/dev/null
dotnet "$generator" generate "$count" "$work/first.geojson" >/dev/null
dotnet "$importer" "$work/first.geojson" --layer parcels --connection "$bench_cs" >/dev/null
# The same codes, another seed: every parcel changed, boundary included — the largest diff such a file can have.
dotnet "$generator" generate "$count" "$work/parcels-changed.geojson" data/geojson/areas.geojson - 1 >/dev/null
size=$(du -m "$work/parcels-changed.geojson" | cut -f1)

password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
ConnectionStrings__Inventory=$bench_cs Urls=http://127.0.0.1:5095 Logging__LogLevel__Default=Warning \
  Accounts__InitialAdminPassword=$password RateLimit__Enabled=false \
  dotnet src/GisApi/bin/Release/net10.0/LandInventory.GisApi.dll >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf http://127.0.0.1:5095/health >/dev/null && break; sleep 0.5; done

rows=()
for run in 1 2 3; do
  result=$(cd tests/GisApi.Tests/Browser && node workspace.e2e.mjs benchreview http://127.0.0.1:5095 "$work" admin "$password" "$work/parcels-changed.geojson")
  rows+=("$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("| %s | %d | %d | %d ms | %d ms | %d ms |" % (sys.argv[2], r["changes"], r["rows"], round(r["shownMs"]), round(r["mapIdleMs"]), round(r["longestTaskMs"])))' "$result" "$run")")
done
cpu=$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')
{
  echo
  echo "## Workspace: reviewing a $count-feature upload — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; $(/usr/bin/chromium --version 2>/dev/null | head -1), headless,"
  echo "WebGL in software (SwiftShader); API and PostgreSQL on the same machine. $count generated parcels in the inventory, then a"
  echo "file of the same codes ($size MB) in which every boundary and figure differs, dry-run from the workspace's upload page."
  echo "Times from the poll that finds the job done (the report's download and parsing included; the page polls every 0.4 s)"
  echo "to the review on screen (summary and the first page of 100 changes) and to the map's first idle with all old and new"
  echo "boundaries; the longest task that blocked the page meanwhile."
  echo "Target: on screen within 3 s. Rerun: \`tests/GisApi.Benchmarks/run-workspace-benchmark.sh\`."
  echo
  echo "| run | changes in the report | table rows drawn | review on screen | map idle | longest blocking task |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee -a docs/benchmarks.md
