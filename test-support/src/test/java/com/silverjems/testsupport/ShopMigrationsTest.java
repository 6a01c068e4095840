package com.silverjems.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ShopMigrationsTest {

  private final TestPostgres postgres = TestPostgres.shared();

  @Test
  void migrationsApplyOnAnEmptyDatabaseAndSeedTheDemoCatalogue() throws SQLException {
    TestPostgres.Database database = postgres.newEmptyDatabase("migrations");
    DataSource dataSource = database.dataSource();
    assertThat(tables(dataSource)).isEmpty();

    ShopMigrations.apply(dataSource, true);

    assertThat(tables(dataSource))
        .contains("category", "product", "product_variant", "outbox_event");
    assertThat(strings(dataSource, "SELECT slug FROM category ORDER BY position"))
        .containsExactly("rings", "necklaces", "earrings");
    assertThat(
            strings(
                dataSource, "SELECT DISTINCT v.metal || ' ' || v.purity FROM product_variant v"))
        .containsExactly("silver 925");
    assertThat(
            strings(
                dataSource,
                "SELECT v.size FROM product_variant v JOIN product p ON p.id = v.product_id"
                    + " WHERE p.slug = 'hammered-band-ring' ORDER BY v.size"))
        .containsExactly("J", "L", "N", "P");
    assertThat(strings(dataSource, "SELECT count(*) FROM product_variant WHERE stock > 0"))
        .singleElement()
        .satisfies(count -> assertThat(Integer.parseInt(count)).isGreaterThan(10));
  }

  @Test
  void reapplyingKeepsStockTheDeveloperChanged() throws SQLException {
    DataSource dataSource = postgres.newDatabase("reapply", true).dataSource();
    execute(dataSource, "UPDATE product_variant SET stock = 0 WHERE sku = 'RNG-HAM-J'");

    ShopMigrations.apply(dataSource, true);

    assertThat(strings(dataSource, "SELECT stock FROM product_variant WHERE sku = 'RNG-HAM-J'"))
        .containsExactly("0");
  }

  @Test
  void schemaOnlyDatabaseHasNoDemoRows() throws SQLException {
    DataSource dataSource = postgres.newDatabase("schema-only").dataSource();
    assertThat(strings(dataSource, "SELECT count(*) FROM product")).containsExactly("0");
  }

  @Test
  void theDatabaseRefusesNegativeStock() throws SQLException {
    DataSource dataSource = postgres.newDatabase("stock-check", true).dataSource();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                execute(
                    dataSource, "UPDATE product_variant SET stock = -1 WHERE sku = 'RNG-MOO-M'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("product_variant_stock_check");
  }

  static List<String> tables(DataSource dataSource) throws SQLException {
    return strings(
        dataSource,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            + " AND table_name <> 'flyway_schema_history'");
  }

  static List<String> strings(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
