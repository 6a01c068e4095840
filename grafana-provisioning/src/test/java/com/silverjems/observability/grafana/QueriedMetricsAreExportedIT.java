package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.observability.grafana.Provisioning.Query;
import com.silverjems.routes.IntegrationRoutesApplication;
import com.silverjems.routes.emulators.LocalEmulators;
import com.silverjems.shop.ShopApplication;
import com.silverjems.testsupport.OsTool;
import com.silverjems.testsupport.RedisServer;
import com.silverjems.testsupport.TestPostgres;
import com.silverjems.testsupport.tls.TlsTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every metric a dashboard or an alert rule queries is really exported, so a rename never leaves an
 * empty panel or a silent alert. The shop and integration-routes run in-process on a real
 * PostgreSQL and get a little traffic; postgres_exporter (with our queries), redis_exporter and
 * blackbox_exporter run as the Debian packages against real servers; cloudwatch_exporter's names
 * are derived from its configuration with the exporter's own naming rule (no AWS here).
 */
class QueriedMetricsAreExportedIT {

  private static final List<AutoCloseable> running = new ArrayList<>();
  private static final Map<String, List<Query>> queried = Provisioning.queriedMetricNames();
  private static Path work;

  @BeforeAll
  static void workFolder() throws IOException {
    work = Files.createTempDirectory("metrics-contract");
  }

