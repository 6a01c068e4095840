package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * SES's maximum send rate is the account's: two relay instances on one database (two ECS tasks, two
 * application contexts with their own limiters) together send no faster than the configured rate,
 * counted per second where the emails arrive, at the SES stand-in.
 */
class SharedSendRateIT {

  static final int RATE = 5;
  static final int EVENTS = 30;

  @Test
  void twoInstancesTogetherKeepToTheAccountsSendRate() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_shared_rate");
    OutboxFixtures outbox = new OutboxFixtures(database.dataSource());
    IntStream.range(0, EVENTS).forEach(i -> outbox.passwordReset("paced" + i + "@example.com"));

    try (SesStub ses = SesStub.startRecording()) {
      warmUp(ses);
      Map<String, String> common = new HashMap<>(EmailTestProperties.relay(database, ses));
      common.put("silverjems.email.ses.send-rate-per-second", String.valueOf(RATE));
      // Each instance claims half of the events at once, so both always have sends waiting; the
      // routes start together once both contexts are up (start-up takes seconds on a busy host).
      common.put("silverjems.email.relay.batch-size", String.valueOf(EVENTS / 2));
      common.put("camel.main.auto-startup", "false");
      try (ConfigurableApplicationContext a = RelayInstances.start(common, "relay-a");
          ConfigurableApplicationContext b = RelayInstances.start(common, "relay-b")) {
        a.getBean(CamelContext.class).getRouteController().startAllRoutes();
        b.getBean(CamelContext.class).getRouteController().startAllRoutes();
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.unprocessed() == 0);
      }

      List<Instant> sent = ses.acceptedAt();
      assertThat(sent).hasSize(EVENTS);
      Map<Long, Long> perSecond =
          sent.stream()
              .collect(
                  Collectors.groupingBy(
                      Instant::getEpochSecond, TreeMap::new, Collectors.counting()));
      assertThat(perSecond.values())
          .as("sends per second at SES (configured rate %d/s): %s, at %s", RATE, perSecond, sent)
          .allMatch(count -> count <= RATE);
      // One budget, not one divided too finely: the two together still use the whole rate.
      assertThat(Duration.between(sent.get(0), sent.get(EVENTS - 1)))
          .as("first to last send, %s", sent)
          .isLessThan(Duration.ofMillis((long) (EVENTS * 1000.0 / RATE * 1.5)));
      assertThat(
              outbox
                  .jdbc()
                  .sql("SELECT DISTINCT claimed_by FROM email_outbox_claim")
                  .query(String.class)
                  .list())
          .as("both instances sent")
          .containsExactlyInAnyOrder("relay-a", "relay-b");
    }
  }

  /**
   * One send through the SDK first, then a clean journal: the first call in a JVM loads and links
   * the SDK's marshalling and signing (seconds on a busy host), and every relay thread that booked
   * a slot meanwhile would wait on it, then go at once. That start-up stall is not the limiter's.
   */
  private static void warmUp(SesStub ses) {
    try (SesClient client =
        SesClient.builder().region(Region.EU_WEST_1).endpointOverride(ses.endpoint()).build()) {
      client.sendRawEmail(
          request ->
              request.rawMessage(
                  raw ->
                      raw.data(
                          SdkBytes.fromUtf8String(
                              "From: a@example.com\r\nTo: b@example.com\r\n\r\nwarm-up"))));
    }
    ses.reset();
  }
}
