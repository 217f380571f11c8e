-- Where the importer's merge goes (run-pipeline-benchmark.sh): on the parcels just loaded, inside a transaction that is
-- rolled back, the same rows inserted again into the emptied table as the bulk path meets it (secondary indexes and
-- foreign keys dropped), once with the history trigger and once without it. psql prints each step's time.
\set ON_ERROR_STOP on
\set cols 'code, name_zh, name_en, address_zh, address_en, steward_id, contact_name, contact_phone, verified_on, area_id, land_use, land_use_code, land_use_scheme, net_site_area_sqm, plot_ratio_max, plot_ratio_min, building_density_max_pct, green_ratio_min_pct, height_limit_m, lease_term_years, starting_price, price_basis, deposit_wan_yuan, supply_method, status, available_from, boundary'
BEGIN;
SELECT set_config('inventory.actor', 'bench:history-share', true);
CREATE TEMP TABLE again ON COMMIT DROP AS SELECT :cols FROM land_parcels;
TRUNCATE land_parcels;
DO $$ DECLARE d record; BEGIN
  FOR d IN SELECT indexrelid::regclass AS name FROM pg_index WHERE indrelid = 'land_parcels'::regclass AND NOT indisprimary AND NOT indisunique
  LOOP EXECUTE format('DROP INDEX %s', d.name); END LOOP;
  FOR d IN SELECT conname FROM pg_constraint WHERE conrelid = 'land_parcels'::regclass AND contype = 'f'
  LOOP EXECUTE format('ALTER TABLE land_parcels DROP CONSTRAINT %I', d.conname); END LOOP;
END $$;
SAVEPOINT before;
\timing on
\echo with-history
INSERT INTO land_parcels (:cols) SELECT :cols FROM again;
\timing off
ROLLBACK TO before;
ALTER TABLE land_parcels DISABLE TRIGGER land_parcels_history_insert;
\timing on
\echo without-history
INSERT INTO land_parcels (:cols) SELECT :cols FROM again;
\timing off
ROLLBACK;
