package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.routes.emulators.SesStub.SentMail;
import com.silverjems.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The relay end to end: real PostgreSQL with the shop's migrations, SES stubbed by WireMock. */
// The emulators stop after the class; so must the context that polls them.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "routes.groups=email")
class OutboxRelayIT {

  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("email_relay");
  static final SesStub ses = SesStub.startRecording();
  static final OutboxFixtures outbox = new OutboxFixtures(database.dataSource());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws java.sql.SQLException {
    EmailTestProperties.relay(database, ses).forEach((k, v) -> registry.add(k, () -> v));
    // The relay connects as the hub's own role (migration V50), as in production: its grants are
    // enough for everything it does (claim, send, record, dead-letter).
    try (var c = database.dataSource().getConnection();
        var s = c.createStatement()) {
      s.execute("ALTER ROLE silverjems_hub PASSWORD 'hub-test-password'");
    }
    registry.add("spring.datasource.username", () -> "silverjems_hub");
    registry.add("spring.datasource.password", () -> "hub-test-password");
  }

  @Autowired MeterRegistry meters;
  @Autowired CamelContext camel;
  @LocalServerPort int port;

  @AfterEach
  void resetSes() {
    ses.reset();
  }

  @AfterAll
  static void stopSes() {
    ses.close();
  }

  @Test
  void sendsEachEmailOnceAsTextAndHtmlAndRecordsSesMessageId() throws Exception {
    String to = "ada+" + UUID.randomUUID() + "@example.com";
    // Read before the first insert: the relay may send order-paid before the next line runs.
    double sentBefore = count("order-paid", "sent");
    UUID paid = outbox.orderPaid(to);
    UUID shipped = outbox.orderShipped(to);
    UUID reset = outbox.passwordReset(to);
    UUID verify = outbox.emailVerification(to);
    UUID placed = outbox.orderPlaced(to);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> allProcessed(paid, shipped, reset, verify, placed));

    Map<String, List<SentMail>> mails = mailsTo(to);
    assertThat(mails.keySet())
        .containsExactlyInAnyOrder(
            paid.toString(), shipped.toString(), reset.toString(), verify.toString());
    assertThat(mails.values()).allSatisfy(list -> assertThat(list).hasSize(1));

    SentMail confirmation = mails.get(paid.toString()).get(0);
    assertThat(confirmation.message().getSubject())
        .isEqualTo("Thank you for your order SJ-2026-000123");
    assertThat(((InternetAddress) confirmation.message().getFrom()[0]).getAddress())
        .isEqualTo("orders@silverjems.example");
    Multipart parts = (Multipart) confirmation.message().getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Total paid: £125.00");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("Silver Jems")
        .contains("£90.00");

