package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.routes.emulators.SesStub.SentMail;
import com.silverjems.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The relay's process dies (halt: no shutdown hooks, open transactions dropped) after SES accepted
 * an email and before its outbox row was marked; a new instance takes over. Every email reaches SES
 * exactly once: the idempotency key, committed with the send, tells the new instance that the
 * interrupted email already went.
 */
class KillAndRestartIT {

  static final int EVENTS = 10;
  static final int CRASH_AFTER = 5;

  @Test
  void everyEmailIsSentExactlyOnceAcrossAKillMidBatch() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_kill_restart");
    OutboxFixtures outbox = new OutboxFixtures(database.dataSource());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      ids.add(outbox.orderPaid("crash" + i + "@example.com"));
    }
    try (SesStub ses = SesStub.startRecording()) {
      Map<String, String> properties = new HashMap<>(EmailTestProperties.relay(database, ses));
      // One batch, one email at a time: the kill lands at exactly the same point on every run.
      properties.put("silverjems.email.relay.batch-size", Integer.toString(EVENTS));
      properties.put("silverjems.email.relay.parallelism", "1");
      properties.put("silverjems.email.relay.lease", "2s");

      Process crashing = startCrashingRelay(properties);
      assertThat(crashing.waitFor(120, TimeUnit.SECONDS)).as("crashing relay ended").isTrue();
      assertThat(crashing.exitValue()).isEqualTo(CrashingRelay.EXIT_CODE);
      assertThat(ses.accepted()).hasSize(CRASH_AFTER);
      assertThat(outbox.unprocessed()).isEqualTo(EVENTS - CRASH_AFTER + 1);

      try (ConfigurableApplicationContext restarted = RelayInstances.start(properties)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.unprocessed() == 0);
      }

      Map<String, Long> sendsPerEvent =
          ses.accepted().stream()
              .collect(Collectors.groupingBy(SentMail::outboxId, Collectors.counting()));
      assertThat(sendsPerEvent.keySet())
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
      assertThat(sendsPerEvent.values()).allMatch(count -> count == 1);
      assertThat(ses.sendAttempts()).isEqualTo(EVENTS);
      assertThat(
              outbox
                  .jdbc()
                  .sql(
                      "SELECT count(DISTINCT outbox_event_id) FROM email_send WHERE status = 'sent'")
                  .query(Long.class)
                  .single())
          .isEqualTo(EVENTS);
    }
  }

  private static Process startCrashingRelay(Map<String, String> properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Daws.accessKeyId=local");
    command.add("-Daws.secretAccessKey=local");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashingRelay.class.getName());
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    command.add("--crash.after=" + CRASH_AFTER);
    Path log = Files.createDirectories(Path.of("target")).resolve("kill-and-restart-child.log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
