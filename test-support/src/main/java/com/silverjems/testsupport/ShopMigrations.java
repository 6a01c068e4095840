package com.silverjems.testsupport;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The shop's Flyway configuration, in one place for tests and the local run. */
public final class ShopMigrations {

  /** Schema migrations: everything production runs. */
  public static final String SCHEMA = "classpath:db/migration";

  /** The demo catalogue: only the local run and tests load it, never production. */
  public static final String DEMO_CATALOGUE = "classpath:db/demo";

  private ShopMigrations() {}

  /** Applies the schema migrations, and the demo catalogue when asked, to {@code dataSource}. */
  public static void apply(DataSource dataSource, boolean withDemoCatalogue) {
    String[] locations =
        withDemoCatalogue ? new String[] {SCHEMA, DEMO_CATALOGUE} : new String[] {SCHEMA};
    Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
  }
}
