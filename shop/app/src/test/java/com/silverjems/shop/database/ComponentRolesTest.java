package com.silverjems.shop.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.ShopMigrations;
import com.silverjems.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The components' database roles (V50) on real PostgreSQL, each logged in with the password the
 * shop's migration callback set from its secret: the hub cannot touch the shop's orders, payments,
 * carts or accounts; the monitoring role reads statistics and nothing else; the shop cannot write
 * the hub's bookkeeping or Flyway's history.
 */
class ComponentRolesTest {

  private static final String PERMISSION_DENIED = "42501";
  private static final String ORDER =
      "INSERT INTO customer_order (id, number, status, customer_email, customer_name, ship_line1,"
          + " ship_city, ship_postcode, ship_country, total_minor, currency) VALUES"
          + " (gen_random_uuid(), 'SJ-' || floor(random() * 1e9), 'placed', 'a@example.com', 'A',"
          + " '1 High St', 'Bath', 'BA1 1AA', 'GB', 100, 'GBP')";

  private static TestPostgres.Database database;
  private static DataSource shop;
  private static DataSource hub;
  private static DataSource monitoring;

  @BeforeAll
  static void migrateAsOwnerWithTheRolesPasswords() {
    database = TestPostgres.shared().newEmptyDatabase("component-roles");
    DatabaseRolePasswords passwords =
        new DatabaseRolePasswords(
            new DatabaseRoleProperties("shop-secret'1", "hub-secret\"2", "monitoring-secret;3"));
    Flyway.configure()
        .dataSource(database.dataSource())
        .locations(ShopMigrations.SCHEMA, ShopMigrations.DEMO_CATALOGUE)
        .callbacks(passwords)
        .load()
        .migrate();
    shop = as("silverjems_shop", "shop-secret'1");
    hub = as("silverjems_hub", "hub-secret\"2");
    monitoring = as("silverjems_monitoring", "monitoring-secret;3");
  }

  @Test
  void theHubCannotWriteOrReadTheShopsOrderTables() throws SQLException {
    long before = count(database.dataSource(), "SELECT count(*) FROM customer_order");
    try (Connection c = shop.getConnection();
        Statement s = c.createStatement()) {
      s.execute(ORDER); // the shop places an order (committed)
    }
    for (String sql :
        List.of(
            ORDER,
            "UPDATE customer_order SET status = 'cancelled'",
            "DELETE FROM customer_order",
            "DELETE FROM order_line",
            "UPDATE payment SET status = 'succeeded'",
            "INSERT INTO order_status_history (order_id, to_status, actor)"
                + " SELECT id, 'paid', 'hub' FROM customer_order",
            "SELECT count(*) FROM customer_order",
            "SELECT count(*) FROM account",
            "SELECT count(*) FROM cart")) {
      assertThat(state(hub, sql)).as("hub: %s", sql).isEqualTo(PERMISSION_DENIED);
    }
    assertThat(count(shop, "SELECT count(*) FROM customer_order WHERE status = 'placed'"))
        .isEqualTo(before + 1);
  }

  @Test
  void theHubDoesItsOwnWork() {
    for (String sql :
        List.of(
            "SELECT id FROM outbox_event ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED",
            "UPDATE outbox_event SET id = id WHERE false",
            "INSERT INTO email_suppression (email, reason) VALUES ('b@example.com', 'hard_bounce')",
            "DELETE FROM email_suppression WHERE email = 'b@example.com'",
            "INSERT INTO camel_messageprocessed (processorname, messageid, createdat)"
                + " VALUES ('email', 'm-1', now())",
            "SELECT id FROM product LIMIT 1")) {
      assertThat(state(hub, sql)).as("hub: %s", sql).isNull();
    }
  }

  @Test
  void theMonitoringRoleReadsStatisticsOnly() throws SQLException {
    for (String sql :
        List.of(
            "SELECT count(*) FROM pg_stat_activity WHERE query IS NOT NULL",
            "SELECT sum(xact_commit) FROM pg_stat_database",
            "SELECT count(*) FROM pg_stat_user_tables",
            "SELECT count(*) FROM pg_locks",
            "SELECT count(*) FROM pg_stat_replication",
            "SELECT pg_database_size(current_database())")) {
      assertThat(state(monitoring, sql)).as("monitoring: %s", sql).isNull();
    }
    // pg_monitor sees other sessions' statements, which plain roles see as "insufficient
    // privilege".
    assertThat(
            count(
                monitoring,
                "SELECT count(*) FROM pg_stat_activity WHERE usename <> current_user"
                    + " AND query = '<insufficient privilege>'"))
        .isZero();
    for (String sql :
        List.of(
            "SELECT count(*) FROM customer_order",
            "SELECT count(*) FROM account",
            "SELECT count(*) FROM product",
            "SELECT count(*) FROM email_send",
            "INSERT INTO email_suppression (email, reason) VALUES ('c@example.com', 'hard_bounce')",
            "UPDATE product SET name = name",
            "CREATE TABLE monitoring_scratch (id int)")) {
      assertThat(state(monitoring, sql)).as("monitoring: %s", sql).isEqualTo(PERMISSION_DENIED);
    }
  }

  @Test
  void theShopCannotWriteTheHubsBookkeepingOrTheMigrationHistory() {
    for (String sql :
        List.of(
            "INSERT INTO email_suppression (email, reason) VALUES ('d@example.com', 'hard_bounce')",
            "SELECT count(*) FROM email_send",
            "DELETE FROM camel_messageprocessed",
            "DELETE FROM flyway_schema_history",
            "DELETE FROM product_image",
            "DROP TABLE customer_order")) {
      assertThat(state(shop, sql)).as("shop: %s", sql).isEqualTo(PERMISSION_DENIED);
    }
    assertThat(state(shop, "SELECT count(*) FROM product_image_rendition")).isNull();
  }

  @Test
  void everyTableIsGrantedToTheComponentThatUsesIt() throws SQLException {
    List<String> orphans = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables t WHERE table_schema = 'public'"
                    + " AND table_name <> 'flyway_schema_history' AND NOT EXISTS (SELECT 1 FROM"
                    + " information_schema.role_table_grants g WHERE g.table_name = t.table_name"
                    + " AND g.grantee IN ('silverjems_shop', 'silverjems_hub'))")) {
      while (rows.next()) {
        orphans.add(rows.getString(1));
      }
    }
    assertThat(orphans)
        .as("tables no component role may use (grant them in their migration)")
        .isEmpty();
  }

  private static DataSource as(String user, String password) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.jdbcUrl());
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }

  /** Runs {@code sql} as a role (rolled back); null when allowed, else the SQL state. */
  private static String state(DataSource as, String sql) {
    try (Connection c = as.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        c.rollback();
        return null;
      } catch (SQLException e) {
        c.rollback();
        return e.getSQLState();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not connect as a component role: " + e, e);
    }
  }

  private static long count(DataSource as, String sql) throws SQLException {
    try (Connection c = as.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
