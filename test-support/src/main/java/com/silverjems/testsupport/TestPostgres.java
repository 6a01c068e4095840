package com.silverjems.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server for integration tests, started once per JVM and shared by every test
 * class. Each caller gets its own database ({@link #newDatabase(String)}) with the shop's Flyway
 * migrations applied, so tests never see each other's rows.
 *
 * <p>Where a Docker engine answers, the server runs in Testcontainers ({@code postgres:17}); where
 * none does (these build machines), it runs from the embedded PostgreSQL 17 binaries. The same
 * migrations run either way. Force a choice with {@code
 * -Dsilverjems.test.postgres=docker|embedded}.
 */
public final class TestPostgres {

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
  private static final AtomicInteger databaseCounter = new AtomicInteger();
  private static TestPostgres shared;

  private final Server server;

  private TestPostgres(Server server) {
    this.server = server;
  }

  /** The JVM-wide server, started on first use and stopped when the JVM exits. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = new TestPostgres(startServer());
      Runtime.getRuntime().addShutdownHook(new Thread(shared.server::close, "test-postgres-stop"));
    }
    return shared;
  }

  /** Which engine backs this server: {@code "docker"} or {@code "embedded"}. */
  public String engine() {
    return server.engine();
  }

  /**
   * Creates an empty database named after {@code purpose}, applies the shop's schema migrations and
   * returns it. Demo data is not loaded; use {@link #newDatabase(String, boolean)} for that.
   */
  public Database newDatabase(String purpose) {
    return newDatabase(purpose, false);
  }

  /** Like {@link #newDatabase(String)}, optionally with the demo catalogue the local run shows. */
  public Database newDatabase(String purpose, boolean withDemoCatalogue) {
    Database database = newEmptyDatabase(purpose);
    ShopMigrations.apply(database.dataSource(), withDemoCatalogue);
    return database;
  }

  /** An empty database with no migrations applied, for tests of the migrations themselves. */
  public Database newEmptyDatabase(String purpose) {
    String name =
        purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
            + "_"
            + databaseCounter.incrementAndGet();
    try (Connection connection = server.adminDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return new Database(server.jdbcUrl(name), server.username(), server.password());
  }

  private static Server startServer() {
    String choice = System.getProperty("silverjems.test.postgres", "auto");
    boolean docker =
        switch (choice) {
          case "docker" -> true;
          case "embedded" -> false;
          default -> dockerEngineAnswers();
        };
    Server server = docker ? new ContainerServer() : new EmbeddedServer();
    log.info("Test PostgreSQL running ({}) at {}", server.engine(), server.jdbcUrl("postgres"));
    return server;
  }

  private static boolean dockerEngineAnswers() {
    // Probing costs seconds when no socket exists at all, so look for one first.
    boolean socket =
        Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
    try {
      return socket && DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A database of the shared server. */
  public record Database(String jdbcUrl, String username, String password) {

    /** A non-pooled data source: fine for tests and migrations. */
    public DataSource dataSource() {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(jdbcUrl);
      dataSource.setUser(username);
      dataSource.setPassword(password);
      return dataSource;
    }

    /** Spring Boot properties that point an application at this database. */
    public Map<String, String> springProperties() {
      return Map.of(
          "spring.datasource.url", jdbcUrl,
          "spring.datasource.username", username,
          "spring.datasource.password", password);
    }
  }

  private interface Server extends AutoCloseable {
    String engine();

    String jdbcUrl(String database);

    String username();

    String password();

    DataSource adminDataSource();

    @Override
    void close();
  }

  private static final class EmbeddedServer implements Server {
    private final EmbeddedPostgres postgres;

    EmbeddedServer() {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
    }

    @Override
    public String engine() {
      return "embedded";
    }

    @Override
    public String jdbcUrl(String database) {
      return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public String username() {
      return "postgres";
    }

    @Override
    public String password() {
      return "postgres";
    }

    @Override
    public DataSource adminDataSource() {
      return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
      try {
        postgres.close();
      } catch (IOException e) {
        log.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }

  private static final class ContainerServer implements Server {
    private final PostgreSQLContainer<?> container;

    @SuppressWarnings("resource") // closed by the shutdown hook
    ContainerServer() {
      container = new PostgreSQLContainer<>("postgres:17-alpine");
      container.start();
    }

    @Override
    public String engine() {
      return "docker";
    }

    @Override
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://"
          + container.getHost()
          + ":"
          + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
          + "/"
          + database;
    }

    @Override
    public String username() {
      return container.getUsername();
    }

    @Override
    public String password() {
      return container.getPassword();
    }

    @Override
    public DataSource adminDataSource() {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(jdbcUrl("postgres"));
      dataSource.setUser(username());
      dataSource.setPassword(password());
      return dataSource;
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
