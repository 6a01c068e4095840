package com.silverjems.opsctl.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the rollback deployment, on ECS answers shaped like the real ones as a deployment
 * progresses (moto does not move deployments along).
 */
class RollbackWaitTest {

  static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-api:";

  private AwsStubs aws;

  @BeforeEach
  void stubs() {
    aws = new AwsStubs();
    aws.ecs(
        "ListTaskDefinitions",
        "{\"taskDefinitionArns\":[\"" + ARN + "40\",\"" + ARN + "41\",\"" + ARN + "42\"]}");
    for (int revision = 40; revision <= 42; revision++) {
      aws.server.stubFor(
          AwsStubs.ecsRequest("DescribeTaskDefinition")
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.containing(
                      "shop-api:" + revision))
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      """
                      {"taskDefinition":{"taskDefinitionArn":"%1$s%2$d","family":"shop-api","revision":%2$d,"status":"ACTIVE",
                        "containerDefinitions":[{"name":"app","image":"registry/shop:rev%2$d"}]},"tags":[]}
                      """
                          .formatted(ARN, revision))));
    }
    aws.ecs(
        "UpdateService",
        "{\"service\":"
            + service(
                41,
                deployment("ecs-svc/900", "PRIMARY", 41, "IN_PROGRESS", 0, 2, 0, null)
                    + ","
                    + deployment("ecs-svc/800", "ACTIVE", 42, "COMPLETED", 2, 0, 0, null))
            + "}");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void waitsUntilTheRolloutCompletesWithProgressOnStderr() {
    aws.ecsSequence(
        "DescribeServices",
        services(42, deployment("ecs-svc/800", "PRIMARY", 42, "COMPLETED", 2, 0, 0, null)),
        services(
            41,
            deployment("ecs-svc/900", "PRIMARY", 41, "IN_PROGRESS", 0, 2, 0, null)
                + ","
                + deployment("ecs-svc/800", "ACTIVE", 42, "COMPLETED", 2, 0, 0, null)),
        services(
            41,
            deployment("ecs-svc/900", "PRIMARY", 41, "IN_PROGRESS", 1, 1, 0, null)
                + ","
                + deployment("ecs-svc/800", "ACTIVE", 42, "COMPLETED", 1, 0, 0, null)),
        services(
            41,
            deployment(
                "ecs-svc/900",
                "PRIMARY",
                41,
                "COMPLETED",
                2,
                0,
                0,
                "ECS deployment ecs-svc/900 completed.")));

    Result result =
        CliRun.aws(aws.endpoint()).run("rollback", "shop-api", "--yes", "--poll-interval", "0s");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("shop-api:42 -> shop-api:41");
    assertThat(result.err())
        .contains("rollback of shop-api to shop-api:41 started (deployment ecs-svc/900)")
        .contains("shop-api:41  IN_PROGRESS  running 0/2, pending 2, failed 0")
        .contains("shop-api:41  IN_PROGRESS  running 1/2, pending 1, failed 0")
        .contains("shop-api is stable on shop-api:41");
    assertThat(aws.ecsRequests("UpdateService").get(0).path("taskDefinition").asText())
        .isEqualTo(ARN + "41");
  }

  @Test
  void aRollbackTheCircuitBreakerUndidIsReportedAsFailedNeverAsSuccessful() {
    aws.ecsSequence(
        "DescribeServices",
        services(42, deployment("ecs-svc/800", "PRIMARY", 42, "COMPLETED", 2, 0, 0, null)),
        services(
            41,
            deployment("ecs-svc/900", "PRIMARY", 41, "IN_PROGRESS", 0, 2, 1, null)
                + ","
                + deployment("ecs-svc/800", "ACTIVE", 42, "COMPLETED", 2, 0, 0, null)),
        services(
            42,
            deployment(
                    "ecs-svc/901",
                    "PRIMARY",
                    42,
                    "IN_PROGRESS",
                    1,
                    1,
                    0,
                    "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/800.")
                + ","
                + deployment(
                    "ecs-svc/900",
                    "ACTIVE",
                    41,
                    "FAILED",
                    0,
                    0,
                    3,
                    "ECS deployment circuit breaker: tasks failed to start.")));

    Result result =
        CliRun.aws(aws.endpoint()).run("rollback", "shop-api", "--yes", "--poll-interval", "0s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err())
        .contains(
            "rollback to shop-api:41 FAILED: ECS deployment circuit breaker: tasks failed to start.; the circuit breaker put the service back on shop-api:42")
        .doesNotContain("stable")
        .doesNotContainIgnoringCase("success");
  }

  @Test
  void aFailedRollbackSaysWhatRunsNowAndPrintsJsonToo() throws Exception {
    aws.ecsSequence(
        "DescribeServices",
        services(42, deployment("ecs-svc/800", "PRIMARY", 42, "COMPLETED", 2, 0, 0, null)),
        services(
            42,
            deployment("ecs-svc/901", "PRIMARY", 42, "IN_PROGRESS", 1, 1, 0, null)
                + ","
                + deployment("ecs-svc/900", "ACTIVE", 41, "FAILED", 0, 0, 3, "tasks failed.")));

    Result result =
        CliRun.aws(aws.endpoint())
            .run("rollback", "shop-api", "--yes", "--poll-interval", "0s", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILED);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
    assertThat(json.path("outcome").asText()).isEqualTo("failed");
    assertThat(json.path("plan").path("to").asText()).isEqualTo("shop-api:41");
    assertThat(json.path("message").asText())
        .contains("rollback to shop-api:41 FAILED: tasks failed.")
        .contains("the circuit breaker put the service back on shop-api:42")
        .contains("shop-api now runs shop-api:42");
  }

  @Test
  void anInactiveTargetIsRefusedWithoutASecondTypedConfirmation() {
    aws.ecs(
        "DescribeServices",
        services(42, deployment("ecs-svc/800", "PRIMARY", 42, "COMPLETED", 2, 0, 0, null)));
    aws.server.stubFor(
        AwsStubs.ecsRequest("DescribeTaskDefinition")
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("shop-api:39"))
            .atPriority(1)
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    """
                    {"taskDefinition":{"taskDefinitionArn":"%1$s39","family":"shop-api","revision":39,"status":"INACTIVE",
                      "containerDefinitions":[{"name":"app","image":"registry/shop:rev39"}]},"tags":[]}
                    """
                        .formatted(ARN))));

    Result refused = CliRun.aws(aws.endpoint()).run("rollback", "shop-api", "--to", "39", "--yes");
    Result typedTwice =
        CliRun.aws(aws.endpoint())
            .typing("shop-api\nshop-api:39\n")
            .run("rollback", "shop-api", "--to", "39", "--no-wait");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.ABORTED);
    assertThat(refused.err())
        .contains("shop-api:39 is INACTIVE (deregistered)")
        .contains("needs a person to type 'shop-api:39'");
    assertThat(typedTwice.exitCode()).as(typedTwice.toString()).isZero();
    assertThat(aws.ecsRequests("UpdateService")).hasSize(1);
  }

  @Test
  void givesUpAtTheTimeoutAndSaysTheDeploymentCarriesOn() {
    aws.ecsSequence(
        "DescribeServices",
        services(42, deployment("ecs-svc/800", "PRIMARY", 42, "COMPLETED", 2, 0, 0, null)),
        services(41, deployment("ecs-svc/900", "PRIMARY", 41, "IN_PROGRESS", 0, 2, 0, null)));

    Result result =
        CliRun.aws(aws.endpoint())
            .run("rollback", "shop-api", "--yes", "--timeout", "1s", "--poll-interval", "0s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.TIMED_OUT);
    assertThat(result.err())
        .contains("rollback to shop-api:41 still IN_PROGRESS after 1s (ECS carries on)");
  }

  static String services(int revision, String deployments) {
    return "{\"services\":[" + service(revision, deployments) + "],\"failures\":[]}";
  }

  static String service(int revision, String deployments) {
    return """
        {"serviceName":"shop-api","status":"ACTIVE","desiredCount":2,"runningCount":2,"pendingCount":0,
         "taskDefinition":"%s%d","deployments":[%s],
         "events":[{"id":"e1","createdAt":1795403200.0,"message":"(service shop-api) has reached a steady state."}]}
        """
        .formatted(ARN, revision, deployments);
  }

  static String deployment(
      String id,
      String status,
      int revision,
      String rollout,
      int running,
      int pending,
      int failed,
      String reason) {
    return """
        {"id":"%s","status":"%s","taskDefinition":"%s%d","desiredCount":2,"runningCount":%d,"pendingCount":%d,
         "failedTasks":%d,"rolloutState":"%s"%s,"createdAt":1795403000.0}
        """
        .formatted(
            id,
            status,
            ARN,
            revision,
            running,
            pending,
            failed,
            rollout,
            reason == null ? "" : ",\"rolloutStateReason\":\"" + reason + "\"");
  }
}
