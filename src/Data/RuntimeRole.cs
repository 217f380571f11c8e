namespace LandInventory.Data;

/// <summary>
/// The role the API runs as (least privilege): it reads and writes the inventory's rows — and so, through the triggers,
/// its history and versions — and nothing else: the history only grows (no update or delete of it), it owns no table,
/// so it cannot drop one, alter one, empty one or disable its triggers, and it is no superuser, so no
/// <c>COPY … PROGRAM</c>. The tables' owner migrates and bulk-loads. The
/// group role is made by whoever sets the cluster up (docker/postgis-local.sh, the compose file's first start, the
/// tests), or here when the migrating role may create roles; login roles of the API are made its members.
/// </summary>
public static class RuntimeRole
{
    public const string Name = "inventory_runtime";

    /// <summary>
    /// The grants, for every table and sequence there is and (default privileges) every one the owner makes later. Run by
    /// the migration and again by every command-line import after migrating: a role made after the first migration
    /// receives them then. Idempotent.
    /// </summary>
    public const string GrantSql = """
        DO $grant$
        BEGIN
          -- Only the database's owner (or a superuser) grants: another connection has nothing to give.
          IF NOT pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE') THEN
            RETURN;
          END IF;
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inventory_runtime') THEN
            BEGIN
              CREATE ROLE inventory_runtime NOLOGIN;
            EXCEPTION
              WHEN duplicate_object THEN NULL; -- another database's migration made it meanwhile
              WHEN insufficient_privilege THEN
                RAISE NOTICE 'no role inventory_runtime, and this role may not create one: the API cannot run as a least-privileged role until it exists (docs/security.md)';
                RETURN;
            END;
          END IF;
          EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO inventory_runtime', current_database());
          GRANT USAGE ON SCHEMA public TO inventory_runtime;
          GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO inventory_runtime;
          GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO inventory_runtime;
          -- The record of changes only grows (the triggers append to it as the writer); the schema's is the owner's.
          REVOKE UPDATE, DELETE ON feature_history, layer_changes FROM inventory_runtime;
          REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM inventory_runtime;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO inventory_runtime;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO inventory_runtime;
        END
        $grant$;
        """;

    public const string RevokeSql = """
        DO $revoke$
        BEGIN
          IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'inventory_runtime') THEN
            ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM inventory_runtime;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM inventory_runtime;
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM inventory_runtime;
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM inventory_runtime;
            REVOKE ALL ON SCHEMA public FROM inventory_runtime;
            EXECUTE format('REVOKE ALL ON DATABASE %I FROM inventory_runtime', current_database());
          END IF;
        END
        $revoke$;
        """;
}
