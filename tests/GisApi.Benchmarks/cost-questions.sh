# The questions the cost benchmarks ask (sourced after bench_prepare_database): names, API paths, and the SQL that
# builds the same answer in PostgreSQL alone. COST_ONLY (a pattern) keeps the questions whose name matches it.
bbox=104.27,30.585,104.2804,30.594
code=$(psql_bench -c "SELECT code FROM land_parcels ORDER BY md5(code) LIMIT 1")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
point="geography'SRID=4326;POINT(104.27 30.59)'"
square="geography'SRID=4326;POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))'"
light="\$select=code,nameEn,status,siteAreaMu"
odata_sql() { echo "SELECT json_agg(t)::text FROM (SELECT $1 FROM land_parcels WHERE $2 ORDER BY code LIMIT 100) t;"; }
names=() paths=() sqls=()
add() { [[ -z "${COST_ONLY:-}" || "$1" =~ $COST_ONLY ]] || return 0; names+=("$1"); paths+=("$2"); sqls+=("$3"); }
add "OGC bbox ($(psql_bench -c "SELECT count(*) FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326))") parcels)" \
  "/ogc/collections/parcels/items?bbox=$bbox&limit=1000" \
  "$(geojson_sql "SELECT * FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope($bbox, 4326)) ORDER BY code LIMIT 1000")"
add "OGC item by code" "/ogc/collections/parcels/items/$code" "$(geojson_sql "SELECT * FROM land_parcels WHERE code = '$code'")"
add "OGC first page of 1000" "/ogc/collections/parcels/items?limit=1000" "$(geojson_sql "SELECT * FROM land_parcels ORDER BY code LIMIT 1000")"
add "z14 tile 12937/6728" "/tiles/parcels/14/12937/6728.mvt" \
  "SELECT ST_AsMVT(t, 'parcels', 4096, 'geom') FROM (SELECT ST_AsMVTGeom(ST_Transform(boundary, 3857), ST_TileEnvelope(14, 12937, 6728), 4096, 64, true) AS geom, code FROM land_parcels WHERE boundary && ST_Transform(ST_TileEnvelope(14, 12937, 6728, margin => 64.0 / 4096), 4326)) t WHERE geom IS NOT NULL;"
add "OData status, \$top=100, \$select" "/odata/Parcels?\$filter=$(enc "status eq 'available'")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "status = 'available'")"
add "OData status, \$top=100, whole entities" "/odata/Parcels?\$filter=$(enc "status eq 'available'")&\$top=100" \
  "$(odata_sql "*" "status = 'available'")"
add "OData geo.distance lt 3000, \$select" "/odata/Parcels?\$filter=$(enc "geo.distance(boundary, $point) lt 3000")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "within_metres(boundary, ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326), 2999.9999999999995)")"
add "OData geo.intersects ~1 km², \$select" "/odata/Parcels?\$filter=$(enc "geo.intersects(boundary, $square)")&\$top=100&$light" \
  "$(odata_sql "code, name_en, status, site_area_mu" "ST_Intersects(boundary, ST_GeomFromText('POLYGON((104.27 30.585,104.2804 30.585,104.2804 30.594,104.27 30.594,104.27 30.585))', 4326))")"

