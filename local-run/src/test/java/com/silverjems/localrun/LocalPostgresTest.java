package com.silverjems.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.testsupport.ShopMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class LocalPostgresTest {

  @TempDir Path temp;

  @Test
  void dataSurvivesARestartOnTheSameFolder() throws SQLException {
    Path dataDirectory = temp.resolve("postgres");
    try (LocalPostgres first = LocalPostgres.start(dataDirectory)) {
      ShopMigrations.apply(first.dataSource(), true);
      new JdbcTemplate(first.dataSource())
          .update("UPDATE product_variant SET stock = 42 WHERE sku = 'EAR-DRP-OS'");
    }
    try (LocalPostgres second = LocalPostgres.start(dataDirectory)) {
      assertThat(
              new JdbcTemplate(second.dataSource())
                  .queryForList(
                      "SELECT stock::text FROM product_variant WHERE sku = 'EAR-DRP-OS'",
                      String.class))
          .containsExactly("42");
    }
  }

  @Test
  void anUnusableDataFolderFailsWithOneLineSayingWhatToDo() throws Exception {
    // Root can write anywhere, so make the folder impossible instead: its parent is a file.
    Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
    Path dataDirectory = file.resolve("postgres");

    assertThatThrownBy(() -> LocalPostgres.start(dataDirectory))
        .isInstanceOf(LocalRunProblem.class)
        .hasMessageStartingWith("Data folder " + dataDirectory + " is not writable")
        .hasMessageContaining("SILVERJEMS_DATA_DIR=")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
