package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.testsupport.OsTool;
import com.silverjems.testsupport.RedisServer;
import com.silverjems.testsupport.tls.TlsTestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Zabbix agent 2 with our UserParameters answers every agent item of every template against
 * a real PostgreSQL (with pg_stat_statements), a real Redis and a real TLS endpoint; conditions the
 * triggers watch (slow statements, lock waits, evictions, a certificate close to expiry) are
 * provoked and seen through the agent.
 */
class ZabbixAgentIT {

  private static final int CERT_VALID_DAYS = 20;

  private static Path work;
  private static EmbeddedPostgres postgres;
  private static final String MONITORING_ROLE = "silverjems_monitoring";
  private static final String MONITORING_PASSWORD = "monitoring-password";
  private static RedisServer redis;
  private static Process agent;
  private static TlsTestServer https;
  private static int redisPort;
  private static int agentPort;
  private static Path zabbixGet;
  private static final Map<String, String> macros = new HashMap<>();

  @BeforeAll
  static void startEverything() throws Exception {
    Path agent2 = OsTool.require("zabbix_agent2", "zabbix-agent2", "/usr/sbin/zabbix_agent2");
    zabbixGet = OsTool.require("zabbix_get", "zabbix-server-pgsql");
    OsTool.require("psql", "postgresql-client");
    work = Files.createTempDirectory("zabbix-agent");

    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .start();
    // The database checks run as the read-only monitoring role the shop's migration V50 creates
    // (pg_monitor, no table), the role the template's {$PG.USER} names: what they read must be
    // readable with statistics privileges alone.
    com.silverjems.testsupport.ShopMigrations.apply(postgres.getPostgresDatabase(), false);
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + MONITORING_ROLE + " PASSWORD '" + MONITORING_PASSWORD + "'");
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE stock (sku text PRIMARY KEY, quantity int)");
      s.execute("INSERT INTO stock VALUES ('ring-925', 3)");
    }

    // A small cap, so the eviction checks see keys evicted after a few writes.
    redis = RedisServer.onFreePort().maxMemory("2mb").start();
    redisPort = redis.port();

    https = TlsTestServer.selfSigned(Duration.ofDays(CERT_VALID_DAYS));

    agentPort = Servers.freeZabbixPort();
    Path config =
        Servers.agent2Config(
            work, agentPort, "silverjems-agent-test", 20, Templates.userParameters());
    ProcessBuilder builder =
        new ProcessBuilder(agent2.toString(), "-c", config.toString(), "-f")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("agent2.out").toFile());
    builder.environment().put("PGPASSWORD", MONITORING_PASSWORD);
    agent = builder.start();
    Servers.await(
        "the agent to answer", Duration.ofSeconds(30), () -> get("agent.ping").equals("1"));

    macros.put("{$PG.HOST}", "127.0.0.1");
    macros.put("{$PG.PORT}", String.valueOf(postgres.getPort()));
    macros.put("{$PG.USER}", MONITORING_ROLE);
    macros.put("{$PG.DB}", "postgres");
    macros.put("{$PG.SLOW.SECONDS}", "2");
    macros.put("{$REDIS.CONN.URI}", "tcp://127.0.0.1:" + redisPort);
    macros.put("{$CERT.HOST}", "localhost");
    macros.put("{$CERT.PORT}", String.valueOf(https.port()));
    macros.put("{$NET.IF}", "lo");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    Servers.stop(agent);
    if (redis != null) {
      redis.close();
    }
    if (https != null) {
      https.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    Servers.delete(work);
  }

  @Test
  void theAgentAnswersEveryAgentItemOfEveryTemplate() throws Exception {
    List<String> checked = new ArrayList<>();
    for (JsonNode template : Templates.templates()) {
      Map<String, String> values = new HashMap<>(Templates.macroDefaults(template));
      values.putAll(macros);
      Map<String, String> answers = new HashMap<>();
      for (JsonNode item : template.path("items")) {
        if (!Templates.isAgentItem(item)) {
          continue;
        }
        String key = Templates.resolve(item.path("key").asText(), values);
        String value = get(key);
        answers.put(item.path("key").asText(), value);
        checked.add(key);
        assertThat(value).as(key).doesNotStartWith("ZBX_NOTSUPPORTED").isNotBlank();
        String type = item.path("value_type").asText();
        if (type.equals("FLOAT") || type.equals("UNSIGNED")) {
          assertThat(Double.parseDouble(value)).as(key).isGreaterThanOrEqualTo(0);
        }
      }
      // Dependent items: the template's own preprocessing applied to what the agent answered.
      for (JsonNode item : template.path("items")) {
        if (item.path("type").asText().equals("DEPENDENT")) {
          String master = answers.get(item.path("master_item").path("key").asText());
          JsonNode step = item.path("preprocessing").get(0);
          assertThat(step.path("type").asText()).isEqualTo("JSONPATH");
          String extracted = jsonPath(master, step.path("parameters").get(0).asText());
          assertThat(extracted).as(item.path("key").asText()).isNotBlank();
        }
      }
    }
    assertThat(checked).anyMatch(k -> k.startsWith("silverjems.pgsql.ping")).hasSizeGreaterThan(20);
    assertThat(get(pg("ping"))).isEqualTo("1");
  }

  @Test
  void aSlowStatementAndALockWaitAreSeenAndClear() throws Exception {
    assertThat(get(pg("slow_queries", "2"))).isEqualTo("0");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection holder = postgres.getPostgresDatabase().getConnection();
        Connection waiter = postgres.getPostgresDatabase().getConnection();
        Connection sleeper = postgres.getPostgresDatabase().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE stock IN ACCESS EXCLUSIVE MODE");
      }
      Statement waiting = waiter.createStatement();
      Statement sleeping = sleeper.createStatement();
      CompletableFuture<Void> blocked =
          CompletableFuture.runAsync(
              () -> quietly(() -> waiting.execute("SELECT * FROM stock")), pool);
      CompletableFuture<Void> slow =
          CompletableFuture.runAsync(
              () -> quietly(() -> sleeping.execute("SELECT pg_sleep(60)")), pool);

      Servers.await(
          "two slow statements",
          Duration.ofSeconds(30),
          () -> get(pg("slow_queries", "2")).equals("2"));
      assertThat(Integer.parseInt(get(pg("lock_waits")))).isGreaterThanOrEqualTo(1);
      assertThat(Double.parseDouble(get(pg("longest_query")))).isGreaterThanOrEqualTo(2);
      assertThat(Integer.parseInt(get(pg("connections.active")))).isGreaterThanOrEqualTo(2);

      holder.rollback();
      sleeping.cancel();
      blocked.join();
      slow.join();
    } finally {
      pool.shutdownNow();
    }
    Servers.await(
        "slow statements to clear",
        Duration.ofSeconds(30),
        () -> get(pg("slow_queries", "2")).equals("0"));
    assertThat(get(pg("lock_waits"))).isEqualTo("0");
  }

  @Test
  void statementStatisticsComeFromPgStatStatements() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (int i = 0; i < 12; i++) {
        s.execute("SELECT pg_sleep(0.02)");
      }
    }
    assertThat(Double.parseDouble(get(pg("statements.max_mean_ms")))).isGreaterThanOrEqualTo(20);
  }

  @Test
  void redisEvictionsHitsAndMissesAreSeen() throws Exception {
    List<List<String>> commands = new ArrayList<>();
    String value = "x".repeat(512);
    for (int i = 0; i < 8000; i++) {
      commands.add(List.of("SET", "product:" + i, value));
    }
    for (int i = 7990; i < 8000; i++) {
      commands.add(List.of("GET", "product:" + i));
    }
    commands.add(List.of("GET", "product:0"));
    commands.add(List.of("GET", "no-such-product"));
    Servers.redis(redisPort, commands);

    JsonNode info = Templates.JSON.readTree(get("redis.info[tcp://127.0.0.1:" + redisPort + "]"));
    assertThat(info.path("Memory").path("maxmemory").asLong()).isEqualTo(2L * 1024 * 1024);
    assertThat(info.path("Stats").path("evicted_keys").asLong()).as("evictions").isPositive();
    assertThat(info.path("Stats").path("keyspace_hits").asLong()).as("hits").isPositive();
    assertThat(info.path("Stats").path("keyspace_misses").asLong()).as("misses").isPositive();
    assertThat(get("redis.ping[tcp://127.0.0.1:" + redisPort + "]")).isEqualTo("1");
  }

  @Test
  void aCertificateCloseToExpiryIsSeen() throws Exception {
    JsonNode cert =
        Templates.JSON.readTree(
            get("web.certificate.get[localhost," + macros.get("{$CERT.PORT}") + "]"));
    long notAfter = cert.path("x509").path("not_after").path("timestamp").asLong();
    long daysLeft = (notAfter - System.currentTimeMillis() / 1000) / 86400;
    assertThat(daysLeft).isBetween((long) CERT_VALID_DAYS - 1, (long) CERT_VALID_DAYS);
    // The template's trigger: last(not_after) - now() < {$CERT.EXPIRY.WARN} * 86400.
    JsonNode tls =
        Templates.templates().stream()
            .filter(t -> t.path("template").asText().contains("TLS"))
            .findFirst()
            .orElseThrow();
    long warnDays = Long.parseLong(Templates.macroDefaults(tls).get("{$CERT.EXPIRY.WARN}"));
    assertThat(warnDays).isEqualTo(30);
    assertThat(notAfter - System.currentTimeMillis() / 1000).isLessThan(warnDays * 86400);
    // A self-signed certificate does not validate: the validity item says so.
    assertThat(cert.path("result").path("value").asText()).isNotEqualTo("valid");
  }

  private static String pg(String name, String... extra) {
    StringBuilder key =
        new StringBuilder("silverjems.pgsql.")
            .append(name)
            .append("[127.0.0.1,")
            .append(postgres.getPort())
            .append(",")
            .append(MONITORING_ROLE)
            .append(",postgres");
    for (String e : extra) {
      key.append(',').append(e);
    }
    return key.append(']').toString();
  }

  /** Asks the running agent for a key, the way the Zabbix server does (passive check). */
  static String get(String key) {
    return Servers.zabbixGet(work, zabbixGet, agentPort, 25, key);
  }

  /** The subset of JSONPath the templates use: $.a.b.c */
  static String jsonPath(String json, String path) throws Exception {
    JsonNode node = Templates.JSON.readTree(json);
    for (String part : path.substring(2).split("\\.")) {
      node = node.path(part);
    }
    return node.asText();
  }

  private interface SqlAction {
    void run() throws Exception;
  }

  private static void quietly(SqlAction action) {
    try {
      action.run();
    } catch (Exception expected) {
      // cancelled on purpose at the end of the test
    }
  }
}
