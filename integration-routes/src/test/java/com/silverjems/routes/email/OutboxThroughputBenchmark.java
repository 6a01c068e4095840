package com.silverjems.routes.email;

import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.LocalSes;
import com.silverjems.routes.emulators.OutboxFixtures;
import com.silverjems.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Outbox-to-SES throughput: N order-paid events in the outbox, one relay instance, SES a stub
 * answering at once, rate limiting off, after a warm-up of {@link #WARM_UP} emails; next to the
 * ceiling, the same SES client calling the same stub in a bare loop, measured in the same run.
 * Counts from the start of the routes (Spring and Camel are up already) until the outbox is empty:
 * claim, schema validation, rendering, MIME, SigV4 signing, the send transaction and marking are
 * all in the figure.
 *
 * <p>Run with {@code integration-routes/bench/outbox-throughput.sh [events] [parallelism]
 * [synchronous_commit]}.
 */
public final class OutboxThroughputBenchmark {

  /** Emails sent (and SES calls looped) before anything is measured. */
  static final int WARM_UP = 5000;

  private OutboxThroughputBenchmark() {}

  private static void insertOrderPaid(OutboxFixtures outbox, int events) {
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
  }

  private static void awaitEmpty(OutboxFixtures outbox) throws InterruptedException {
    while (outbox.unprocessed() > 0) {
      Thread.sleep(20);
    }
  }

  private static long sent(OutboxFixtures outbox) {
    return outbox
        .jdbc()
        .sql("SELECT count(*) FROM email_send WHERE status = 'sent'")
        .query(Long.class)
        .single();
  }

  /**
   * The ceiling: {@code sends} SendRawEmail calls of a message the size of an order email, on
   * {@code threads} threads, through the relay's own SES client (same SDK settings, same stub).
   * Answers calls per second.
   */
  static double sesLoop(SesClient client, int sends, int threads) throws Exception {
    SdkBytes message = SdkBytes.fromUtf8String(rawOrderEmail());
    AtomicInteger left = new AtomicInteger(sends);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> loops = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < threads; i++) {
        loops.add(
            pool.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    client.sendRawEmail(
                        request ->
                            request
                                .source("orders@silverjems.example")
                                .destinations("shopper@example.com")
                                .rawMessage(raw -> raw.data(message)));
                  }
                  return null;
                }));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
      return sends / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** About the size of a rendered order-paid email (text and HTML parts, base64 HTML). */
  private static String rawOrderEmail() {
    String line = "Thank you for your order. Your silver 925 hammered band ring is on its way. ";
    return "From: Silver Jems <orders@silverjems.example>\r\n"
        + "To: shopper@example.com\r\nSubject: Your order is paid\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
        + line.repeat(80);
  }

  /** A line of /proc/self/status in MiB ("VmHWM": the peak resident set). */
  private static String memory(String field) {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB";
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return "unknown";
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

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
    int warmUp = Math.min(events, WARM_UP);

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
        SesClient client = relay.getBean("emailSesClient", SesClient.class);
        int threads = Integer.parseInt(parallelism);

        // Warm-up: the JIT compiles the relay's and the SDK's hot paths before anything counts.
        insertOrderPaid(outbox, warmUp);
        camel.getRouteController().startAllRoutes();
        awaitEmpty(outbox);
        camel.getRouteController().stopAllRoutes();
        sesLoop(client, warmUp, threads);

        // Measured: the ceiling (the same SES client in a bare loop against the same stub), the
        // relay, the ceiling again; the machine's load weighs on both alike.
        double ceilingBefore = sesLoop(client, events, threads);
        insertOrderPaid(outbox, events);
        long sentBefore = sent(outbox);
        long start = System.nanoTime();
        camel.getRouteController().startAllRoutes();
        awaitEmpty(outbox);
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = sent(outbox) - sentBefore;
        double ceilingAfter = sesLoop(client, events, threads);
        double relayRate = sent / seconds;
        double ceiling = (ceilingBefore + ceilingAfter) / 2;
        System.out.printf(
            "%nOutbox to SES: %d emails in %.2f s = %.0f emails/s"
                + " (parallelism %s, synchronous_commit %s, %d cores, after %d warm-up emails)%n"
                + "Ceiling, SES calls in a bare loop on %d threads: %.0f emails/s (%.0f before, %.0f"
                + " after)%n"
                + "Relay / ceiling: %.0f%%  (targets: >= 500 emails/s, >= 70%%)%n"
                + "Load average: %s%n",
            sent,
            seconds,
            relayRate,
            parallelism,
            commits,
            Runtime.getRuntime().availableProcessors(),
            warmUp,
            threads,
            ceiling,
            ceilingBefore,
            ceilingAfter,
            100 * relayRate / ceiling,
            loadAverage());
        // The email group's memory under this load (issue 18.4: < 384 MiB). This JVM runs the
        // relay with the image's flags (outbox-throughput.sh), plus the SES stand-in and this
        // driver: an upper bound of the group's own. PostgreSQL is a process of its own.
        System.out.printf(
            "Email relay JVM RSS: peak %s, now %s (target < 384 MiB; the SES stand-in and this"
                + " driver included)%n",
            memory("VmHWM"), memory("VmRSS"));
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
