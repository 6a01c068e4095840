package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.Environments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GitHub workflows: same build as the README, pinned actions, least privilege, no races. */
class WorkflowsTest {

  private static final List<String> WORKFLOWS =
      List.of("ci.yml", "deploy.yml", "deploy-test.yml", "release.yml");
  private static final Pattern PINNED =
      Pattern.compile("^[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}$");

  @Test
  void theReadmeHasExactlyTwoCommandsRunThePlatformAndRunTheTests() {
    assertThat(readmeCommands())
        .containsExactly("./mvnw -q -pl shop/app -am spring-boot:test-run", "./mvnw verify");
  }

  @Test
  void everyWorkflowBuildsWithTheReadmesTestCommandAndNothingElse() {
    String readmeTestCommand = readmeCommands().get(1);
    for (String workflow : WORKFLOWS) {
      List<String> builds = mavenCommands(workflow);
      if (builds.isEmpty()) {
        // deploy-test and release build through the reusable deploy workflow.
        assertThat(calledWorkflows(workflow))
            .as(workflow)
            .contains("./.github/workflows/deploy.yml");
        continue;
      }
      assertThat(builds)
          .as(workflow + " runs the README's test command (with -B for CI logs)")
          .allSatisfy(
              command -> assertThat(withoutBatchMode(command)).isEqualTo(readmeTestCommand));
    }
    assertThat(mavenCommands("ci.yml")).containsExactly("./mvnw -B verify");
    assertThat(mavenCommands("deploy.yml")).containsExactly("./mvnw -B verify");
    String ciRun = Repository.read(".ci/run");
    assertThat(ciRun.lines().filter(line -> line.startsWith("./mvnw")))
        .containsExactly("./mvnw -B verify");
  }

  @Test
  void everyActionIsPinnedToAFullCommitSha() {
    int actions = 0;
    for (String workflow : WORKFLOWS) {
      for (Map<String, Object> step : steps(workflow)) {
        Object uses = step.get("uses");
        if (uses != null) {
          actions++;
          assertThat(uses.toString()).as(workflow).matches(PINNED);
        }
      }
    }
    assertThat(actions).isGreaterThan(10);
  }

  @Test
  void permissionsAreLeastPrivilege() {
    for (String workflow : WORKFLOWS) {
      Map<String, Object> document = Repository.yaml(".github/workflows/" + workflow);
      assertThat(document)
          .as(workflow + " declares top-level permissions")
          .containsKey("permissions");
      Object top = document.get("permissions");
      assertThat(top).as(workflow).isIn(Map.of(), Map.of("contents", "read"));
      for (var job : jobs(workflow).entrySet()) {
        Map<?, ?> permissions = (Map<?, ?>) job.getValue().getOrDefault("permissions", Map.of());
        for (var grant : permissions.entrySet()) {
          if (!"write".equals(grant.getValue())) {
            continue;
          }
          String where = workflow + "/" + job.getKey() + ": " + grant.getKey();
          if (grant.getKey().equals("id-token")) {
            // OIDC to AWS, only in jobs that run in a deployment environment (or call them).
            assertThat(
                    job.getValue().containsKey("environment") || job.getValue().containsKey("uses"))
                .as(where)
                .isTrue();
          } else {
            assertThat(where).isEqualTo("release.yml/release-entry: contents");
          }
        }
      }
    }
  }

  @Test
  void twoDeploymentsOfAnEnvironmentNeverRace() {
    for (String workflow : List.of("deploy-test.yml", "release.yml")) {
      Map<?, ?> concurrency =
          (Map<?, ?>) Repository.yaml(".github/workflows/" + workflow).get("concurrency");
      assertThat(concurrency.get("cancel-in-progress")).as(workflow).isEqualTo(false);
      assertThat(concurrency.get("group")).as(workflow).isNotNull();
    }
    Map<?, ?> ci = (Map<?, ?>) Repository.yaml(".github/workflows/ci.yml").get("concurrency");
    assertThat(ci.get("group").toString()).contains("github.ref");
  }

  @Test
  void theRolloutCoversEveryComponentWithItsImage() {
    Map<String, Object> services = jobs("deploy.yml").get("services");
    Map<?, ?> matrix = (Map<?, ?>) ((Map<?, ?>) services.get("strategy")).get("matrix");
    List<?> include = (List<?>) matrix.get("include");
    List<String> rolledOut = new ArrayList<>();
    for (Object entry : include) {
      Map<?, ?> row = (Map<?, ?>) entry;
      rolledOut.add(row.get("service") + " <- " + row.get("image"));
    }
    assertThat(rolledOut)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Component.values())
                .map(c -> c.serviceName() + " <- " + c.imageRepository())
                .toList());
  }

  @Test
  void theWorkflowsAssumeTheRolesAndAlertTheTopicThatInfraCreates() {
    String deploy = Repository.read(".github/workflows/deploy.yml");
    var env = Environments.prod();
    String template = "silverjems-${{ inputs.environment }}";
    assertThat(env.prefix()).isEqualTo(template.replace("${{ inputs.environment }}", "prod"));
    assertThat(deploy)
        .contains("role/" + template + "-github-release")
        .contains("role/" + template + "-github-cdk")
        .contains(":" + template + "-alarms");
    assertThat(CiAccessStack.alarmTopicName(env)).isEqualTo(env.prefix() + "-alarms");
    assertThat(deploy).contains("CLUSTER: " + template);
    assertThat(env.clusterName()).isEqualTo(env.prefix());
  }

  @Test
  void releaseTakesItsNotesFromTheChangelog() {
    assertThat(Repository.read(".github/workflows/release.yml"))
        .contains(".github/scripts/changelog-entry.sh CHANGELOG.md");
  }

  @Test
  void dependabotWatchesMavenNpmActionsAndBaseImages() {
    List<?> updates = (List<?>) Repository.yaml(".github/dependabot.yml").get("updates");
    assertThat(updates.stream().map(u -> String.valueOf(((Map<?, ?>) u).get("package-ecosystem"))))
        .contains("maven", "npm", "github-actions", "docker");
  }

  private static List<String> readmeCommands() {
    String readme = Repository.read("README.md");
    Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a bash block").isTrue();
    return block
        .group(1)
        .lines()
        .map(line -> line.replaceFirst("#.*$", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }

  private static List<String> mavenCommands(String workflow) {
    List<String> commands = new ArrayList<>();
    for (Map<String, Object> step : steps(workflow)) {
      Object run = step.get("run");
      if (run != null) {
        run.toString()
            .lines()
            .map(String::strip)
            .filter(l -> l.contains("./mvnw"))
            .forEach(commands::add);
      }
    }
    return commands;
  }

  private static String withoutBatchMode(String command) {
    return command.replace(" -B ", " ");
  }

  private static List<String> calledWorkflows(String workflow) {
    return jobs(workflow).values().stream()
        .map(job -> job.get("uses"))
        .filter(java.util.Objects::nonNull)
        .map(Object::toString)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jobs(String workflow) {
    return (Map<String, Map<String, Object>>)
        Repository.yaml(".github/workflows/" + workflow).get("jobs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(String workflow) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> job : jobs(workflow).values()) {
      Object steps = job.get("steps");
      if (steps != null) {
        all.addAll((List<Map<String, Object>>) steps);
      }
    }
    return all;
  }
}
