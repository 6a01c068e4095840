package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release scripts, run with bash against a stand-in {@code aws} on the PATH that answers as the
 * AWS CLI does for {@code --output text}.
 */
class ReleaseScriptsTest {

  private static final String NEW =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/silverjems-prod-shop-api:8";
  private static final String OLD =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/silverjems-prod-shop-api:7";

  @TempDir Path bin;

  @Test
  void aCompletedRolloutOfTheNewTaskDefinitionPasses() throws Exception {
    Result result = verifyRollout(NEW + "\tCOMPLETED\tECS deployment ecs-svc/1 completed.");
    assertThat(result.exit).isZero();
    assertThat(result.stdout).contains("shop-api: rollout of silverjems-prod-shop-api:8 completed");
    assertThat(published()).isEmpty();
  }

  @Test
  void aCircuitBreakerRollbackFailsTheJobAndAlerts() throws Exception {
    // After a rollback the service is stable again, on the previous revision.
    Result result =
        verifyRollout(
            OLD
                + "\tCOMPLETED\tECS deployment circuit breaker: rolling back to deploymentId ecs-svc/0.");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.stdout)
        .contains("::error title=Rollout rolled back::shop-api on silverjems-prod");
    assertThat(published())
        .contains(
            "sns publish --topic-arn arn:aws:sns:eu-west-1:123456789012:silverjems-prod-alarms")
        .contains("Release rolled back: shop-api")
        .contains("runs silverjems-prod-shop-api:7");
  }

  @Test
  void aFailedRolloutFailsTheJob() throws Exception {
    Result result =
        verifyRollout(NEW + "\tFAILED\tECS deployment circuit breaker: tasks failed to start.");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.stdout).contains("rollout FAILED: ECS deployment circuit breaker");
  }

  @Test
  void theReleaseNotesAreTheUnreleasedSectionOfTheChangelog() throws Exception {
    Path changelog = bin.resolve("CHANGELOG.md");
    Files.writeString(
        changelog,
        """
        # Changelog

        ## [Unreleased]

        ### Added
        - Rings can be engraved.

        ## [1.0.0] - 2025-01-01
        - First release.
        """);
    Result notes =
        run(List.of("bash", script("changelog-entry.sh"), changelog.toString()), Map.of());
    assertThat(notes.exit).isZero();
    assertThat(notes.stdout).isEqualTo("### Added\n- Rings can be engraved.\n");

    Files.writeString(changelog, "# Changelog\n\n## [Unreleased]\n\n## [1.0.0]\n- x\n");
    assertThat(
            run(List.of("bash", script("changelog-entry.sh"), changelog.toString()), Map.of()).exit)
        .isEqualTo(1);
  }

  private Result verifyRollout(String primaryDeployment) throws Exception {
    Path aws = bin.resolve("aws");
    Files.writeString(
        aws,
        """
        #!/usr/bin/env bash
        case "$1 $2" in
          "ecs describe-services") printf '%s\\n' "$FAKE_PRIMARY_DEPLOYMENT" ;;
          "sns publish") echo "$*" >> "$FAKE_PUBLISHED" ;;
          *) echo "unexpected aws $*" >&2; exit 9 ;;
        esac
        """);
    aws.toFile().setExecutable(true);
    return run(
        List.of(
            "bash",
            script("verify-rollout.sh"),
            "silverjems-prod",
            "shop-api",
            NEW,
            "arn:aws:sns:eu-west-1:123456789012:silverjems-prod-alarms"),
        Map.of("FAKE_PRIMARY_DEPLOYMENT", primaryDeployment));
  }

  private String published() throws IOException {
    Path log = bin.resolve("published.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static String script(String name) {
    return Repository.ROOT.resolve(".github/scripts/" + name).toString();
  }

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().putAll(env);
    builder.environment().put("FAKE_PUBLISHED", bin.resolve("published.log").toString());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stdout);
  }

  private record Result(int exit, String stdout) {}
}
