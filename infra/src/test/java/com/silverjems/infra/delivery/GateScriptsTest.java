package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * health-gate.sh (the release's outside-in gate on the Route 53 health check) and edge-outputs.sh,
 * against a stand-in {@code aws} answering as the CLI does for {@code --output text}.
 */
class GateScriptsTest {

  @TempDir Path bin;
  private ScriptRunner scripts;

  @BeforeEach
  void standIns() {
    scripts =
        new ScriptRunner(bin)
            .stub(
                "aws",
                """
                case "$1 $2" in
                  "route53 get-health-check-status") printf '%b' "$CHECKERS" ;;
                  "cloudformation describe-stacks") printf '%b' "$OUTPUTS" ;;
                  *) echo "unexpected aws $*" >&2; exit 9 ;;
                esac
                """);
  }

  @Test
  void theGatePassesWhenMostCheckersSeeTheSiteReady() {
    scripts.env.put(
        "CHECKERS",
        "us-east-1\\tSuccess: HTTP Status Code 200, OK. Resolved IP: 1.2.3.4\\n"
            + "eu-west-1\\tSuccess: HTTP Status Code 200, OK\\n"
            + "ap-southeast-1\\tFailure: Resolved IP: 1.2.3.4. The endpoint did not respond\\n");
    ScriptRunner.Result result = scripts.run(bin, "health-gate.sh", "abc-123", "1", "0");
    assertThat(result.exit()).as(result.all()).isZero();
    assertThat(result.stdout()).contains("2 of 3 Route 53 checkers see the site ready");
    assertThat(scripts.calls())
        .contains("route53 get-health-check-status --health-check-id abc-123");
  }

  @Test
  void theMaintenancePageOrAnOutageFailsTheGate() {
    // HTTPS_STR_MATCH: a 503 maintenance page lacks "status":"UP", so checkers report failure.
    scripts.env.put(
        "CHECKERS",
        "us-east-1\\tFailure: HTTP Status Code 503, Service Unavailable\\n"
            + "eu-west-1\\tFailure: The search string was not found\\n"
            + "sa-east-1\\tSuccess: HTTP Status Code 200, OK\\n"
            + "ap-northeast-1\\tFailure: HTTP Status Code 503\\n");
    ScriptRunner.Result result = scripts.run(bin, "health-gate.sh", "abc-123", "2", "0");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stdout()).contains("::error title=Site not ready from outside::");
    assertThat(scripts.calls().lines()).hasSize(2);
  }

  @Test
  void edgeOutputsAreHandedToTheNextSteps() {
    scripts.env.put(
        "OUTPUTS",
        "StorefrontBucket\\tsilverjems-prod-data-publicassets-1x2y\\n"
            + "DistributionId\\tE2EXAMPLE\\n");
    ScriptRunner.Result result = scripts.run(bin, "edge-outputs.sh", "silverjems-prod-edge");
    assertThat(result.exit()).as(result.all()).isZero();
    assertThat(scripts.githubOutput())
        .isEqualTo(
            "StorefrontBucket=silverjems-prod-data-publicassets-1x2y\nDistributionId=E2EXAMPLE\n");
    assertThat(scripts.calls())
        .contains(
            "cloudformation describe-stacks --region us-east-1 --stack-name silverjems-prod-edge");

    scripts.env.put("OUTPUTS", "None\\n");
    ScriptRunner.Result none = scripts.run(bin, "edge-outputs.sh", "silverjems-prod-edge");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.stdout()).contains("deploy the infrastructure first");
  }
}
