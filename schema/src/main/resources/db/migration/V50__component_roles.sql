-- One database role per component, each with only the grants it needs (issue 14):
--   silverjems_shop        the shop API: the shop's own tables; reads the hub's image tables
--   silverjems_hub         integration-routes: its bookkeeping, the outbox it relays, image records
--   silverjems_monitoring  postgres_exporter and Zabbix: statistics (pg_monitor) and nothing else
-- Roles belong to the whole cluster, so they are created only where missing (tests create many
-- databases in one server). They can log in once infra has set their passwords (the shop's
-- DatabaseRolePasswords, after each migration, from each role's own secret); the migrating user
-- (RDS master, or the local run's superuser) keeps owning every table.
-- A migration that adds a table grants it to the roles that use it (ComponentRolesTest checks
-- every table is granted to someone).
DO $$
BEGIN
  BEGIN
    CREATE ROLE silverjems_shop LOGIN;
  EXCEPTION WHEN duplicate_object THEN
    NULL; -- created by another database of this server (roles are cluster-wide)
  END;
  BEGIN
    CREATE ROLE silverjems_hub LOGIN;
  EXCEPTION WHEN duplicate_object THEN
    NULL; -- created by another database of this server (roles are cluster-wide)
  END;
  BEGIN
    CREATE ROLE silverjems_monitoring LOGIN;
  EXCEPTION WHEN duplicate_object THEN
    NULL; -- created by another database of this server (roles are cluster-wide)
  END;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO silverjems_shop, silverjems_hub, silverjems_monitoring',
                 current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO silverjems_shop, silverjems_hub;

-- The shop: every table of its features (catalogue, carts, orders, payments, identity, sessions,
-- audit, the outbox it writes), none of the hub's email bookkeeping, never Flyway's history.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO silverjems_shop;
REVOKE ALL ON email_outbox_claim, email_send, email_suppression, email_dead_letter,
              camel_messageprocessed, flyway_schema_history
  FROM silverjems_shop;
-- Photos are the hub's to write; the shop shows them and the upload status.
REVOKE INSERT, UPDATE, DELETE ON image_ingestion, product_image, product_image_rendition
  FROM silverjems_shop;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO silverjems_shop;

-- The hub: relays the outbox (claims rows with FOR UPDATE SKIP LOCKED, marks them), keeps its email
-- bookkeeping and idempotent repository, records image ingestion and renditions, checks that an
-- upload's product exists. Nothing of orders, payments, carts, accounts or sessions.
GRANT SELECT, UPDATE ON outbox_event TO silverjems_hub;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON email_outbox_claim, email_send, email_suppression, email_dead_letter, camel_messageprocessed,
     image_ingestion, product_image, product_image_rendition
  TO silverjems_hub;
GRANT SELECT ON product TO silverjems_hub;
DO $$
DECLARE
  seq text;
BEGIN
  FOR seq IN
    SELECT pg_get_serial_sequence(t.table_name, c.column_name)
    FROM information_schema.tables t
    JOIN information_schema.columns c USING (table_schema, table_name)
    WHERE t.table_schema = 'public'
      AND t.table_name IN ('email_outbox_claim', 'email_send', 'email_suppression',
                           'email_dead_letter', 'camel_messageprocessed', 'image_ingestion',
                           'product_image', 'product_image_rendition')
      AND pg_get_serial_sequence(t.table_name, c.column_name) IS NOT NULL
  LOOP
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO silverjems_hub', seq);
  END LOOP;
END
$$;

-- Monitoring: the statistics views (pg_stat_*, pg_stat_statements, replication, locks) through
-- pg_monitor; no grant on any table, so no row of the shop's data is readable.
GRANT pg_monitor TO silverjems_monitoring;
