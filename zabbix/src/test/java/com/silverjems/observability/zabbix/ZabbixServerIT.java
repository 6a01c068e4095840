package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.testsupport.OsTool;
import com.silverjems.testsupport.tls.TlsTestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Zabbix 6.0 server and its API (Debian's zabbix-server-pgsql and zabbix-frontend-php behind
 * php-fpm and nginx, on an empty embedded PostgreSQL): every template imports through {@code
 * configuration.import}; a host linked to the PostgreSQL template and polled through a real agent 2
 * with our UserParameters raises "PostgreSQL: service is down" once its database stops answering.
 */
class ZabbixServerIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Process> processes = new ArrayList<>();
  private static Path work;
  private static EmbeddedPostgres postgres;
  private static String api;
  private static String token;
  private static int agentPort;

  @BeforeAll
  static void startZabbix() throws Exception {
    Path server = OsTool.require("zabbix_server", "zabbix-server-pgsql", "/usr/sbin/zabbix_server");
    Path phpFpm = OsTool.require("php-fpm8.2", "php-fpm", "/usr/sbin/php-fpm8.2");
    Path nginx = OsTool.require("nginx", "nginx", "/usr/sbin/nginx");
    Path psql = OsTool.require("psql", "postgresql-client");
    Path agent2 = OsTool.require("zabbix_agent2", "zabbix-agent2", "/usr/sbin/zabbix_agent2");
    Path frontendSource = Path.of("/usr/share/zabbix");
    Path schemaDir = Path.of("/usr/share/zabbix-server-pgsql");
    if (!Files.isDirectory(frontendSource) || !Files.isDirectory(schemaDir)) {
      OsTool.require("zabbix-frontend-php-is-missing", "zabbix-frontend-php zabbix-server-pgsql");
    }
    work = Files.createTempDirectory("zabbix-server");

    // An empty database with Zabbix's schema and initial data (user Admin/zabbix).
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE zabbix");
    }
    for (String file : List.of("schema.sql.gz", "images.sql.gz", "data.sql.gz")) {
      loadSql(psql, schemaDir.resolve(file));
    }

    int serverPort = Servers.freeZabbixPort();
    Path serverConf = work.resolve("zabbix_server.conf");
    Files.writeString(
        serverConf,
        String.join(
            "\n",
            "ListenIP=127.0.0.1",
            "ListenPort=" + serverPort,
            "LogType=file",
            "LogFile=" + work.resolve("zabbix_server.log"),
            "PidFile=" + work.resolve("zabbix_server.pid"),
            "SocketDir=" + work,
            "DBHost=127.0.0.1",
            "DBPort=" + postgres.getPort(),
            "DBName=zabbix",
            "DBUser=postgres",
            "DBPassword=postgres",
            // The embedded PostgreSQL 17 is newer than Zabbix 6.0.14 knows; the schema is the same.
            "AllowUnsupportedDBVersions=1",
            "AllowRoot=1",
            // Pick up hosts and macro changes within seconds, not the default minute.
            "CacheUpdateFrequency=2",
            "StartPollers=2",
            "StartPollersUnreachable=1",
            "StartTrappers=1",
            "StartPingers=1",
            "StartDiscoverers=1",
            "StartHTTPPollers=1",
            "StartTimers=1",
            "StartEscalators=1",
            "StartAlerters=1",
            "StartPreprocessors=2",
            "StartDBSyncers=1",
            "HousekeepingFrequency=0",
            "Timeout=10",
            ""));
    processes.add(
        Servers.start(
            work.resolve("zabbix_server.out"),
            List.of(server.toString(), "-c", serverConf.toString(), "-f")));

    // The frontend (API) from a private copy that reads our zabbix.conf.php, not /etc/zabbix's.
    Path frontend = work.resolve("frontend");
    Servers.run(work, List.of("cp", "-r", frontendSource.toString(), frontend.toString()));
    Path configFile = frontend.resolve("include/classes/core/CConfigFile.php");
    Path zabbixConf = work.resolve("zabbix.conf.php");
    Files.writeString(
        configFile,
        Files.readString(configFile).replace("/etc/zabbix/zabbix.conf.php", zabbixConf.toString()));
    Files.writeString(
        zabbixConf,
        """
        <?php
        $DB['TYPE'] = 'POSTGRESQL';
        $DB['SERVER'] = '127.0.0.1';
        $DB['PORT'] = '%d';
        $DB['DATABASE'] = 'zabbix';
        $DB['USER'] = 'postgres';
        $DB['PASSWORD'] = 'postgres';
        $DB['SCHEMA'] = '';
        $DB['ENCRYPTION'] = false;
        $DB['KEY_FILE'] = '';
        $DB['CERT_FILE'] = '';
        $DB['CA_FILE'] = '';
        $DB['VERIFY_HOST'] = false;
        $DB['CIPHER_LIST'] = '';
        $DB['VAULT_URL'] = '';
        $DB['VAULT_DB_PATH'] = '';
        $DB['VAULT_TOKEN'] = '';
        $DB['DOUBLE_IEEE754'] = true;
        $ZBX_SERVER = '127.0.0.1';
        $ZBX_SERVER_PORT = '%d';
        $ZBX_SERVER_NAME = 'silverjems-test';
        $IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
        """
            .formatted(postgres.getPort(), serverPort));
    Path fpmConf = work.resolve("php-fpm.conf");
    Path fpmSocket = work.resolve("php-fpm.sock");
    Files.writeString(
        fpmConf,
        String.join(
            "\n",
            "[global]",
            "pid = " + work.resolve("php-fpm.pid"),
            "error_log = " + work.resolve("php-fpm.log"),
            "daemonize = no",
            "[zabbix]",
            "listen = " + fpmSocket,
            "pm = static",
            "pm.max_children = 2",
            "php_admin_value[memory_limit] = 256M",
            "php_admin_value[post_max_size] = 16M",
            "php_admin_value[max_execution_time] = 300",
            "php_admin_value[max_input_time] = 300",
            "php_admin_value[date.timezone] = UTC",
            ""));
    processes.add(
        Servers.start(
            work.resolve("php-fpm.out"),
            List.of(phpFpm.toString(), "-F", "-R", "-y", fpmConf.toString())));
    int httpPort = Servers.freePort();
    Path nginxConf = work.resolve("nginx.conf");
    Files.writeString(
        nginxConf,
        """
        user root;
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/nginx-error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/nginx-body;
          fastcgi_temp_path %1$s/nginx-fastcgi;
          proxy_temp_path %1$s/nginx-proxy;
          uwsgi_temp_path %1$s/nginx-uwsgi;
          scgi_temp_path %1$s/nginx-scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            location ~ \\.php$ {
              include /etc/nginx/fastcgi_params;
              fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
              fastcgi_read_timeout 300;
              fastcgi_pass unix:%4$s;
            }
          }
        }
        """
            .formatted(work, httpPort, frontend, fpmSocket));
    processes.add(
        Servers.start(
            work.resolve("nginx.out"),
            List.of(
                nginx.toString(),
                "-c",
                nginxConf.toString(),
                "-e",
                work.resolve("nginx-error.log").toString())));
    api = "http://127.0.0.1:" + httpPort + "/api_jsonrpc.php";
    Servers.await("the Zabbix API", Duration.ofSeconds(60), () -> apiVersion().startsWith("6.0"));
    token = call("user.login", Map.of("username", "Admin", "password", "zabbix"), false).asText();

    // A real agent with our UserParameters, for the server to poll.
    agentPort = Servers.freeZabbixPort();
    Path agentConf = work.resolve("zabbix_agent2.conf");
    Files.writeString(
        agentConf,
        String.join(
            "\n",
            "Server=127.0.0.1",
            "ListenIP=127.0.0.1",
            "ListenPort=" + agentPort,
            "Hostname=silverjems-db",
            "LogType=file",
            "LogFile=" + work.resolve("agent2.log"),
            "PidFile=" + work.resolve("agent2.pid"),
            "ControlSocket=" + work.resolve("agent2.sock"),
            "Timeout=10",
            "Include=" + Templates.userParameters(),
            ""));
    ProcessBuilder agent =
        new ProcessBuilder(agent2.toString(), "-c", agentConf.toString(), "-f")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("agent2.out").toFile());
    agent.environment().put("PGPASSWORD", "postgres");
    processes.add(agent.start());
  }

  @AfterAll
  static void stopZabbix() throws IOException {
    for (Process process : processes) {
      Servers.stop(process);
    }
    if (postgres != null) {
      postgres.close();
    }
    Servers.delete(work);
  }

  @Test
  void everyTemplateImportsAndAProvokedOutageRaisesItsTrigger() throws Exception {
    Map<String, JsonNode> byName = importTemplates();
    for (JsonNode template : Templates.templates()) {
      JsonNode imported = byName.get(template.path("template").asText());
      assertThat(imported).as(template.path("template").asText()).isNotNull();
      assertThat(imported.path("items").asInt()).isEqualTo(template.path("items").size());
    }

    // A host on the PostgreSQL template, pointed at a live database first.
    String templateId = templateId("Silver Jems PostgreSQL by Zabbix agent");
    ObjectNode host = Templates.JSON.createObjectNode();
    host.put("host", "silverjems-db");
    host.putArray("groups").addObject().put("groupid", linuxServersGroupId());
    host.putArray("templates").addObject().put("templateid", templateId);
    agentInterface(host);
    ArrayNode macros = host.putArray("macros");
    macros.addObject().put("macro", "{$PG.HOST}").put("value", "127.0.0.1");
    macros.addObject().put("macro", "{$PG.PORT}").put("value", String.valueOf(postgres.getPort()));
    macros.addObject().put("macro", "{$PG.USER}").put("value", "postgres");
    macros.addObject().put("macro", "{$PG.INTERVAL}").put("value", "5s");
    // The trigger holds for {$PG.SUSTAIN}: three polls here instead of 3 minutes.
    macros.addObject().put("macro", "{$PG.SUSTAIN}").put("value", "15s");
    String hostId = call("host.create", host, true).path("hostids").get(0).asText();

    Servers.await(
        "the ping item to report PostgreSQL up",
        Duration.ofSeconds(90),
        () -> pingValue(hostId).equals("1"));
    assertThat(firingTriggers(hostId)).doesNotContain("PostgreSQL: service is down");

    // The provoked condition: the host's database stops answering (its port now leads nowhere).
    String macroId =
        call(
                "usermacro.get",
                Map.of("hostids", hostId, "filter", Map.of("macro", "{$PG.PORT}")),
                true)
            .get(0)
            .path("hostmacroid")
            .asText();
    call(
        "usermacro.update",
        Map.of("hostmacroid", macroId, "value", String.valueOf(Servers.freePort())),
        true);
    Servers.await(
        "the trigger 'PostgreSQL: service is down'",
        Duration.ofSeconds(90),
        () -> firingTriggers(hostId).contains("PostgreSQL: service is down"));
  }

  /**
   * The certificate trigger's horizon is 30 days (the seed's rule, like Prometheus's and ACM's): an
   * endpoint whose certificate has 29 days left raises it once three checks agree; one with 31 days
   * left never does, though its checks are just as many.
   */
  @Test
  void aCertificateWith29DaysLeftRaisesTheExpiryTriggerAndOneWith31DaysDoesNot() throws Exception {
    importTemplates();
    String templateId = templateId("Silver Jems TLS certificate by Zabbix agent 2");
    String trigger = "TLS certificate of localhost expires within 30 days";
    Map<Integer, String> hosts = new java.util.TreeMap<>();
    List<TlsTestServer> servers = new ArrayList<>();
    try {
      for (int days : List.of(29, 31)) {
        TlsTestServer server = TlsTestServer.selfSigned(Duration.ofDays(days));
        servers.add(server);
        int port = server.port();
        ObjectNode host = Templates.JSON.createObjectNode();
        host.put("host", "cert-" + days + "-days");
        host.putArray("groups").addObject().put("groupid", linuxServersGroupId());
        host.putArray("templates").addObject().put("templateid", templateId);
        agentInterface(host);
        ArrayNode macros = host.putArray("macros");
        macros.addObject().put("macro", "{$CERT.HOST}").put("value", "localhost");
        macros.addObject().put("macro", "{$CERT.PORT}").put("value", String.valueOf(port));
        macros.addObject().put("macro", "{$CERT.INTERVAL}").put("value", "5s");
        hosts.put(days, call("host.create", host, true).path("hostids").get(0).asText());
      }
      Servers.await(
          "the trigger '" + trigger + "' on the 29-day certificate",
          Duration.ofSeconds(120),
          () -> firingTriggers(hosts.get(29)).contains(trigger));
      Servers.await(
          "three checks of the 31-day certificate",
          Duration.ofSeconds(60),
          () -> historyCount(hosts.get(31), "silverjems.cert.not_after") >= 3);
      assertThat(firingTriggers(hosts.get(31))).doesNotContain(trigger);
    } finally {
      servers.forEach(TlsTestServer::close);
    }
  }

  /**
   * The deploy-time configuration (zabbix/host/configure-zabbix.sh, which the host's user data runs
   * at boot) against this real server, twice: the second run finds everything in place and changes
   * nothing it should not. Afterwards every template exists, the hosts are linked to theirs with
   * the macros given, and Admin logs in only with the new password.
   */
  @Test
  void theDeployScriptImportsTheTemplatesAndRegistersTheHostsIdempotently() throws Exception {
    Path bash = OsTool.require("bash", "bash");
    OsTool.require("curl", "curl");
    OsTool.require("jq", "jq");
    String newPassword = "deploy-" + Long.toHexString(System.nanoTime());
    List<String> command =
        List.of(
            bash.toString(),
            Templates.root().resolve("host/configure-zabbix.sh").toString(),
            "--api",
            api,
            "--templates",
            Templates.root().resolve("templates").toString(),
            "--host",
            "deploy-zabbix",
            "--agent-ip",
            "127.0.0.1",
            "--agent-port",
            String.valueOf(agentPort),
            "--db-host",
            "primary.db.internal",
            "--db-replica-host",
            "replica.db.internal",
            "--db-port",
            "6543",
            "--db-user",
            "silverjems_monitoring",
            "--redis-uri",
            "elasticache");
    for (int run = 1; run <= 2; run++) {
      ProcessBuilder script = new ProcessBuilder(command).redirectErrorStream(true);
      script.environment().put("ZABBIX_NEW_PASSWORD", newPassword);
      Process process = script.start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor()).as("run %d:%n%s", run, output).isZero();
      assertThat(output).contains(run == 1 ? "created host deploy-zabbix" : "updated host");
      if (run == 2) {
        assertThat(output).doesNotContain("changed Admin's password");
      }
    }

    // The default password is gone; the API answers the new one (the old session may be too).
    assertThat(loginFails("zabbix")).isTrue();
    token =
        call("user.login", Map.of("username", "Admin", "password", newPassword), false).asText();

    Map<String, JsonNode> byName = importTemplatesByName();
    for (JsonNode template : Templates.templates()) {
      assertThat(byName).containsKey(template.path("template").asText());
    }
    assertThat(linkedHost("deploy-zabbix"))
        .containsEntry(
            "templates",
            "Silver Jems Linux by Zabbix agent, Silver Jems PostgreSQL by"
                + " Zabbix agent, Silver Jems Redis by Zabbix agent 2")
        .containsEntry("{$PG.HOST}", "primary.db.internal")
        .containsEntry("{$PG.PORT}", "6543")
        .containsEntry("{$PG.USER}", "silverjems_monitoring")
        .containsEntry("{$REDIS.CONN.URI}", "elasticache")
        .containsEntry("interface", "127.0.0.1:" + agentPort)
        .containsEntry("hosts", "1");
    assertThat(linkedHost("deploy-zabbix-replica"))
        .containsEntry("templates", "Silver Jems PostgreSQL by Zabbix agent")
        .containsEntry("{$PG.HOST}", "replica.db.internal")
        .containsEntry("{$PG.PORT}", "6543")
        .doesNotContainKey("{$REDIS.CONN.URI}");
  }

  private static boolean loginFails(String password) {
    try {
      call("user.login", Map.of("username", "Admin", "password", password), false);
      return false;
    } catch (AssertionError expected) {
      return true;
    }
  }

  private static Map<String, JsonNode> importTemplatesByName() {
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    call("template.get", Map.of("output", List.of("host")), true)
        .forEach(t -> byName.put(t.path("host").asText(), t));
    return byName;
  }

  /** A host's linked templates (sorted), macros, agent interface and how many share its name. */
  private static Map<String, String> linkedHost(String name) {
    JsonNode hosts =
        call(
            "host.get",
            Map.of(
                "filter",
                Map.of("host", List.of(name)),
                "output",
                List.of("hostid"),
                "selectParentTemplates",
                List.of("host"),
                "selectMacros",
                List.of("macro", "value"),
                "selectInterfaces",
                List.of("ip", "port")),
            true);
    Map<String, String> seen = new java.util.TreeMap<>();
    seen.put("hosts", String.valueOf(hosts.size()));
    JsonNode host = hosts.get(0);
    List<String> templates = new ArrayList<>();
    host.path("parentTemplates").forEach(t -> templates.add(t.path("host").asText()));
    seen.put("templates", String.join(", ", templates.stream().sorted().toList()));
    host.path("macros").forEach(m -> seen.put(m.path("macro").asText(), m.path("value").asText()));
    JsonNode agent = host.path("interfaces").get(0);
    seen.put("interface", agent.path("ip").asText() + ":" + agent.path("port").asText());
    return seen;
  }

  /** Imports every template (idempotent: existing ones are updated); answers them by name. */
  private static Map<String, JsonNode> importTemplates() throws IOException {
    for (Path file : Templates.files()) {
      ObjectNode params = Templates.JSON.createObjectNode();
      params.put("format", "yaml");
      params.put("source", Files.readString(file));
      ObjectNode rules = params.putObject("rules");
      for (String rule :
          List.of("groups", "templates", "items", "triggers", "valueMaps", "templateLinkage")) {
        ObjectNode r = rules.putObject(rule);
        r.put("createMissing", true);
        if (!rule.equals("groups") && !rule.equals("templateLinkage")) {
          r.put("updateExisting", true);
        }
      }
      assertThat(call("configuration.import", params, true).asBoolean())
          .as(file.toString())
          .isTrue();
    }
    JsonNode templates =
        call(
            "template.get",
            Map.of(
                "output",
                List.of("templateid", "host"),
                "selectItems",
                "count",
                "selectTriggers",
                "count"),
            true);
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    templates.forEach(t -> byName.put(t.path("host").asText(), t));
    return byName;
  }

  private static String templateId(String name) throws IOException {
    return importTemplates().get(name).path("templateid").asText();
  }

  private static String linuxServersGroupId() {
    return call(
            "hostgroup.get",
            Map.of(
                "output", List.of("groupid"), "filter", Map.of("name", List.of("Linux servers"))),
            true)
        .get(0)
        .path("groupid")
        .asText();
  }

  /** The host is polled through the test's real agent 2. */
  private static void agentInterface(ObjectNode host) {
    host.putArray("interfaces")
        .addObject()
        .put("type", 1)
        .put("main", 1)
        .put("useip", 1)
        .put("ip", "127.0.0.1")
        .put("dns", "")
        .put("port", String.valueOf(agentPort));
  }

  private static int historyCount(String hostId, String key) {
    JsonNode item =
        call(
                "item.get",
                Map.of(
                    "hostids", hostId, "filter", Map.of("key_", key), "output", List.of("itemid")),
                true)
            .get(0);
    return call(
            "history.get",
            Map.of("itemids", item.path("itemid").asText(), "history", 3, "output", "extend"),
            true)
        .size();
  }

  private static String pingValue(String hostId) {
    JsonNode items =
        call(
            "item.get",
            Map.of(
                "hostids",
                hostId,
                "search",
                Map.of("key_", "silverjems.pgsql.ping"),
                "output",
                List.of("lastvalue", "lastclock")),
            true);
    return items.get(0).path("lastclock").asLong() > 0
        ? items.get(0).path("lastvalue").asText()
        : "";
  }

  private static List<String> firingTriggers(String hostId) {
    List<String> names = new ArrayList<>();
    call(
            "trigger.get",
            Map.of(
                "hostids",
                hostId,
                "filter",
                Map.of("value", 1),
                "output",
                List.of("description"),
                // Names carry macros ({$CERT.HOST}); compare them as Zabbix shows them.
                "expandDescription",
                true),
            true)
        .forEach(t -> names.add(t.path("description").asText()));
    return names;
  }

  private static String apiVersion() {
    return call("apiinfo.version", Map.of(), false).asText();
  }

  private static JsonNode call(String method, Object params, boolean authenticated) {
    try {
      ObjectNode request = Templates.JSON.createObjectNode();
      request.put("jsonrpc", "2.0");
      request.put("method", method);
      request.set("params", Templates.JSON.valueToTree(params));
      if (authenticated) {
        request.put("auth", token);
      }
      request.put("id", 1);
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(api))
                  .timeout(Duration.ofSeconds(120))
                  .header("Content-Type", "application/json-rpc")
                  .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = Templates.JSON.readTree(response.body());
      if (body.has("error")) {
        throw new AssertionError(method + " failed: " + body.get("error"));
      }
      return body.path("result");
    } catch (IOException e) {
      throw new IllegalStateException(method + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void loadSql(Path psql, Path gz) throws Exception {
    Process process =
        new ProcessBuilder(
                psql.toString(),
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(postgres.getPort()),
                "-U",
                "postgres",
                "-d",
                "zabbix")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("psql-" + gz.getFileName() + ".log").toFile())
            .start();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
        OutputStream out = process.getOutputStream()) {
      in.transferTo(out);
    }
    assertThat(process.waitFor())
        .as(
            "loading %s: %s",
            gz, Files.readString(work.resolve("psql-" + gz.getFileName() + ".log")))
        .isZero();
  }
}