  @AfterAll
  static void stopEverything() {
    Collections.reverse(running);
    for (AutoCloseable closeable : running) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.err.println("could not stop " + closeable + ": " + e);
      }
    }
  }

  @Test
  void everyQueriedNameHasAKnownSource() {
    Map<String, String> unknown = new TreeMap<>();
    queried.forEach(
        (name, where) -> {
          if (source(name).equals("unknown")) {
            unknown.put(name, where.get(0).where());
          }
        });
    assertThat(unknown).as("metric names no exporter or service is known to provide").isEmpty();
    Set<String> recorded = Provisioning.recordedNames();
    queried.keySet().stream()
        .filter(n -> n.contains(":"))
        .forEach(n -> assertThat(recorded).as("recording rule %s is defined", n).contains(n));
  }

  @Test
  void theServicesExportEveryMetricQueriedFromThem() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newEmptyDatabase("metrics_contract");
    ConfigurableApplicationContext shop =
        startService(ShopApplication.class, "shop", database, Map.of());
    // Every route group checks its queue, buckets and SES settings at start: the local run's
    // emulators provide them.
    LocalEmulators emulators =
        LocalEmulators.start(Files.createTempDirectory("metrics-contract"), 0, 0);
    ConfigurableApplicationContext routes =
        startService(
            IntegrationRoutesApplication.class,
            "integration-routes",
            database,
            emulators.springProperties());
    String shopUrl = "http://127.0.0.1:" + port(shop);
    String routesUrl = "http://127.0.0.1:" + port(routes);

    // A little traffic, so that meters created on first use exist: success, client error, 404.
    for (String path :
        List.of("/api/categories", "/api/products?category=rings", "/actuator/health/readiness")) {
      ExternalProcess.get(shopUrl + path);
    }
    tryGet(shopUrl + "/api/products?size=1000");
    tryGet(shopUrl + "/api/no-such-thing");
    ExternalProcess.get(routesUrl + "/actuator/health/liveness");

    Set<String> exported = new TreeSet<>();
    exported.addAll(sampleNames(ExternalProcess.get(shopUrl + "/actuator/prometheus")));
    exported.addAll(sampleNames(ExternalProcess.get(routesUrl + "/actuator/prometheus")));
    assertExported("services", exported);
  }

  @Test
  void postgresExporterExportsEveryPgMetricQueried() throws Exception {
    Path exporter = OsTool.require("prometheus-postgres-exporter", "prometheus-postgres-exporter");
    TestPostgres.Database database = TestPostgres.shared().newDatabase("pg_exporter");
    URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
    String dsn =
        "postgresql://%s:%s@%s:%d%s?sslmode=disable"
            .formatted(
                database.username(),
                database.password(),
                jdbc.getHost(),
                jdbc.getPort(),
                jdbc.getPath());
    int port = ExternalProcess.freePort();
    ExternalProcess process =
        started(
            ExternalProcess.start(
                "postgres-exporter",
                List.of(
                    exporter.toString(),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--extend.query-path="
                        + Provisioning.root().resolve("exporters/postgres-queries.yaml")),
                Map.of("DATA_SOURCE_NAME", dsn)));
    String metrics =
        process.awaitHttp("http://127.0.0.1:" + port + "/metrics", Duration.ofSeconds(30));
    assertThat(metrics).as("the exporter reached PostgreSQL").contains("pg_up 1");
    assertExported("postgres_exporter", sampleNames(metrics));
  }

  @Test
  void redisExporterExportsEveryRedisMetricQueried() {
    Path exporter = OsTool.require("prometheus-redis-exporter", "prometheus-redis-exporter");
    RedisServer redis = RedisServer.onFreePort().maxMemory("64mb");
    running.add(redis);
    int redisPort = redis.start().port();
    int port = ExternalProcess.freePort();
    ExternalProcess process =
        started(
            ExternalProcess.start(
                "redis-exporter",
                List.of(
                    exporter.toString(),
                    "--redis.addr=redis://127.0.0.1:" + redisPort,
                    "--web.listen-address=127.0.0.1:" + port),
                Map.of()));
    String url = "http://127.0.0.1:" + port + "/metrics";
    String metrics = process.awaitHttp(url, Duration.ofSeconds(30));
    for (int i = 0; i < 50 && !metrics.contains("redis_up 1"); i++) {
      sleep(200);
      metrics = process.awaitHttp(url, Duration.ofSeconds(10));
    }
    assertThat(metrics).as("the exporter reached Redis").contains("redis_up 1");
    assertExported("redis_exporter", sampleNames(metrics));
  }

  @Test
  void blackboxExporterProbesTlsAndExportsEveryProbeMetricQueried() throws Exception {
    Path exporter = OsTool.require("prometheus-blackbox-exporter", "prometheus-blackbox-exporter");
    Path caFile = work.resolve("tls.pem");
    int httpsPort = startHttpsServer(caFile).port();
    // Our modules as shipped, trusting the test's own certificate authority.
    ObjectNode config =
        (ObjectNode) Provisioning.yaml(Provisioning.root().resolve("exporters/blackbox.yaml"));
    ((ObjectNode) config.path("modules").path("https_2xx").path("http").path("tls_config"))
        .put("ca_file", caFile.toString());
    Path configFile = work.resolve("blackbox.yaml");
    Provisioning.YAML.writeValue(configFile.toFile(), config);
    int port = ExternalProcess.freePort();
    ExternalProcess process =
        started(
            ExternalProcess.start(
                "blackbox-exporter",
                List.of(
                    exporter.toString(),
                    "--config.file=" + configFile,
                    "--web.listen-address=127.0.0.1:" + port),
                Map.of()));
    process.awaitHttp("http://127.0.0.1:" + port + "/metrics", Duration.ofSeconds(30));
    String probe =
        ExternalProcess.get(
            "http://127.0.0.1:%d/probe?module=https_2xx&target=https://localhost:%d/"
                .formatted(port, httpsPort));
    assertThat(probe)
        .as("the probe validated the certificate and got a 2xx")
        .contains("probe_success 1");
    assertExported("blackbox_exporter", sampleNames(probe));
  }

  @Test
  void cloudwatchExporterConfigurationProducesEveryAwsMetricQueried() {
    Set<String> produced = new TreeSet<>();
    for (Path file : Provisioning.files("exporters", ".yaml")) {
      if (!file.getFileName().toString().startsWith("cloudwatch-exporter")) {
        continue;
      }
      for (JsonNode metric : Provisioning.yaml(file).path("metrics")) {
        String base =
            safeName(
                metric.path("aws_namespace").asText().toLowerCase()
                    + "_"
                    + snakeCase(metric.path("aws_metric_name").asText()));
        metric
            .path("aws_statistics")
            .forEach(s -> produced.add(base + "_" + snakeCase(s.asText())));
      }
    }
    assertThat(produced).contains("ecs_containerinsights_running_task_count_average");
    assertExported("cloudwatch_exporter", produced);
  }

  // ------------------------------------------------------------------------------------------

  /** Where a queried name comes from; see CONTRIBUTING.md's metric table for the services. */
  static String source(String name) {
    if (name.contains(":")) {
      return "recording rule";
    }
    if (name.equals("ALERTS")) {
      return "rule evaluator";
    }
    if (name.startsWith("pg_")) {
      return "postgres_exporter";
    }
    if (name.startsWith("redis_")) {
      return "redis_exporter";
    }
    if (name.startsWith("probe_")) {
      return "blackbox_exporter";
    }
    if (name.startsWith("aws_") || name.startsWith("ecs_")) {
      return "cloudwatch_exporter";
    }
    if (name.matches("(http_server_requests|hikaricp|jvm|process|silverjems|camel)_.*")) {
      return "services";
    }
    return "unknown";
  }

  private static void assertExported(String source, Set<String> exported) {
    Map<String, String> missing = new TreeMap<>();
    queried.forEach(
        (name, where) -> {
          if (source(name).equals(source) && !exported.contains(name)) {
            missing.put(
                name,
                where.stream()
                    .map(Query::where)
                    .distinct()
                    .limit(3)
                    .collect(Collectors.joining("; ")));
          }
        });
    assertThat(queried.keySet().stream().filter(n -> source(n).equals(source)))
        .as("some queried metric comes from %s", source)
        .isNotEmpty();
    assertThat(missing)
        .withFailMessage(
            "queried but not exported by %s (name = where it is queried):%n%s",
            source,
            missing.entrySet().stream()
                .map(e -> "  " + e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(System.lineSeparator())))
        .isEmpty();
  }

  /**
   * Sample names of a Prometheus text exposition (counters with _total, histograms' _bucket...).
   */
  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  private static ConfigurableApplicationContext startService(
      Class<?> application, String name, TestPostgres.Database database, Map<String, String> more)
      throws IOException {
    Map<String, Object> properties = new HashMap<>(more);
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put("spring.config.location", "file:" + ownApplicationYml(application, name));
    database.springProperties().forEach(properties::put);
    Properties extra = new Properties();
    try (InputStream in =
        QueriedMetricsAreExportedIT.class.getResourceAsStream(
            "/services/" + name + ".properties")) {
      extra.load(in);
    }
    extra.forEach((k, v) -> properties.put(k.toString(), v));
    // As command-line arguments: they win over the service's own application.yml, like the
    // environment does in production.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(args);
    running.add(context);
    return context;
  }

  /**
   * Both services ship an application.yml at the root of their jar; on one test classpath only the
   * first would be found, so each gets a copy of its own.
   */
  private static Path ownApplicationYml(Class<?> application, String name) throws IOException {
    String codeSource = application.getProtectionDomain().getCodeSource().getLocation().toString();
    Enumeration<URL> candidates = application.getClassLoader().getResources("application.yml");
    while (candidates.hasMoreElements()) {
      URL url = candidates.nextElement();
      if (url.toString().contains(codeSource.replaceFirst("^file:", ""))) {
        Path copy = work.resolve(name + "-application.yml");
        try (InputStream in = url.openStream()) {
          Files.write(copy, in.readAllBytes());
        }
        return copy;
      }
    }
    throw new IllegalStateException("No application.yml in " + codeSource);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static void tryGet(String url) {
    try {
      ExternalProcess.get(url);
    } catch (IOException | InterruptedException expected) {
      // 4xx on purpose: the point is the meter it creates.
    }
  }

  /** An HTTPS server with a fresh self-signed certificate; writes that certificate, in PEM. */
  private static TlsTestServer startHttpsServer(Path certificate) throws IOException {
    TlsTestServer server = TlsTestServer.selfSigned(Duration.ofDays(40));
    running.add(server);
    Files.writeString(certificate, server.certificatePem());
    return server;
  }

  private static ExternalProcess started(ExternalProcess process) {
    running.add(process);
    return process;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** cloudwatch_exporter's naming rule (CloudWatchCollector.toSnakeCase / safeName). */
  static String snakeCase(String s) {
    return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }

  static String safeName(String s) {
    return s.replaceAll("[^a-zA-Z0-9:_]", "_").replaceAll("__+", "_");
  }
}
