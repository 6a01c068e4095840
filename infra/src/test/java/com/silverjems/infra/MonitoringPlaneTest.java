package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.InfraApp.PlatformStacks;
import com.silverjems.infra.config.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The collector and the exporters the rule files need run as ECS services: the collector's
 * configuration (as synthesized) scrapes every component's tasks on the port the component serves,
 * each exporter by the name it registers under; the exporters reach PostgreSQL and Redis through
 * their own security groups, Redis over TLS with its AUTH token, PostgreSQL as the monitoring role;
 * the CloudWatch exporter's region is the environment's, written out.
 */
class MonitoringPlaneTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void theCollectorScrapesEveryTaskOfEveryComponentAndEveryExporter() {
    for (PlatformStacks env : platform.environments) {
      Map<String, Map<String, Object>> monitoring = monitoringContainers(env);
      String config = environment(monitoring.get("collector")).get("PROMETHEUS_CONFIG");
      assertThat(config).as("no placeholder left").doesNotContain("${");
      String namespace = env.environment().name() + ".silverjems.internal";
      Template services = platform.template(env.services());
      services.hasResourceProperties(
          "AWS::ServiceDiscovery::PrivateDnsNamespace", Map.of("Name", namespace));
      for (Component component : Component.values()) {
        services.hasResourceProperties(
            "AWS::ServiceDiscovery::Service",
            Map.of(
                "Name",
                component.serviceName(),
                "DnsConfig",
                Match.objectLike(Map.of("DnsRecords", List.of(Map.of("TTL", 10, "Type", "A"))))));
        assertThat(portOf(config, component.serviceName() + "." + namespace))
            .as(component.serviceName())
            .isEqualTo(component.containerPort());
      }
      Template observability = platform.template(env.observability());
      for (String exporter :
          List.of(
              "postgres-exporter", "redis-exporter", "blackbox-exporter", "cloudwatch-exporter")) {
        observability.hasResourceProperties(
            "AWS::ServiceDiscovery::Service", Map.of("Name", exporter));
        assertThat(config).contains(exporter + "." + namespace);
      }
      // Every port the collector scrapes an exporter on is one its container serves.
      Matcher scraped =
          Pattern.compile(
                  "([a-z-]+-exporter)\\."
                      + Pattern.quote(namespace)
                      + "'?\\]?\\s*(?:\\n\\s*type: A\\n\\s*port: |:)(\\d+)")
              .matcher(config);
      int targets = 0;
      while (scraped.find()) {
        targets++;
        int port = Integer.parseInt(scraped.group(2));
        assertThat(monitoring.values().stream().anyMatch(c -> ports(c).contains(port)))
            .as("%s:%d is served by a monitoring container", scraped.group(1), port)
            .isTrue();
      }
      assertThat(targets).isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void theCollectorIsAdmittedToEachComponentsPortAndWritesOnlyToItsWorkspace() {
    Template observability = platform.template(platform.prod().observability());
    for (Component component : Component.values()) {
      observability.hasResourceProperties(
          "AWS::EC2::SecurityGroupIngress",
          Map.of(
              "IpProtocol", "tcp",
              "FromPort", component.containerPort(),
              "ToPort", component.containerPort(),
              "SourceSecurityGroupId", Match.objectLike(Map.of()),
              "Description",
                  "collector scrapes " + component.serviceName() + " /actuator/prometheus"));
    }
    observability.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Action",
                            "aps:RemoteWrite",
                            "Resource",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("PrometheusWorkspace.*"), "Arn"))))),
                "Version",
                "2012-10-17")));
  }

  @Test
  void theExportersReachTheDataStoresThroughTheirOwnSecurityGroups() {
    Template observability = platform.template(platform.prod().observability());
    Map<String, Map<String, Object>> monitoring = monitoringContainers(platform.prod());
    for (var entry : Map.of("PostgreSQL", 5432, "Redis", 6379).entrySet()) {
      observability.hasResourceProperties(
          "AWS::EC2::SecurityGroupIngress",
          Map.of(
              "IpProtocol", "tcp",
              "FromPort", entry.getValue(),
              "ToPort", entry.getValue(),
              "SourceSecurityGroupId",
                  Map.of(
                      "Fn::GetAtt",
                      List.of(
                          Match.stringLikeRegexp(
                              "Monitoring"
                                  + (entry.getValue() == 5432 ? "postgres" : "redis")
                                  + "exporterSecurityGroup.*"),
                          "GroupId"))));
    }
    Map<String, String> redis = environment(monitoring.get("redis-exporter"));
    // rediss:// is TLS; the address is the replication group's primary endpoint.
    assertThat(redis.get("REDIS_ADDR"))
        .contains("[rediss://, ")
        .contains("CachePrimaryEndPointAddress");
    assertThat(secrets(monitoring.get("redis-exporter")).get("REDIS_PASSWORD"))
        .contains("CacheAuthToken");
    for (String role : List.of("primary", "replica")) {
      Map<String, Object> pg = monitoring.get("postgres-exporter-" + role);
      assertThat(environment(pg).get("DATA_SOURCE_URI"))
          .contains("/silverjems?sslmode=require")
          .contains(role.equals("primary") ? "DatabaseB269D8BB" : "DatabaseReplica");
      assertThat(secrets(pg).get("DATA_SOURCE_USER")).contains("DatabaseRolesMONITORING");
      assertThat(secrets(pg).get("DATA_SOURCE_PASS")).contains("DatabaseRolesMONITORING");
      assertThat(environment(pg).get("PG_QUERIES"))
          .isEqualTo(read(Path.of("..", "grafana-provisioning/exporters/postgres-queries.yaml")));
    }
  }

  @Test
  void theCloudWatchExportersRegionsAreWrittenOut() {
    String regional =
        read(Path.of("..", "grafana-provisioning/exporters/cloudwatch-exporter.yaml"));
    assertThat(regional).doesNotContain("${");
    for (PlatformStacks env : platform.environments) {
      assertThat(regional).containsPattern("(?m)^region: " + env.environment().region() + "$");
      Map<String, Map<String, Object>> monitoring = monitoringContainers(env);
      assertThat(
              environment(monitoring.get("cloudwatch-exporter-regional")).get("CLOUDWATCH_CONFIG"))
          .isEqualTo(regional);
      assertThat(
              environment(monitoring.get("cloudwatch-exporter-us-east-1")).get("CLOUDWATCH_CONFIG"))
          .containsPattern("(?m)^region: us-east-1$");
    }
  }

  @Test
  void grafanaRunsTheProvisioningImageWithEveryVariableItsFilesReference() throws IOException {
    Path ops = Path.of("..", "grafana-provisioning");
    java.util.Set<String> referenced = new java.util.TreeSet<>();
    try (var files = Files.walk(ops.resolve("provisioning"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)\\}").matcher(read(file));
        while (variable.find()) {
          referenced.add(variable.group(1));
        }
      }
    }
    assertThat(referenced).contains("AMP_QUERY_URL", "ONCALL_SNS_TOPIC_ARN");
    for (PlatformStacks env : platform.environments) {
      Map<String, Object> grafana = monitoringContainers(env).get("grafana");
      assertThat(environment(grafana).keySet()).containsAll(referenced);
      assertThat(environment(grafana).get("ONCALL_SNS_TOPIC_ARN"))
          .isEqualTo(
              "arn:aws:sns:"
                  + env.environment().region()
                  + ":"
                  + env.environment().account()
                  + ":"
                  + env.environment().prefix()
                  + "-alarms");
      assertThat(String.valueOf(grafana.get("Image"))).as("built by cdk deploy").contains("cdk-");
    }
    // The image puts the files where Grafana and the dashboards provider read them.
    String dockerfile = read(ops.resolve("Dockerfile"));
    assertThat(dockerfile).contains("COPY provisioning/ /etc/grafana/provisioning/");
    Matcher path =
        Pattern.compile("path: (\\S+)")
            .matcher(read(ops.resolve("provisioning/dashboards/dashboards.yaml")));
    assertThat(path.find()).isTrue();
    assertThat(dockerfile).contains("COPY dashboards/ " + path.group(1) + "/");
  }

  /** Container name -> definition, for the tasks of the monitoring families only. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> monitoringContainers(PlatformStacks env) {
    Map<String, Map<String, Object>> containers = new HashMap<>();
    for (Map<String, Object> task :
        platform.template(env.observability()).findResources("AWS::ECS::TaskDefinition").values()) {
      Map<String, Object> properties = NetworkAndExposureTest.properties(task);
      assertThat((String) properties.get("Family"))
          .startsWith(env.environment().prefix() + "-monitoring-");
      for (Map<String, Object> c :
          (List<Map<String, Object>>) properties.get("ContainerDefinitions")) {
        containers.put((String) c.get("Name"), c);
      }
    }
    assertThat(containers).containsKeys("collector", "redis-exporter", "blackbox-exporter");
    return containers;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> e :
        (List<Map<String, Object>>) container.getOrDefault("Environment", List.of())) {
      Object value = e.get("Value");
      env.put((String) e.get("Name"), value instanceof String s ? s : String.valueOf(value));
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> secrets(Map<String, Object> container) {
    Map<String, String> secrets = new HashMap<>();
    for (Map<String, Object> e :
        (List<Map<String, Object>>) container.getOrDefault("Secrets", List.of())) {
      secrets.put((String) e.get("Name"), String.valueOf(e.get("ValueFrom")));
    }
    return secrets;
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> ports(Map<String, Object> container) {
    return ((List<Map<String, Object>>) container.getOrDefault("PortMappings", List.of()))
        .stream().map(p -> ((Number) p.get("ContainerPort")).intValue()).toList();
  }

  /** The port of the dns_sd_configs entry that names {@code dnsName}. */
  private static int portOf(String config, String dnsName) {
    int at = config.indexOf(dnsName);
    assertThat(at).as("%s is scraped", dnsName).isNotNegative();
    Matcher port = Pattern.compile("port: (\\d+)").matcher(config);
    assertThat(port.find(at)).isTrue();
    return Integer.parseInt(port.group(1));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
