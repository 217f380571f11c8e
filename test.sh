#!/usr/bin/env bash
# The whole test suite, against a real PostGIS. The tests find one themselves (tests/PostGis.Testing): the server in
# LANDINVENTORY_TEST_POSTGRES, else a Docker engine, else a throwaway cluster from the Debian packages, which this
# script installs when they are missing, with the real OGC API clients some tests drive (GDAL, OWSLib, QGIS's own
# provider, headless), Chromium and Node.js (the map page is built with npm and tested in headless Chromium driven by
# playwright-core; Redocly's OpenAPI linter comes from npm too).
set -euo pipefail
cd "$(dirname "$0")"
. docker/postgis-local.sh

li_require_dotnet
if [ -z "${LANDINVENTORY_TEST_POSTGRES:-}" ]; then
  li_ensure_postgis
fi
li_ensure_packages gdal-bin python3-owslib python3-qgis chromium fonts-noto-cjk curl   # GDAL, OWSLib, QGIS: real OGC clients; Chromium (+ CJK fonts): the map's browser tests; curl: the README's own commands
li_ensure_packages fonts-wqy-zenhei poppler-utils zbar-tools   # the server's brochures and map images (CJK font), read back by pdftotext and zbarimg
li_ensure_packages nginx   # two API instances behind one port (Operations/MultiInstanceTests)
command -v npm >/dev/null || li_ensure_packages nodejs npm   # the map page and its tests' driver come from npm

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet build LandInventory.sln -c Release --nologo -v quiet || li_die "the build failed: see above"
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
done

# One closing line for every runner: the totals of all test projects, read from their TRX reports.
totals=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/"/, "", kv[2]); n[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped", n["passed"], n["failed"] + n["error"] + n["timeout"] + n["aborted"], n["notExecuted"] }')
if [ -z "$totals" ] || [ "${totals%% *}" = 0 ]; then
  echo "tests: 0 passed, 1 failed (no test ran: see the build output above)"
  exit 1
fi
echo "tests: $totals"
exit "$status"
