package com.silverjems.opsctl.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.infra.InfraApp;
import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between infra's alarm names and {@code opsctl status}: every CloudWatch alarm in the
 * synthesized templates is named {@code <cluster>-...}, and status shows each one, under the ECS
 * service it is named after or among the platform alarms. Reads the templates infra's CDK app
 * synthesizes (the same app its own tests synthesize into infra/target/cdk.out).
 */
class InfraAlarmNamesTest {

  static final String CLUSTER = "silverjems-prod";
  static final List<String> ALARMS = new ArrayList<>();
  static final TreeSet<String> SERVICES = new TreeSet<>();

  /** Where infra's own tests synthesize the app; in the reactor build infra runs first. */
  static final Path INFRA_OUT = Path.of("..", "infra", "target", "cdk.out");

  @BeforeAll
  static void synthesize(@TempDir Path fresh) throws IOException {
    Path out = INFRA_OUT;
    if (!upToDate(out)) {
      // infra's tests did not run since its sources changed: synthesize here (about a minute),
      // in infra's folder, where its stacks find the files they load (CloudFront functions).
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  InfraApp.class.getName())
              .directory(Path.of("..", "infra").toFile())
              .redirectErrorStream(true)
              .redirectOutput(fresh.resolve("synth.log").toFile());
      builder.environment().put("CDK_OUTDIR", fresh.resolve("cdk.out").toString());
      builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
      Process synth = builder.start();
      try {
        assertThat(synth.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      assertThat(synth.exitValue()).as(Files.readString(fresh.resolve("synth.log"))).isZero();
      out = fresh.resolve("cdk.out");
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".template.json")).toList()) {
        JsonNode resources = json.readTree(file.toFile()).path("Resources");
        for (JsonNode resource : resources) {
          JsonNode properties = resource.path("Properties");
          switch (resource.path("Type").asText()) {
            case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm" -> {
              String name = properties.path("AlarmName").asText();
              if (name.startsWith(CLUSTER + "-")) {
                ALARMS.add(name);
              }
            }
            case "AWS::ECS::Service" -> {
              if (file.getFileName().toString().startsWith(CLUSTER)) {
                SERVICES.add(properties.path("ServiceName").asText());
              }
            }
            default -> {}
          }
        }
      }
    }
  }

  /** Templates newer than every source file of infra's app. */
  private static boolean upToDate(Path out) throws IOException {
    Path manifest = out.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    long synthesized = Files.getLastModifiedTime(manifest).toMillis();
    try (Stream<Path> sources = Files.walk(Path.of("..", "infra", "src", "main"))) {
      return sources.allMatch(
          f -> {
            try {
              return Files.getLastModifiedTime(f).toMillis() <= synthesized;
            } catch (IOException e) {
              return false;
            }
          });
    }
  }

  @Test
  void infraNamesTheServicesStatusKnows() {
    assertThat(SERVICES).containsExactlyInAnyOrderElementsOf(StatusCommand.KNOWN_SERVICES);
  }

  @Test
  void everyAlarmInfraDefinesIsShownUnderItsServiceOrAmongThePlatformAlarms() throws Exception {
    assertThat(ALARMS).as("prod alarms in the templates").hasSizeGreaterThan(5);
    try (AwsStubs aws = new AwsStubs()) {
      String arn = "arn:aws:ecs:eu-west-1:123456789012:";
      List<String> arns =
          SERVICES.stream().map(s -> "\"" + arn + "service/" + CLUSTER + "/" + s + "\"").toList();
      aws.ecs("ListServices", "{\"serviceArns\":[" + String.join(",", arns) + "]}");
      List<String> services = new ArrayList<>();
      for (String service : SERVICES) {
        services.add(
            """
            {"serviceName":"%1$s","status":"ACTIVE","desiredCount":1,"runningCount":1,"pendingCount":0,
             "taskDefinition":"%2$stask-definition/%1$s:1","deployments":[],"events":[]}
            """
                .formatted(service, arn));
      }
      aws.ecs(
          "DescribeServices",
          "{\"services\":[" + String.join(",", services) + "],\"failures\":[]}");
      aws.ecs(
          "DescribeTaskDefinition",
          "{\"taskDefinition\":{\"family\":\"x\",\"revision\":1,\"containerDefinitions\":[]},\"tags\":[]}");
      aws.ecs("ListTasks", "{\"taskArns\":[]}");
      List<Map<String, Object>> alarms = new ArrayList<>();
      for (String name : ALARMS) {
        alarms.add(Map.of("AlarmName", name, "StateValue", "OK", "StateUpdatedTimestamp", 1.7E9));
      }
      aws.cloudWatch(
          "DescribeAlarms", Map.of("MetricAlarms", alarms, "CompositeAlarms", List.of()));

      Result result = CliRun.aws(aws.endpoint()).run("status", "--tasks", "0");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      for (String alarm : ALARMS) {
        assertThat(result.out()).as(alarm).contains(alarm);
      }
      for (String service : StatusCommand.COMPONENT_SERVICES) {
        String section = result.out().substring(result.out().indexOf("\n" + service + "  circuit"));
        assertThat(section)
            .as(service + " shows its deployment alarm")
            .contains("alarm " + CLUSTER + "-" + service + "-deployment: OK since");
      }
      assertThat(result.out())
          .containsPattern(
              "platform alarms .*\\n(.*\\n)*\\s+" + CLUSTER + "-api-5xx\\s+eu-west-1\\s+OK");
    }
  }
}