    assertThat(
            outbox
                .jdbc()
                .sql(
                    "SELECT count(*) FROM email_send WHERE recipient = :to AND status = 'sent' AND ses_message_id LIKE '010201%'")
                .param("to", to)
                .query(Long.class)
                .single())
        .isEqualTo(4);
    // Admins (and the release's smoke checks) see what left for an address, with SES's id.
    String sends =
        get("/api/admin/email/sends?recipient="
                + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8))
            .body();
    assertThat(sends)
        .contains(paid.toString(), shipped.toString(), reset.toString(), verify.toString())
        .contains("\"eventType\":\"order-paid\"", "\"status\":\"sent\"", "010201")
        .doesNotContain(placed.toString());
    assertThat(get("/api/admin/email/sends?recipient=nobody@example.com").body()).isEqualTo("[]");
    // The meter counts after the row is written: wait for it rather than race it.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(count("order-paid", "sent")).isEqualTo(sentBefore + 1));
  }

  @Test
  void theEmailGroupAloneRegistersEveryEmailMeterAtStart() {
    // CONTRIBUTING.md's email metrics, delivery events included: this context runs the relay only.
    for (String name :
        List.of(
            "silverjems.email",
            "silverjems.email.send",
            "silverjems.outbox.pending.events",
            "silverjems.email.dead.letters",
            "silverjems.email.delivery.events")) {
      assertThat(meters.find(name).meters()).as(name).isNotEmpty();
    }
    assertThat(meters.find("silverjems.email.delivery.events").counters())
        .extracting(counter -> counter.getId().getTag("type"))
        .contains("delivery", "bounce", "complaint");
  }

  @Test
  void paymentWithAnInvalidPayloadIsDeadLetteredWithoutSending() {
    String to = "bad+" + UUID.randomUUID() + "@example.com";
    UUID id =
        outbox.insert(
            "order",
            "order-paid",
            OutboxFixtures.orderPaidPayload(UUID.randomUUID(), to, "Ada")
                .replace("\"paymentReference\":\"pi_3Nq2\"", "\"paymentReference\":42"));

    await().atMost(Duration.ofSeconds(20)).until(() -> outbox.processed(id));

    assertThat(deadLetterReason(id))
        .contains("order-paid v1 payload breaks its schema")
        .contains("paymentReference");
    assertThat(mailsTo(to)).isEmpty();
  }

  @Test
  void suppressedAddressIsNotMailed() {
    String to = "gone+" + UUID.randomUUID() + "@example.com";
    outbox
        .jdbc()
        .sql("INSERT INTO email_suppression (email, reason) VALUES (:e, 'hard_bounce')")
        .param("e", to)
        .update();
    double before = count("password-reset-requested", "suppressed");

    UUID id = outbox.passwordReset(to);
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox.processed(id));

    assertThat(mailsTo(to)).isEmpty();
    assertThat(sendStatus(id)).isEqualTo("suppressed");
    assertThat(count("password-reset-requested", "suppressed")).isEqualTo(before + 1);
  }

  @Test
  void throttlingSlowsTheRelayDownAndTheEmailStillGoesOnce() {
    String to = "busy+" + UUID.randomUUID() + "@example.com";
    double throttledBefore = count("order-shipped", "throttled");
    ses.throttleNext(3);

    UUID id = outbox.orderShipped(to);
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox.processed(id));

    assertThat(mailsTo(to).get(id.toString())).hasSize(1);
    assertThat(count("order-shipped", "throttled")).isEqualTo(throttledBefore + 3);
    // Throttling is not the email's fault: no try was used up, nothing was dead-lettered.
    assertThat(claimAttempts(id)).isEqualTo(1);
    assertThat(deadLetterCount(id)).isZero();
  }

  @Test
  void transientFailuresAreRetriedWithBackoffThenDeadLetteredAndAnAdminCanRedrive()
      throws Exception {
    String to = "later+" + UUID.randomUUID() + "@example.com";
    double retriedBefore = count("order-paid", "retried");
    double deadBefore = count("order-paid", "dead_lettered");
    ses.failEverySend();

    UUID id = outbox.orderPaid(to);
    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterCount(id) == 1);

    assertThat(deadLetterReason(id))
        .contains("gave up after 3 attempts")
        .contains("ServiceUnavailable");
    assertThat(count("order-paid", "retried")).isEqualTo(retriedBefore + 2);
    assertThat(count("order-paid", "dead_lettered")).isEqualTo(deadBefore + 1);
    assertThat(outbox.processed(id)).isTrue();

    ses.reset();
    long deadLetterId = deadLetterId(id);
    HttpResponse<String> listed = get("/api/admin/email/dead-letters");
    assertThat(listed.body()).contains(id.toString()).contains("ServiceUnavailable");

    assertThat(post("/api/admin/email/dead-letters/" + deadLetterId + "/redrive").statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).containsKey(id.toString()));
    assertThat(mailsTo(to).get(id.toString())).hasSize(1);

    HttpResponse<String> again = post("/api/admin/email/dead-letters/" + deadLetterId + "/redrive");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
    assertThat(post("/api/admin/email/dead-letters/999999/redrive").statusCode()).isEqualTo(404);
  }

  @Test
  void addressSesRefusesIsDeadLetteredAtOnce() {
    String to = "refused+" + UUID.randomUUID() + "@example.com";
    ses.rejectRecipient(to);

    UUID id = outbox.emailVerification(to);
    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterCount(id) == 1);

    assertThat(deadLetterReason(id)).contains("MessageRejected");
    assertThat(claimAttempts(id)).isEqualTo(1);
  }

  @Test
  void adminsSeeAndLiftSuppressions() throws Exception {
    String address = "lift+" + UUID.randomUUID() + "@example.com";
    outbox
        .jdbc()
        .sql(
            "INSERT INTO email_suppression (email, reason, detail) VALUES (:e, 'complaint', 'abuse')")
        .param("e", address)
        .update();

    assertThat(get("/api/admin/email/suppressions?limit=200").body())
        .contains(address)
        .contains("complaint");
    assertThat(delete("/api/admin/email/suppressions/" + address).statusCode()).isEqualTo(204);
    assertThat(delete("/api/admin/email/suppressions/" + address).statusCode()).isEqualTo(404);
    assertThat(get("/api/admin/email/suppressions?limit=200").body()).doesNotContain(address);
  }

  @Test
  void readinessFollowsTheHealthOfTheRoutes() throws Exception {
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    camel.getRouteController().stopRoute(OutboxRelayRoutes.RELAY_ROUTE);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get("/actuator/health/readiness").statusCode() == 503);
    } finally {
      camel.getRouteController().startRoute(OutboxRelayRoutes.RELAY_ROUTE);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get("/actuator/health/readiness").statusCode() == 200);
  }

  private double count(String type, String outcome) {
    return meters
        .get(EmailMetrics.EMAILS)
        .tag("event_type", type)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private static boolean allProcessed(UUID... ids) {
    for (UUID id : ids) {
      if (!outbox.processed(id)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<SentMail>> mailsTo(String to) {
    return ses.accepted().stream()
        .filter(mail -> to.equals(mail.destination()))
        .collect(java.util.stream.Collectors.groupingBy(SentMail::outboxId));
  }

  private static String deadLetterReason(UUID id) {
    return outbox
        .jdbc()
        .sql(
            "SELECT reason FROM email_dead_letter WHERE outbox_event_id = :id ORDER BY id DESC LIMIT 1")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static long deadLetterId(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT id FROM email_dead_letter WHERE outbox_event_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private static long deadLetterCount(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT count(*) FROM email_dead_letter WHERE outbox_event_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private static int claimAttempts(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT attempts FROM email_outbox_claim WHERE outbox_event_id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  private static String sendStatus(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT status FROM email_send WHERE outbox_event_id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return new SignedAdminCalls(port).send("GET", path);
  }

  private HttpResponse<String> post(String path) throws Exception {
    return new SignedAdminCalls(port).send("POST", path);
  }

  private HttpResponse<String> delete(String path) throws Exception {
    return new SignedAdminCalls(port).send("DELETE", path);
  }
}
