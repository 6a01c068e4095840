package com.silverjems.routes.email;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.LocalSes;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.testsupport.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outbox-to-SES throughput: N order-paid events in the outbox, one relay instance, SES a stub
 * answering at once, rate limiting off. Counts from the start of the routes (Spring and Camel are
 * up already) until the outbox is empty: claim, schema validation, rendering, MIME, SigV4 signing,
 * the send transaction and marking are all in the figure.
 *
 * <p>Run with {@code integration-routes/bench/outbox-throughput.sh [events] [parallelism]
 * [synchronous_commit]}.
 */
public final class OutboxThroughputBenchmark {

  private OutboxThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    String parallelism = args.length > 1 ? args[1] : "16";
    String commits = args.length > 2 ? args[2] : "local";
    TestPostgres.Database database = TestPostgres.shared().newDatabase("email_benchmark");
    OutboxFixtures outbox = new OutboxFixtures(database.dataSource());
    // "on": every commit waits for this machine's disk flush (an fsync costs milliseconds on a
    // laptop or CI volume, far more than on RDS). "local" (default): commits return once the WAL
    // is written, not flushed, which is closer to RDS's commit latency; the relay's logic and the
    // number of commits are the same either way.
    outbox
        .jdbc()
        .sql(
            "ALTER DATABASE "
                + database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1")
                + " SET synchronous_commit = "
                + commits)
        .update();
    outbox
        .jdbc()
        .sql(
            """
            INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, event_version, payload)
            SELECT gen_random_uuid(), 'order', 'bench-' || g, 'order-paid', 1,
                   CAST(replace(:payload, 'RECIPIENT', 'shopper' || g || '@example.com') AS jsonb)
              FROM generate_series(1, :events) g
            """)
        .param("payload", OutboxFixtures.orderPaidPayload(UUID.randomUUID(), "RECIPIENT", "Ada"))
        .param("events", events)
        .update();

    // Zero latency and next to no work: the JDK's HTTP server answering SES's response shape
    // (WireMock's templating and Jetty would cost more CPU than the relay on these 2 cores).
    try (LocalSes ses = LocalSes.start(null, 0, null)) {
      Map<String, String> properties =
          new HashMap<>(EmailTestProperties.relay(database, ses.endpoint()));
      properties.put("silverjems.email.ses.send-rate-per-second", "0");
      properties.put("silverjems.email.relay.parallelism", parallelism);
      properties.put("silverjems.email.relay.batch-size", "200");
      properties.put("spring.datasource.hikari.maximum-pool-size", "40");
      properties.put("camel.main.auto-startup", "false");
      properties.put("logging.level.root", "WARN");
      try (ConfigurableApplicationContext relay = RelayInstances.start(properties)) {
        CamelContext camel = relay.getBean(CamelContext.class);
        long start = System.nanoTime();
        camel.getRouteController().startAllRoutes();
        while (outbox.unprocessed() > 0) {
          Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent =
            outbox
                .jdbc()
                .sql("SELECT count(*) FROM email_send WHERE status = 'sent'")
                .query(Long.class)
                .single();
        System.out.printf(
            "%nOutbox to SES: %d emails in %.2f s = %.0f emails/s"
                + " (parallelism %s, synchronous_commit %s, %d cores)%n",
            sent,
            seconds,
            sent / seconds,
            parallelism,
            commits,
            Runtime.getRuntime().availableProcessors());
        // Where the time goes: SES calls, and each route as Camel's route policy timed it.
        relay.getBean(io.micrometer.core.instrument.MeterRegistry.class).getMeters().stream()
            .filter(m -> m instanceof io.micrometer.core.instrument.Timer)
            .map(m -> (io.micrometer.core.instrument.Timer) m)
            .filter(t -> t.count() > 0)
            .forEach(
                t ->
                    System.out.printf(
                        "  %-40s %-28s n=%d mean=%.1f ms max=%.1f ms%n",
                        t.getId().getName(),
                        t.getId().getTag("routeId") == null ? "" : t.getId().getTag("routeId"),
                        t.count(),
                        t.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        t.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
      }
    }
    System.exit(0);
  }
}
