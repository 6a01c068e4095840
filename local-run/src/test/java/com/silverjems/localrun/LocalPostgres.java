package com.silverjems.localrun;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The developer's PostgreSQL for the local run: real PostgreSQL binaries (no Docker, nothing
 * installed), data kept in a folder across restarts.
 */
public final class LocalPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, creating it on first use and reusing it after.
   *
   * @throws LocalRunProblem with a one-line, actionable message when the folder cannot be used
   */
  public static LocalPostgres start(Path dataDirectory) {
    ensureWritable(dataDirectory);
    try {
      return new LocalPostgres(
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start());
    } catch (IOException | RuntimeException e) {
      throw new LocalRunProblem(
          "PostgreSQL could not start on data folder "
              + dataDirectory
              + " ("
              + rootCause(e)
              + "): stop any other local run using it, or delete the folder to start afresh.");
    }
  }

  static void ensureWritable(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      Path probe = Files.createTempFile(dataDirectory, ".write-check", "");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new LocalRunProblem(
          "Data folder "
              + dataDirectory
              + " is not writable ("
              + rootCause(e)
              + "): fix its permissions or choose another folder, e.g. SILVERJEMS_DATA_DIR=/tmp/silverjems.");
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      // Shutting down anyway; PostgreSQL recovers its folder on the next start.
    }
  }
}
