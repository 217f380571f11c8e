-- What a planner would script instead of the importer, after `ogr2ogr … -nln ogr_parcels`: one INSERT … SELECT from
-- ogr2ogr's staging table into land_parcels — the same constraints, indexes and history triggers the importer meets.
-- GeoJSON's camelCase enumeration names become the database's snake_case labels; ogr2ogr lowercased the field names.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('inventory.actor', 'script:ogr2ogr', true);
INSERT INTO land_parcels (code, name_zh, name_en, area_id, land_use, land_use_code, land_use_scheme, net_site_area_sqm,
  plot_ratio_max, building_density_max_pct, green_ratio_min_pct, height_limit_m, lease_term_years, starting_price,
  price_basis, deposit_wan_yuan, supply_method, status, available_from, steward_id, contact_phone, verified_on, boundary)
SELECT code, namezh, nameen, areaid,
  lower(regexp_replace(landuse, '([A-Z])', '_\1', 'g'))::land_use, landusecode,
  lower(regexp_replace(landusescheme, '([A-Z])', '_\1', 'g'))::land_use_scheme, netsiteareasqm,
  plotratiomax, buildingdensitymaxpct, greenratiominpct, heightlimitm, leasetermyears, startingprice,
  lower(regexp_replace(pricebasis, '([A-Z])', '_\1', 'g'))::price_basis, depositwanyuan,
  lower(regexp_replace(supplymethod, '([A-Z])', '_\1', 'g'))::supply_method,
  lower(regexp_replace(status, '([A-Z])', '_\1', 'g'))::parcel_status, availablefrom, stewardid, contactphone,
  verifiedon, boundary
FROM ogr_parcels;
COMMIT;
