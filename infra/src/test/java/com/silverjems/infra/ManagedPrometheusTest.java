package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every alert of {@code grafana-provisioning/rules} evaluates in AWS: the synthesized AMP rule
 * groups namespaces are the repository's rule files byte for byte (one per file, none missing, none
 * extra; promtool proves those files in grafana-provisioning), and the workspace's Alertmanager is
 * the repository's definition with the environment's alarm topic filled in.
 */
class ManagedPrometheusTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Path REPO_OPS = Path.of("..", "grafana-provisioning");

  @Test
  void theRuleGroupsNamespacesAreTheRepositorysRuleFilesByteForByte() throws IOException {
    Map<String, String> files;
    try (Stream<Path> list = Files.list(REPO_OPS.resolve("rules"))) {
      files =
          list.filter(f -> f.getFileName().toString().endsWith(".rules.yml"))
              .collect(
                  Collectors.toMap(
                      f -> f.getFileName().toString().replace(".rules.yml", ""),
                      ManagedPrometheusTest::read,
                      (a, b) -> a,
                      TreeMap::new));
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (var env : platform.environments) {
      Template template = platform.template(env.observability());
      Map<String, String> synthesized = new TreeMap<>();
      template
          .findResources("AWS::APS::RuleGroupsNamespace")
          .values()
          .forEach(
              resource -> {
                Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");
                synthesized.put((String) properties.get("Name"), (String) properties.get("Data"));
                assertThat(properties.get("Workspace").toString()).contains("PrometheusWorkspace");
              });
      assertThat(synthesized.keySet()).as(env.environment().name()).isEqualTo(files.keySet());
      files.forEach(
          (name, text) ->
              assertThat(synthesized.get(name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .as("%s rule file %s", env.environment().name(), name)
                  .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      template.resourceCountIs("AWS::APS::Workspace", 1);
    }
  }

  @Test
  void theAlertmanagerIsTheRepositorysDefinitionNotifyingTheAlarmTopic() {
    String repository = read(REPO_OPS.resolve("alertmanager/alertmanager.yml"));
    for (var env : platform.environments) {
      Map<String, Map<String, Object>> workspaces =
          platform.template(env.observability()).findResources("AWS::APS::Workspace");
      Map<?, ?> properties = (Map<?, ?>) workspaces.values().iterator().next().get("Properties");
      String definition = (String) properties.get("AlertManagerDefinition");
      assertThat(definition).startsWith("alertmanager_config: |\n").doesNotContain("${");
      String config =
          definition
              .lines()
              .skip(1)
              .map(line -> line.startsWith("  ") ? line.substring(2) : line)
              .collect(Collectors.joining("\n", "", "\n"));
      String topic =
          "arn:aws:sns:"
              + env.environment().region()
              + ":"
              + env.environment().account()
              + ":"
              + env.environment().prefix()
              + "-alarms";
      assertThat(config)
          .isEqualTo(
              repository
                  .replace("${ALARM_TOPIC_ARN}", topic)
                  .replace("${AWS_REGION}", env.environment().region()));
      assertThat(config).contains("topic_arn: " + topic);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
