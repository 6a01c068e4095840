package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.routes.emulators.SesStub.SentMail;
import com.silverjems.testsupport.TestPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two relay instances on one database, as two ECS tasks: 1,000 events, 1,000 sends, none twice. */
class TwoInstancesIT {

  static final int EVENTS = 1000;

  @Test
  void twoInstancesSendEachOfAThousandEmailsExactlyOnce() {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_two_instances");
    OutboxFixtures outbox = new OutboxFixtures(database.dataSource());
    List<UUID> ids =
        IntStream.range(0, EVENTS)
            .mapToObj(i -> outbox.passwordReset("twin" + i + "@example.com"))
            .toList();

    try (SesStub ses = SesStub.startRecording()) {
      Map<String, String> common = new HashMap<>(EmailTestProperties.relay(database, ses));
      // Small batches and short leases make the instances meet on the same rows often.
      common.put("silverjems.email.relay.batch-size", "10");
      common.put("silverjems.email.relay.lease", "30s");
      try (ConfigurableApplicationContext a = RelayInstances.start(common, "relay-a");
          ConfigurableApplicationContext b = RelayInstances.start(common, "relay-b")) {
        await().atMost(Duration.ofSeconds(90)).until(() -> outbox.unprocessed() == 0);
      }

      List<SentMail> sent = ses.accepted();
      Map<String, Long> perEvent =
          sent.stream().collect(Collectors.groupingBy(SentMail::outboxId, Collectors.counting()));
      assertThat(sent).hasSize(EVENTS);
      assertThat(perEvent.keySet())
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
      assertThat(perEvent.values()).allMatch(count -> count == 1);
      assertThat(ses.sendAttempts()).isEqualTo(EVENTS);
      assertThat(
              outbox
                  .jdbc()
                  .sql("SELECT DISTINCT claimed_by FROM email_outbox_claim")
                  .query(String.class)
                  .list())
          .as("both instances took part")
          .containsExactlyInAnyOrder("relay-a", "relay-b");
    }
  }
}
