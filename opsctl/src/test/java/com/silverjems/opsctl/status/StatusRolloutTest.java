package com.silverjems.opsctl.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.ExitCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployments, rollout state, circuit breaker, deployment alarms and stopped tasks: what moto does
 * not emulate, from WireMock shaped like ECS's and CloudWatch's real answers.
 */
class StatusRolloutTest {

  static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  static final Instant NOW = Instant.parse("2026-11-24T03:10:00Z");

  private AwsStubs aws;

  @BeforeEach
  void stubs() {
    aws = new AwsStubs();
    aws.ecs("ListServices", "{\"serviceArns\":[\"" + ARN + "service/silverjems/shop-api\"]}");
    aws.ecs("DescribeTaskDefinition", taskDefinition("shop-api", 41, "shop:1a2b3c4"));
    aws.server.stubFor(
        AwsStubs.ecsRequest("ListTasks")
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("STOPPED"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"taskArns\":[\""
                        + ARN
                        + "task/silverjems/0f1e2d3c\",\""
                        + ARN
                        + "task/silverjems/9a8b7c6d\"]}")));
    aws.server.stubFor(
        AwsStubs.ecsRequest("ListTasks")
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("RUNNING"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"taskArns\":[\"" + ARN + "task/silverjems/11112222\"]}")));
    aws.ecs(
        "DescribeTasks",
        """
        {"tasks":[
          {"taskArn":"%1$stask/silverjems/0f1e2d3c","taskDefinitionArn":"%1$stask-definition/shop-api:42",
           "lastStatus":"STOPPED","desiredStatus":"STOPPED","healthStatus":"UNKNOWN",
           "stopCode":"EssentialContainerExited","stoppedReason":"Essential container in task exited",
           "stoppedAt":1795403100.5,"startedAt":1795403000.0,
           "containers":[{"name":"app","lastStatus":"STOPPED","exitCode":1,"reason":"OutOfMemoryError: Container killed due to memory usage"}]},
          {"taskArn":"%1$stask/silverjems/9a8b7c6d","taskDefinitionArn":"%1$stask-definition/shop-api:41",
           "lastStatus":"STOPPED","desiredStatus":"STOPPED","stopCode":"ServiceSchedulerInitiated",
           "stoppedReason":"Scaling activity initiated by (deployment ecs-svc/111)","stoppedAt":1795402000.0,
           "containers":[{"name":"app","lastStatus":"STOPPED","exitCode":0}]},
          {"taskArn":"%1$stask/silverjems/11112222","taskDefinitionArn":"%1$stask-definition/shop-api:41",
           "lastStatus":"RUNNING","desiredStatus":"RUNNING","healthStatus":"UNHEALTHY","startedAt":1795402500.0,
           "containers":[{"name":"app","lastStatus":"RUNNING","healthStatus":"UNHEALTHY"}]}
        ],"failures":[]}
        """
            .formatted(ARN));
    aws.cloudWatch(
        "DescribeAlarms",
        Map.of(
            "MetricAlarms",
            List.of(
                Map.of(
                    "AlarmName", "shop-api-5xx",
                    "AlarmArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-api-5xx",
                    "ActionsEnabled", true,
                    "StateValue", "ALARM")),
            "CompositeAlarms",
            List.of()));
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void aRolloutTheCircuitBreakerIsRollingBackIsUnhealthyWithTheReasonsShown() {
    aws.ecs("DescribeServices", failedRollout());

    Result result = run("status", "--events", "2");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FINDINGS);
    assertThat(result.out())
        .containsPattern(
            "shop-api\\s+UNHEALTHY\\s+1\\s+2\\s+1\\s+shop-api:41\\s+shop:1a2b3c4\\s+IN_PROGRESS")
        .contains("circuit breaker: on (rolls back)")
        .contains("deployment alarms: on (rolls back)")
        .containsPattern("ecs-svc/333\\s+ACTIVE\\s+shop-api:42\\s+FAILED\\s+0\\s+2\\s+0\\s+3")
        .contains("rollout ecs-svc/333: ECS deployment circuit breaker: tasks failed to start.")
        .contains("alarm shop-api-5xx: ALARM")
        .contains("(service shop-api) rolling back to deployment ecs-svc/222.")
        .contains(
            "(service shop-api) deployment ecs-svc/333 deployment failed: tasks failed to start.")
        .doesNotContain("has started 2 tasks") // only the 2 most recent events
        .contains("0f1e2d3c  shop-api:42  STOPPED")
        .contains("Essential container in task exited")
        .contains("app exit 1: OutOfMemoryError: Container killed due to memory usage")
        .containsOnlyOnce("11112222  shop-api:41  RUNNING UNHEALTHY")
        .doesNotContain("9a8b7c6d") // a scale-in is not trouble
        .contains("problem: 1 of 2 tasks running")
        .contains(
            "problem: deployment of shop-api:42 (ACTIVE) FAILED: ECS deployment circuit breaker: tasks failed to start.")
        .contains("problem: deployment alarm shop-api-5xx is in ALARM")
        .contains("problem: 1 running task(s) UNHEALTHY");
    assertThat(aws.cloudWatchRequests("DescribeAlarms"))
        .anySatisfy(
            r -> assertThat(r.path("AlarmNames").path(0).asText()).isEqualTo("shop-api-5xx"));
  }

  @Test
  void aCompletedRolloutWithAllTasksRunningIsHealthy() throws Exception {
    aws.ecs("DescribeServices", completedRollout());
    aws.server.stubFor(
        AwsStubs.ecsRequest("ListTasks")
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"taskArns\":[]}"))
            .atPriority(1));
    aws.cloudWatch(
        "DescribeAlarms",
        Map.of(
            "MetricAlarms",
            List.of(
                Map.of(
                    "AlarmName",
                    "shop-api-5xx",
                    "AlarmArn",
                    "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-api-5xx",
                    "ActionsEnabled",
                    true,
                    "StateValue",
                    "OK"))));

    Result result = run("status", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode service = new ObjectMapper().readTree(result.out()).path("services").path(0);
    assertThat(service.path("healthy").asBoolean()).isTrue();
    assertThat(service.path("deployments").path(0).path("rolloutState").asText())
        .isEqualTo("COMPLETED");
    assertThat(service.path("deploymentAlarms").path("alarms").path(0).path("state").asText())
        .isEqualTo("OK");
    assertThat(service.path("circuitBreaker").path("rollback").asBoolean()).isTrue();
  }

  @Test
  void aRolloutInProgressWithFailedTasksIsUnhealthy() {
    aws.ecs(
        "DescribeServices",
        service(
            2,
            2,
            0,
            41,
            """
            {"id":"ecs-svc/222","status":"PRIMARY","taskDefinition":"%1$stask-definition/shop-api:42",
             "desiredCount":2,"runningCount":0,"pendingCount":2,"failedTasks":2,"rolloutState":"IN_PROGRESS",
             "rolloutStateReason":"ECS deployment ecs-svc/222 in progress.","createdAt":1795403000.0},
            {"id":"ecs-svc/111","status":"ACTIVE","taskDefinition":"%1$stask-definition/shop-api:41",
             "desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED","createdAt":1795400000.0}
            """
                .formatted(ARN)));

    Result result = run("status", "--tasks", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(result.out())
        .contains("problem: deployment of shop-api:42 in progress with 2 failed task(s)");
  }

  private Result run(String... args) {
    return CliRun.aws(aws.endpoint()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).run(args);
  }

  static String failedRollout() {
    return service(
        2,
        1,
        1,
        41,
        """
        {"id":"ecs-svc/222","status":"PRIMARY","taskDefinition":"%1$stask-definition/shop-api:41",
         "desiredCount":2,"runningCount":1,"pendingCount":1,"failedTasks":0,"rolloutState":"IN_PROGRESS",
         "rolloutStateReason":"ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/111.",
         "createdAt":1795403200.0,"updatedAt":1795403200.0},
        {"id":"ecs-svc/333","status":"ACTIVE","taskDefinition":"%1$stask-definition/shop-api:42",
         "desiredCount":2,"runningCount":0,"pendingCount":0,"failedTasks":3,"rolloutState":"FAILED",
         "rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start.",
         "createdAt":1795402800.0,"updatedAt":1795403200.0}
        """
            .formatted(ARN));
  }

  static String completedRollout() {
    return service(
        2,
        2,
        0,
        41,
        """
        {"id":"ecs-svc/222","status":"PRIMARY","taskDefinition":"%1$stask-definition/shop-api:41",
         "desiredCount":2,"runningCount":2,"pendingCount":0,"failedTasks":0,"rolloutState":"COMPLETED",
         "rolloutStateReason":"ECS deployment ecs-svc/222 completed.","createdAt":1795403200.0}
        """
            .formatted(ARN));
  }

  static String service(int desired, int running, int pending, int revision, String deployments) {
    return """
        {"services":[{"serviceArn":"%1$sservice/silverjems/shop-api","serviceName":"shop-api",
          "clusterArn":"%1$scluster/silverjems","status":"ACTIVE",
          "desiredCount":%2$d,"runningCount":%3$d,"pendingCount":%4$d,
          "taskDefinition":"%1$stask-definition/shop-api:%5$d",
          "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":true},
            "maximumPercent":200,"minimumHealthyPercent":100,
            "alarms":{"alarmNames":["shop-api-5xx"],"enable":true,"rollback":true}},
          "deployments":[%6$s],
          "events":[
            {"id":"e3","createdAt":1795403200.0,"message":"(service shop-api) rolling back to deployment ecs-svc/222."},
            {"id":"e2","createdAt":1795403190.0,"message":"(service shop-api) deployment ecs-svc/333 deployment failed: tasks failed to start."},
            {"id":"e1","createdAt":1795402800.0,"message":"(service shop-api) has started 2 tasks: (task 0f1e2d3c) (task 5e6f7a8b)."}]}],
         "failures":[]}
        """
        .formatted(ARN, desired, running, pending, revision, deployments);
  }

  static String taskDefinition(String family, int revision, String image) {
    return """
        {"taskDefinition":{"taskDefinitionArn":"%1$stask-definition/%2$s:%3$d","family":"%2$s","revision":%3$d,
          "status":"ACTIVE","registeredAt":1795400000.0,
          "registeredBy":"arn:aws:sts::123456789012:assumed-role/github-release/GitHubActions",
          "containerDefinitions":[{"name":"app","image":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/%4$s",
            "environment":[{"name":"SPRING_PROFILES_ACTIVE","value":"prod"}],"secrets":[]}]},
         "tags":[{"key":"git-sha","value":"1a2b3c4"}]}
        """
        .formatted(ARN, family, revision, image);
  }
}
