package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.testsupport.OsTool;
import com.silverjems.testsupport.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Zabbix host's Redis checks as its user data sets them up, against a Redis that behaves like
 * ElastiCache (TLS only, AUTH token required): the stunnel client and the agent 2 Redis session are
 * the very blocks of {@code zabbix/host/user-data.sh}, with only the endpoint, the CA and the token
 * filled in; the template's default connection macro names that session.
 */
class RedisOverTlsIT {

  private static final Path USER_DATA = Templates.root().resolve("host").resolve("user-data.sh");
  private static final String TOKEN = "token-" + UUID.randomUUID();

  private static Path work;
  private static Process redis;
  private static Process stunnel;
  private static Process agent;
  private static Path zabbixGet;
  private static int agentPort;
  private static int plainPort;

  @BeforeAll
  static void startRedisStunnelAndAgent() throws Exception {
    Path redisServer = OsTool.require("redis-server", "redis-server");
    Path stunnelBinary = OsTool.require("stunnel4", "stunnel4");
    Path agent2 = OsTool.require("zabbix_agent2", "zabbix-agent2", "/usr/sbin/zabbix_agent2");
    zabbixGet = OsTool.require("zabbix_get", "zabbix-server-pgsql");
    work = Files.createTempDirectory("zabbix-redis-tls");

    Path cert = work.resolve("cert.pem");
    Instant now = Instant.now();
    TestCertificates.selfSigned("localhost", now, now.plus(Duration.ofDays(2)))
        .writePem(cert, work.resolve("key.pem"));

    // ElastiCache with in-transit encryption and an AUTH token: no plain port, a password.
    int tlsPort = Servers.freePort();
    redis =
        Servers.start(
            work.resolve("redis.log"),
            List.of(
                redisServer.toString(),
                "--port",
                "0",
                "--tls-port",
                String.valueOf(tlsPort),
                "--bind",
                "127.0.0.1",
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                work.resolve("key.pem").toString(),
                "--tls-ca-cert-file",
                cert.toString(),
                "--tls-auth-clients",
                "no",
                "--requirepass",
                TOKEN,
                "--save",
                "",
                "--appendonly",
                "no"));

    String userData = Files.readString(USER_DATA);
    String tunnel = heredoc(userData, "STUNNEL");
    String session = heredoc(userData, "REDIS").replace("\\$", "$");
    Matcher accept = Pattern.compile("accept = 127\\.0\\.0\\.1:(\\d+)").matcher(tunnel);
    assertThat(accept.find()).as("stunnel accepts on loopback").isTrue();
    String deployedPort = accept.group(1);
    assertThat(session).contains("tcp://127.0.0.1:" + deployedPort);
    // The deployed port may be taken here: the same configuration on a free one.
    plainPort = Servers.freePort();
    tunnel =
        tunnel
            .replace("127.0.0.1:" + deployedPort, "127.0.0.1:" + plainPort)
            .replace("${CACHE_HOST}", "localhost")
            .replace("${CACHE_PORT}", String.valueOf(tlsPort))
            .replace("/etc/ssl/certs/ca-certificates.crt", cert.toString());
    session =
        session
            .replace("127.0.0.1:" + deployedPort, "127.0.0.1:" + plainPort)
            .replace("${CACHE_TOKEN}", TOKEN);
    Path tunnelConfig = work.resolve("stunnel.conf");
    // Global options first (the service runs as the systemd unit's in production).
    Files.writeString(tunnelConfig, "foreground = yes\npid =\n" + tunnel);
    stunnel =
        Servers.start(
            work.resolve("stunnel.log"),
            List.of(stunnelBinary.toString(), tunnelConfig.toString()));
    Path sessionConfig = work.resolve("silverjems-redis.conf");
    Files.writeString(sessionConfig, session);

    agentPort = Servers.freeZabbixPort();
    Path config =
        Servers.agent2Config(work, agentPort, "silverjems-redis-tls-test", 10, sessionConfig);
    agent =
        Servers.start(
            work.resolve("agent2.out"), List.of(agent2.toString(), "-c", config.toString(), "-f"));
    Servers.await(
        "the agent to answer", Duration.ofSeconds(30), () -> get("agent.ping").equals("1"));
  }

  @AfterAll
  static void stopEverything() {
    Servers.stop(agent);
    Servers.stop(stunnel);
    Servers.stop(redis);
    if (work != null) {
      Servers.delete(work);
    }
  }

  @Test
  void theTemplatesDefaultConnectionIsTheHostsSessionAndReachesRedisOverTlsWithAuth() {
    String connection = redisTemplateMacro("{$REDIS.CONN.URI}");
    assertThat(heredoc(read(), "REDIS"))
        .as("the template's default connection is the session the user data defines")
        .contains("Plugins.Redis.Sessions." + connection + ".Uri=");

    Servers.await(
        "redis.ping through stunnel",
        Duration.ofSeconds(30),
        () -> get("redis.ping[" + connection + "]").equals("1"));
    assertThat(get("redis.info[" + connection + "]")).contains("redis_version");
  }

  @Test
  void withoutTheSessionsTokenRedisAnswersNothing() {
    // The same tunnel without the session's password: ElastiCache's AUTH refuses every check.
    assertThat(get("redis.ping[tcp://127.0.0.1:" + plainPort + "]")).isNotEqualTo("1");
  }

  private static String redisTemplateMacro(String macro) {
    JsonNode redisTemplate =
        Templates.templates().stream()
            .filter(t -> t.path("template").asText().contains("Redis"))
            .findFirst()
            .orElseThrow();
    return Templates.macroDefaults(redisTemplate).get(macro);
  }

  /**
   * The body of the user data's {@code <<NAME} here-document, with the script's {@code
   * REDIS_SESSION} (the session name it shares with configure-zabbix.sh) filled in.
   */
  private static String heredoc(String script, String name) {
    Matcher m =
        Pattern.compile("<<'?" + name + "'?\\n(.*?)\\n" + name + "\\n", Pattern.DOTALL)
            .matcher(script);
    assertThat(m.find()).as("here-document " + name + " in " + USER_DATA).isTrue();
    Matcher session = Pattern.compile("\\nREDIS_SESSION='([^']+)'\\n").matcher(script);
    assertThat(session.find()).as("REDIS_SESSION in " + USER_DATA).isTrue();
    return m.group(1).replace("${REDIS_SESSION}", session.group(1)) + "\n";
  }

  private static String read() {
    try {
      return Files.readString(USER_DATA);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String get(String key) {
    return Servers.zabbixGet(work, zabbixGet, agentPort, 15, key);
  }
}
