package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-rollout.sh and changelog-entry.sh, run with bash against a stand-in {@code aws} on the
 * PATH that answers as the AWS CLI does for {@code --output text}.
 */
class ReleaseScriptsTest {

  private static final String NEW =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/silverjems-prod-shop-api:8";
  private static final String OLD =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/silverjems-prod-shop-api:7";

  @TempDir Path bin;
  private java.util.List<String> published = List.of();

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
    Result notes = changelogEntry(changelog);
    assertThat(notes.exit).isZero();
    assertThat(notes.stdout).isEqualTo("### Added\n- Rings can be engraved.\n");

    Files.writeString(changelog, "# Changelog\n\n## [Unreleased]\n\n## [1.0.0]\n- x\n");
    assertThat(changelogEntry(changelog).exit).isEqualTo(1);
  }

  private Result verifyRollout(String primaryDeployment) {
    ScriptRunner scripts =
        new ScriptRunner(bin)
            .stub(
                "aws",
                """
                case "$1 $2" in
                  "ecs describe-services") printf '%s\\n' "$FAKE_PRIMARY_DEPLOYMENT" ;;
                  "sns publish") ;;
                  *) echo "unexpected aws $*" >&2; exit 9 ;;
                esac
                """);
    scripts.env.put("FAKE_PRIMARY_DEPLOYMENT", primaryDeployment);
    ScriptRunner.Result result =
        scripts.run(
            bin,
            "verify-rollout.sh",
            "silverjems-prod",
            "shop-api",
            NEW,
            "arn:aws:sns:eu-west-1:123456789012:silverjems-prod-alarms");
    published = scripts.calls().lines().filter(line -> line.startsWith("aws sns publish")).toList();
    return new Result(result.exit(), result.stdout());
  }

  private String published() {
    return String.join("\n", published);
  }

  private Result changelogEntry(Path changelog) {
    ScriptRunner.Result result =
        new ScriptRunner(bin).run(bin, "changelog-entry.sh", changelog.toString());
    return new Result(result.exit(), result.stdout());
  }

  private record Result(int exit, String stdout) {}
}
