package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's hub: a paid order becomes a readable email in the data folder and on the mail
 * page, and the stand-in's delivery events come back through ElasticMQ, signed and verified.
 */
class LocalRunIT {

  @TempDir Path data;

  @Test
  void aPaidOrderBecomesAReadableEmailAndItsDeliveryComesBack() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_local_run");
    OutboxFixtures outbox = new OutboxFixtures(database.dataSource());
    try (TestIntegrationRoutesApplication.LocalHub hub =
        TestIntegrationRoutesApplication.start(
            database.jdbcUrl(),
            data,
            0,
            0,
            0,
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password())) {
      UUID paid = outbox.orderPaid("ada@example.com");
      UUID bounced = outbox.orderPaid("bounce@simulator.amazonses.com");

      Path mail = data.resolve("mail");
      // The stand-in writes the .eml first, then its .html: wait for both.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> files(mail, ".eml").size() == 2 && files(mail, ".html").size() == 2);
      String eml = Files.readString(files(mail, ".eml").get(0));
      assertThat(eml).contains("Subject: Thank you for your order SJ-2026-000123");
      assertThat(Files.readString(files(mail, ".html").get(0)))
          .contains("Total paid")
          .contains("Silver Jems");

      String page = get(hub.emulators().mailPage());
      assertThat(page)
          .contains("Thank you for your order SJ-2026-000123")
          .contains("ada@example.com");

      await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(status(outbox, paid)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "hard_bounced".equals(status(outbox, bounced)));
      assertThat(
              outbox
                  .jdbc()
                  .sql(
                      "SELECT reason FROM email_suppression WHERE email = 'bounce@simulator.amazonses.com'")
                  .query(String.class)
                  .single())
          .isEqualTo("hard_bounce");
    }
  }

  private static String status(OutboxFixtures outbox, UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT status FROM email_send WHERE outbox_event_id = :id")
        .param("id", id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static List<Path> files(Path folder, String suffix) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
