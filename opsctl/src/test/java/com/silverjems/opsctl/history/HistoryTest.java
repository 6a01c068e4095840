package com.silverjems.opsctl.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.AwsStubs;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.Ecs;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void listsTheFamilysRevisionsNewestFirstWithImageTagsAndMarksTheOneInService() throws Exception {
    MotoServer moto = MotoServer.started();
    try (Ecs ecs = new Ecs(moto.endpoint()).cluster("silverjems-prod")) {
      ecs.register("shop-api", "registry/shop:aaa1111", Map.of());
      String second = ecs.register("shop-api", "registry/shop:bbb2222", Map.of());
      ecs.register("shop-api", "registry/shop:ccc3333", Map.of());
      ecs.register("shop-api-worker", "registry/worker:zzz", Map.of()); // prefix, other family
      ecs.service("silverjems-prod", "shop-api", second, 0);

      Result result = CliRun.aws(moto.endpoint()).run("history", "shop-api");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .contains("shop-api in cluster silverjems-prod: current shop-api:2")
          .containsPattern("shop-api:3\\s+shop:ccc3333")
          .containsPattern("shop-api:2\\s+shop:bbb2222.*<- in service")
          .containsPattern("shop-api:1\\s+shop:aaa1111")
          .doesNotContain("worker");
      assertThat(result.out().indexOf("shop-api:3"))
          .isLessThan(result.out().indexOf("shop-api:2 "));
      assertThat(CliRun.aws(moto.endpoint()).run("history", "shop-api", "--limit", "1").out())
          .contains("shop-api:3")
          .doesNotContain("shop-api:1 ");
    }
  }

  @Test
  void saysWhenAndByWhomEachRevisionWasRegistered() throws Exception {
    try (AwsStubs aws = new AwsStubs()) {
      String arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-api:";
      aws.ecs(
          "DescribeServices",
          """
          {"services":[{"serviceName":"shop-api","status":"ACTIVE","desiredCount":2,"runningCount":2,
            "taskDefinition":"%1$s42","deployments":[
              {"id":"ecs-svc/2","status":"PRIMARY","taskDefinition":"%1$s43","rolloutState":"IN_PROGRESS"},
              {"id":"ecs-svc/1","status":"ACTIVE","taskDefinition":"%1$s42","rolloutState":"COMPLETED"}]}],
           "failures":[]}
          """
              .formatted(arn));
      aws.ecs(
          "ListTaskDefinitions", "{\"taskDefinitionArns\":[\"" + arn + "43\",\"" + arn + "42\"]}");
      aws.server.stubFor(
          AwsStubs.ecsRequest("DescribeTaskDefinition")
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.containing("shop-api:43"))
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      """
                      {"taskDefinition":{"taskDefinitionArn":"%1$s43","family":"shop-api","revision":43,"status":"ACTIVE",
                        "registeredAt":1795482000.0,"registeredBy":"arn:aws:sts::123456789012:assumed-role/github-release/GitHubActions",
                        "containerDefinitions":[{"name":"app","image":"registry/shop:d4e5f6a"}]},
                       "tags":[{"key":"git-sha","value":"d4e5f6a"}]}
                      """
                          .formatted(arn))));
      aws.server.stubFor(
          AwsStubs.ecsRequest("DescribeTaskDefinition")
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.containing("shop-api:42"))
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      """
                      {"taskDefinition":{"taskDefinitionArn":"%1$s42","family":"shop-api","revision":42,"status":"ACTIVE",
                        "registeredAt":1795395600.0,"registeredBy":"arn:aws:iam::123456789012:user/alice",
                        "containerDefinitions":[{"name":"app","image":"registry/shop:1a2b3c4"}]},"tags":[]}
                      """
                          .formatted(arn))));
      Clock clock = Clock.fixed(Instant.parse("2026-11-24T01:40:00Z"), ZoneOffset.UTC);

      Result table = CliRun.aws(aws.endpoint()).clock(clock).run("history", "shop-api");
      Result json =
          CliRun.aws(aws.endpoint()).clock(clock).run("history", "shop-api", "-o", "json");

      assertThat(table.out())
          .containsPattern(
              "shop-api:43\\s+shop:d4e5f6a\\s+2026-11-24 01:00:00Z \\(40m ago\\)\\s+assumed-role/github-release/GitHubActions\\s+<- deploying")
          .containsPattern(
              "shop-api:42\\s+shop:1a2b3c4\\s+2026-11-23 01:00:00Z \\(24h ago\\)\\s+user/alice\\s+<- in service");
      JsonNode revisions = new ObjectMapper().readTree(json.out()).path("revisions");
      assertThat(revisions.path(0).path("registeredBy").asText())
          .isEqualTo("arn:aws:sts::123456789012:assumed-role/github-release/GitHubActions");
      assertThat(revisions.path(0).path("tags").path("git-sha").asText()).isEqualTo("d4e5f6a");
      assertThat(revisions.path(0).path("deploying").asBoolean()).isTrue();
      assertThat(revisions.path(1).path("current").asBoolean()).isTrue();
    }
  }

  @Test
  void anUnknownServiceIsNotFound() throws Exception {
    MotoServer moto = MotoServer.started();
    try (Ecs ecs = new Ecs(moto.endpoint()).cluster("silverjems-prod")) {
      Result result = CliRun.aws(moto.endpoint()).run("history", "nope");

      assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
      assertThat(result.err()).contains("service 'nope' not found in cluster 'silverjems-prod'");
    }
  }
}
