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
 * page, and the stand-in's delivery events come back through ElasticMQ, signed and verified; a
 * cancellation and a refund are listed there too.
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

  @Test
  void aCancellationAndARefundAreListedOnTheMailPage() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_local_run_orders");
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
      // The relay checks each payload against its schema before rendering: a fixture that did
      // not follow order-cancelled.v1 / order-refunded.v1 would never reach the page.
      UUID cancelled = outbox.orderCancelled("grace@example.com");
      UUID refunded = outbox.orderRefunded("mary@example.com");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "delivered".equals(status(outbox, cancelled)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "delivered".equals(status(outbox, refunded)));
      String page = get(hub.emulators().mailPage());
      assertThat(page)
          .contains("Your order SJ-2026-000104 has been cancelled")
          .contains("grace@example.com")
          .contains("Your refund for order SJ-2026-000105")
          .contains("mary@example.com");
      Path mail = data.resolve("mail");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> files(mail, ".eml").size() == 2 && files(mail, ".html").size() == 2);
      assertThat(files(mail, ".eml").stream().map(LocalRunIT::read))
          .anySatisfy(
              eml ->
                  assertThat(eml).contains("Subject: Your order SJ-2026-000104 has been cancelled"))
          .anySatisfy(
              eml -> assertThat(eml).contains("Subject: Your refund for order SJ-2026-000105"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
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
