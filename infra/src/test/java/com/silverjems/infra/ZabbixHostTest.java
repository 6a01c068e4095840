package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Zabbix runs on one EC2 host per environment whose user data is {@code zabbix/host/user-data.sh}
 * (with the repository's UserParameters inside, byte for byte): agent 2 and the server get
 * installed at first boot; the host alone is admitted to RDS and ElastiCache, reads only the
 * monitoring role's and the cache token's secrets, and takes no inbound traffic.
 */
class ZabbixHostTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Template observability = platform.template(platform.prod().observability());
  private static final Template data = platform.template(platform.prod().data());

  @Test
  void theUserDataIsTheRepositorysScriptWithTheUserParametersInside() throws IOException {
    String script = Files.readString(Path.of("..", "zabbix/host/user-data.sh"));
    String userParameters =
        Files.readString(Path.of("..", "zabbix/agent/userparameter_silverjems_pgsql.conf"));
    String synthesized = userData();
    for (String line : script.lines().toList()) {
      if (!line.contains("@")) {
        assertThat(synthesized).as("user data line %s", line).contains(line);
      }
    }
    assertThat(synthesized).contains(userParameters.stripTrailing()).doesNotContain("@DB_HOST@");
    assertThat(synthesized)
        .contains("zabbix-agent2")
        .contains("zabbix-server-pgsql")
        .contains("DatabaseRolesMONITORING")
        .contains("CacheAuthToken")
        .contains("CachePrimaryEndPointAddress");
  }

  @Test
  void theHostIsAdmittedToTheDataStoresAndNothingIsAdmittedToIt() {
    for (int port : List.of(5432, 6379)) {
      observability.hasResourceProperties(
          "AWS::EC2::SecurityGroupIngress",
          Map.of(
              "FromPort",
              port,
              "SourceSecurityGroupId",
              Map.of(
                  "Fn::GetAtt",
                  List.of(Match.stringLikeRegexp("ZabbixSecurityGroup.*"), "GroupId"))));
    }
    observability.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Map.of(
            "GroupDescription",
            Match.stringLikeRegexp("Zabbix host.*"),
            "SecurityGroupIngress",
            Match.absent()));
    observability.hasResourceProperties(
        "AWS::EC2::Instance",
        Map.of(
            "Monitoring",
            true,
            "BlockDeviceMappings",
            List.of(Match.objectLike(Map.of("Ebs", Match.objectLike(Map.of("Encrypted", true)))))));
    observability.hasResourceProperties(
        "AWS::EC2::LaunchTemplate",
        Map.of("LaunchTemplateData", Map.of("MetadataOptions", Map.of("HttpTokens", "required"))));
  }

  /**
   * The contract between the stack, the user data and the templates: the user data calls
   * configure-zabbix.sh with the variables that hold this stack's real endpoints (each resolved
   * from the synthesized templates to the RDS instance, replica, replication group or secret it
   * names), and every host macro the script sets is one the repository's templates declare.
   */
  @Test
  void theUserDataConfiguresZabbixWithTheStacksEndpoints() throws IOException {
    String script = Files.readString(Path.of("..", "zabbix/host/user-data.sh"));
    Map<String, String> flags =
        Map.of(
            "--db-host", "DB_HOST",
            "--db-replica-host", "DB_REPLICA_HOST",
            "--db-port", "DB_PORT",
            "--db-user", "MONITORING_USER",
            "--redis-uri", "REDIS_SESSION",
            "--host", "ZABBIX_HOST_NAME");
    String call =
        script.substring(script.indexOf("bash /opt/silverjems/zabbix/host/configure-zabbix.sh"));
    flags.forEach((flag, variable) -> assertThat(call).contains(flag + " \"$" + variable + "\""));
    assertThat(script).contains("ZABBIX_NEW_PASSWORD=$(secret \"$ADMIN_PASSWORD_SECRET\")");

    String primary = dbInstance(false);
    String replica = dbInstance(true);
    String cache =
        data.findResources("AWS::ElastiCache::ReplicationGroup").keySet().iterator().next();
    assertThat(resolved("DB_HOST")).isEqualTo(getAtt(primary, "Endpoint.Address"));
    assertThat(resolved("DB_REPLICA_HOST")).isEqualTo(getAtt(replica, "Endpoint.Address"));
    assertThat(resolved("DB_PORT")).isEqualTo(getAtt(primary, "Endpoint.Port"));
    assertThat(resolved("CACHE_HOST")).isEqualTo(getAtt(cache, "PrimaryEndPoint.Address"));
    assertThat(resolved("CACHE_PORT")).isEqualTo(getAtt(cache, "PrimaryEndPoint.Port"));
    String adminSecret =
        observability
            .findResources(
                "AWS::SecretsManager::Secret",
                Map.of(
                    "Properties",
                    Map.of("Description", Match.stringLikeRegexp("Zabbix's Admin password.*"))))
            .keySet()
            .iterator()
            .next();
    assertThat(resolved("ADMIN_PASSWORD_SECRET")).isEqualTo(Map.of("Ref", adminSecret));
    assertThat(userData())
        .contains("ZABBIX_HOST_NAME='" + platform.prod().environment().prefix() + "-zabbix'");

    // The Redis session agent 2 defines is the {$REDIS.CONN.URI} the hosts get.
    String session = userData().replaceAll("(?s).*\nREDIS_SESSION='([^']+)'.*", "$1");
    assertThat(script).contains("Plugins.Redis.Sessions.${REDIS_SESSION}.Uri=");
    assertThat(session).isNotBlank().doesNotContain("\n");

    // Every macro the script sets and every template it links is the templates' own.
    String configure = Files.readString(Path.of("..", "zabbix/host/configure-zabbix.sh"));
    StringBuilder templates = new StringBuilder();
    try (var files = Files.list(Path.of("..", "zabbix/templates"))) {
      for (Path file : files.toList()) {
        templates.append(Files.readString(file));
      }
    }
    var macros = java.util.regex.Pattern.compile("\\bmacro ([A-Z][A-Z0-9_.]+) ").matcher(configure);
    int count = 0;
    while (macros.find()) {
      count++;
      assertThat(templates).as(macros.group(1)).contains("- macro: '{$" + macros.group(1) + "}'");
    }
    assertThat(count).isGreaterThanOrEqualTo(4);
    var linked = java.util.regex.Pattern.compile("template_id '([^']+)'").matcher(configure);
    while (linked.find()) {
      assertThat(templates).contains("    template: " + linked.group(1) + "\n");
    }

    // The host downloads the script and the templates, and only them, from the stack's asset.
    try (var staged = Files.list(SynthesisedPlatform.OUTDIR)) {
      Path asset =
          staged
              .filter(dir -> Files.exists(dir.resolve("host/configure-zabbix.sh")))
              .findFirst()
              .orElseThrow();
      try (var inside = Files.list(asset)) {
        assertThat(inside.map(f -> f.getFileName().toString()).sorted().toList())
            .containsExactly("host", "templates");
      }
      String hash = asset.getFileName().toString().replace("asset.", "");
      assertThat(userData()).containsPattern("\nZABBIX_FILES='s3://[^']+/" + hash + "\\.zip'\n");
      assertThat(asset.resolve("templates/silverjems-redis.yaml")).exists();
    }
  }

  private static String dbInstance(boolean replica) {
    return data.findResources("AWS::RDS::DBInstance").entrySet().stream()
        .filter(
            e ->
                replica
                    == ((Map<?, ?>) e.getValue().get("Properties"))
                        .containsKey("SourceDBInstanceIdentifier"))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  /**
   * The value the synthesized user data gives {@code VARIABLE='...'}: the token after it, followed
   * across the stack boundary (Fn::ImportValue) to what the data stack exports.
   */
  @SuppressWarnings("unchecked")
  private static Object resolved(String variable) {
    List<Object> parts = userDataParts();
    for (int i = 0; i < parts.size() - 1; i++) {
      if (parts.get(i) instanceof String text && text.endsWith("\n" + variable + "='")) {
        Object token = parts.get(i + 1);
        if (token instanceof Map<?, ?> map && map.containsKey("Fn::ImportValue")) {
          Object name = map.get("Fn::ImportValue");
          Map<String, Object> outputs = (Map<String, Object>) data.toJSON().get("Outputs");
          for (Object output : outputs.values()) {
            Map<String, Object> o = (Map<String, Object>) output;
            Map<String, Object> export = (Map<String, Object>) o.get("Export");
            if (export != null && name.equals(export.get("Name"))) {
              return o.get("Value");
            }
          }
          throw new AssertionError("no export " + name);
        }
        return token;
      }
    }
    throw new AssertionError(variable + " is no token of the user data");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> userDataParts() {
    Map<String, Map<String, Object>> instances = observability.findResources("AWS::EC2::Instance");
    Map<String, Object> properties =
        (Map<String, Object>) instances.values().iterator().next().get("Properties");
    Object content = ((Map<String, Object>) properties.get("UserData")).get("Fn::Base64");
    return (List<Object>) ((List<Object>) ((Map<String, Object>) content).get("Fn::Join")).get(1);
  }

  @SuppressWarnings("unchecked")
  private static String userData() {
    Map<String, Map<String, Object>> instances = observability.findResources("AWS::EC2::Instance");
    assertThat(instances).hasSize(1);
    Map<String, Object> properties =
        (Map<String, Object>) instances.values().iterator().next().get("Properties");
    Map<String, Object> base64 = (Map<String, Object>) properties.get("UserData");
    Object content = base64.get("Fn::Base64");
    if (content instanceof String text) {
      return text;
    }
    List<Object> join = (List<Object>) ((Map<String, Object>) content).get("Fn::Join");
    StringBuilder text = new StringBuilder();
    for (Object part : (List<Object>) join.get(1)) {
      text.append(part instanceof String s ? s : String.valueOf(part));
    }
    return text.toString();
  }
}
