package com.silverjems.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.InProcessSqs;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.routes.emulators.SesEvents;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.routes.emulators.SnsSigner;
import com.silverjems.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SES -> SNS -> SQS delivery events end to end: ElasticMQ in process, SNS envelopes signed with a
 * test certificate the verifier is told to trust, the relay sending through the WireMock SES stub
 * so that events refer to real sends.
 */
// The emulators stop after the class; so must the context that polls them.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "routes.groups=email,delivery-events")
@AutoConfigureObservability
class DeliveryEventsIT {

  static final String QUEUE = "ses-events";
  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("email_delivery");
  static final SesStub ses = SesStub.startRecording();
  static final InProcessSqs sqs = InProcessSqs.start();
  static final String queueUrl = sqs.createQueue(QUEUE, 1);
  static final SnsSigner sns = SnsSigner.create();
  static final OutboxFixtures outbox = new OutboxFixtures(database.dataSource());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmailTestProperties.relay(database, ses).forEach((k, v) -> registry.add(k, () -> v));
    EmailTestProperties.delivery(sqs, QUEUE).forEach((k, v) -> registry.add(k, () -> v));
  }

  @TestConfiguration
  static class TrustTheTestSigner {
    @Bean
    SigningCertificateSource testSigningCertificates() {
      return sns.trustedSource();
    }
  }

  @Autowired MeterRegistry meters;
  @Autowired CamelContext camel;
  @LocalServerPort int port;

  @AfterAll
  static void stop() {
    sqs.close();
    ses.close();
  }

  @Test
  void hardBounceSuppressesTheAddressAndLaterEmailsAreNotSent() {
    String to = "bounce+" + UUID.randomUUID() + "@example.com";
    String messageId = sentMessageId(outbox.orderPaid(to));
    double before = deliveryEvents("bounce");

    publish(SesEvents.bounce(messageId, to, "Permanent"));

    await().atMost(Duration.ofSeconds(20)).until(() -> suppressionReason(to) != null);
    assertThat(suppressionReason(to)).isEqualTo("hard_bounce");
    assertThat(status(messageId)).isEqualTo("hard_bounced");
    assertThat(deliveryEvents("bounce")).isEqualTo(before + 1);

    UUID next = outbox.orderShipped(to);
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox.processed(next));
    assertThat(sendStatus(next)).isEqualTo("suppressed");
    await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesIn(queueUrl) == 0);
  }

  @Test
  void complaintSuppressesTheAddress() {
    String to = "angry+" + UUID.randomUUID() + "@example.com";
    String messageId = sentMessageId(outbox.passwordReset(to));

    publish(SesEvents.complaint(messageId, to));

    await().atMost(Duration.ofSeconds(20)).until(() -> suppressionReason(to) != null);
    assertThat(suppressionReason(to)).isEqualTo("complaint");
    assertThat(status(messageId)).isEqualTo("complained");
  }

  @Test
  void deliveryAndDelayAreRecordedOnTheSend() {
    String to = "happy+" + UUID.randomUUID() + "@example.com";
    String messageId = sentMessageId(outbox.emailVerification(to));

    publish(SesEvents.deliveryDelay(messageId, to));
    await().atMost(Duration.ofSeconds(20)).until(() -> "delayed".equals(status(messageId)));
    publish(SesEvents.delivery(messageId, to));
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(messageId)));
    assertThat(suppressionReason(to)).isNull();
  }

  @Test
  void softBounceResendsWithBackoffThenDeadLettersWhenResendsRunOut() {
    String to = "full+" + UUID.randomUUID() + "@example.com";
    UUID id = outbox.orderPaid(to);
    String first = sentMessageId(id);
    double retried = emails("order-paid", "retried");
    double deadLettered = emails("order-paid", "dead_lettered");

    publish(SesEvents.bounce(first, to, "Transient"));
    await().atMost(Duration.ofSeconds(20)).until(() -> sends(id).size() == 2);
    assertThat(emails("order-paid", "retried")).isEqualTo(retried + 1);
    assertThat(status(first)).isEqualTo("soft_bounced");
    assertThat(suppressionReason(to)).isNull();

    String second = sends(id).get(1);
    publish(SesEvents.bounce(second, to, "Transient"));
    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterReason(id) != null);
    assertThat(deadLetterReason(id)).startsWith("soft-bounced 2 times");
    assertThat(emails("order-paid", "dead_lettered")).isEqualTo(deadLettered + 1);
    assertThat(sends(id)).hasSize(2);
  }

  @Test
  void aRedeliveredNotificationIsAppliedOnce() {
    String to = "twice+" + UUID.randomUUID() + "@example.com";
    UUID id = outbox.orderShipped(to);
    String messageId = sentMessageId(id);
    String envelope =
        sns.notification(
            EmailTestProperties.TOPIC_ARN, SesEvents.bounce(messageId, to, "Transient"));

    sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(envelope));
    sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(envelope));

    await().atMost(Duration.ofSeconds(20)).until(() -> sqs.messagesIn(queueUrl) == 0);
    await().atMost(Duration.ofSeconds(20)).until(() -> sends(id).size() == 2);
    // One resend, not two: the second copy of the SNS message was recognised and dropped.
    assertThat(generation(id)).isEqualTo(1);
  }

  @Test
  void forgedAndMalformedNotificationsAreRejectedWithoutTouchingData() {
    String victim = "victim+" + UUID.randomUUID() + "@example.com";
    String messageId = sentMessageId(outbox.orderPaid(victim));
    String before = dataSnapshot();
    double forged = deliveryEvents("rejected_forged");
    double malformed = deliveryEvents("rejected_malformed");

    SnsSigner attacker = SnsSigner.create();
    String hardBounce = SesEvents.bounce(messageId, victim, "Permanent");
    send(attacker.notification(EmailTestProperties.TOPIC_ARN, hardBounce));
    send(
        sns.notification(EmailTestProperties.TOPIC_ARN, hardBounce)
            .replace("sns.eu-west-1.amazonaws.com", "sns.eu-west-1.amazonaws.com.evil.example"));
    send(sns.notification("arn:aws:sns:eu-west-1:999999999999:someone-elses-topic", hardBounce));
    send(
        sns.notification(EmailTestProperties.TOPIC_ARN, hardBounce)
            .replace(victim, "other@example.com"));
    send("this is not an SNS message");
    send(sns.notification(EmailTestProperties.TOPIC_ARN, "{\"eventType\":\"Bounce\",\"mail\":{}}"));

    await().atMost(Duration.ofSeconds(20)).until(() -> sqs.messagesIn(queueUrl) == 0);
    assertThat(deliveryEvents("rejected_forged")).isEqualTo(forged + 4);
    assertThat(deliveryEvents("rejected_malformed")).isEqualTo(malformed + 2);
    assertThat(dataSnapshot()).isEqualTo(before);
    assertThat(suppressionReason(victim)).isNull();
  }

  @Test
  void aNotificationThatFailsToApplyStaysQueuedUntilItIsHandled() throws Exception {
    String to = "retry+" + UUID.randomUUID() + "@example.com";
    String messageId = sentMessageId(outbox.orderPaid(to));
    AtomicInteger tries = new AtomicInteger();
    AdviceWith.adviceWith(
        camel,
        DeliveryEventRoutes.APPLY_ROUTE,
        route ->
            route
                .weaveById(DeliveryEventRoutes.APPLY_STEP)
                .before()
                .process(
                    exchange -> {
                      String body = exchange.getProperty(DeliveryEventSteps.EVENT).toString();
                      if (body.contains(messageId) && tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("database went away");
                      }
                    }));

    publish(SesEvents.delivery(messageId, to));

    await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(status(messageId)));
    assertThat(tries.get()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesIn(queueUrl) == 0);
  }

  @Test
  void anEventThatOutrunsItsSendRecordWaitsInTheQueueUntilTheRecordExists() {
    String to = "quick+" + UUID.randomUUID() + "@example.com";
    UUID id = outbox.orderPaid(to);
    String messageId = sentMessageId(id);
    String early = "early-" + UUID.randomUUID();
    UUID other = outbox.passwordReset("other+" + UUID.randomUUID() + "@example.com");
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox.processed(other));

    publish(SesEvents.taggedWithOutboxEvent(SesEvents.delivery(early, to), other));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> sqs.messagesIn(queueUrl) == 1);

    outbox
        .jdbc()
        .sql("UPDATE email_send SET ses_message_id = :early WHERE outbox_event_id = :id")
        .param("early", early)
        .param("id", other)
        .update();
    await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(early)));
    await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesIn(queueUrl) == 0);
    assertThat(status(messageId)).isEqualTo("sent");
  }

  @Test
  void exportsEveryContractMetricFromTheStart() throws Exception {
    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(scrape)
        .contains("silverjems_email_total{")
        .contains("event_type=\"email-verification-requested\"")
        .contains("outcome=\"dead_lettered\"")
        .contains("outcome=\"throttled\"")
        .contains("silverjems_email_send_seconds_bucket{")
        .contains("silverjems_email_delivery_events_total{")
        .contains("type=\"rejected_malformed\"")
        .contains("type=\"delay\"")
        .contains("silverjems_email_dead_letters{")
        .contains("silverjems_outbox_pending_events{")
        .contains("application=\"integration-routes\"")
        .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"email-delivery-events\"");
  }

  private String sentMessageId(UUID outboxId) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !sends(outboxId).isEmpty());
    return sends(outboxId).get(0);
  }

  private static List<String> sends(UUID outboxId) {
    return outbox
        .jdbc()
        .sql(
            "SELECT ses_message_id FROM email_send WHERE outbox_event_id = :id AND ses_message_id IS NOT NULL ORDER BY generation")
        .param("id", outboxId)
        .query(String.class)
        .list();
  }

  private static void publish(String sesEvent) {
    send(sns.notification(EmailTestProperties.TOPIC_ARN, sesEvent));
  }

  private static void send(String body) {
    sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  private static String suppressionReason(String email) {
    return outbox
        .jdbc()
        .sql("SELECT reason FROM email_suppression WHERE email = :e")
        .param("e", email.toLowerCase())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static String status(String messageId) {
    return outbox
        .jdbc()
        .sql("SELECT status FROM email_send WHERE ses_message_id = :m")
        .param("m", messageId)
        .query(String.class)
        .single();
  }

  private static String sendStatus(UUID id) {
    return outbox
        .jdbc()
        .sql(
            "SELECT status FROM email_send WHERE outbox_event_id = :id ORDER BY generation DESC LIMIT 1")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static int generation(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT generation FROM email_outbox_claim WHERE outbox_event_id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  private static String deadLetterReason(UUID id) {
    return outbox
        .jdbc()
        .sql("SELECT reason FROM email_dead_letter WHERE outbox_event_id = :id")
        .param("id", id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Everything the delivery-events group may write, as one comparable string. */
  private static String dataSnapshot() {
    return outbox
        .jdbc()
        .sql(
            """
            SELECT (SELECT count(*) FROM email_suppression) || '/' ||
                   (SELECT string_agg(status || coalesce(last_event, ''), ',' ORDER BY ses_message_id) FROM email_send) || '/' ||
                   (SELECT count(*) FROM email_dead_letter) || '/' ||
                   (SELECT count(*) FROM camel_messageprocessed WHERE processorName = 'email-delivery-events') || '/' ||
                   (SELECT string_agg(generation::text, ',' ORDER BY outbox_event_id) FROM email_outbox_claim)
            """)
        .query(String.class)
        .single();
  }

  private double deliveryEvents(String type) {
    return meters.get("silverjems.email.delivery.events").tag("type", type).counter().count();
  }

  private double emails(String type, String outcome) {
    return meters
        // silverjems_email_total, the contract's name (the email group's meter)
        .get("silverjems.email")
        .tag("event_type", type)
        .tag("outcome", outcome)
        .counter()
        .count();
  }
}
