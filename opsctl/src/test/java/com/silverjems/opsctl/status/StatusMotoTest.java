package com.silverjems.opsctl.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.opsctl.CliRun;
import com.silverjems.opsctl.CliRun.Result;
import com.silverjems.opsctl.Ecs;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code opsctl status} against moto_server's ECS. */
class StatusMotoTest {

  private MotoServer moto;
  private Ecs ecs;

  @BeforeEach
  void platform() throws Exception {
    moto = MotoServer.started();
    ecs = new Ecs(moto.endpoint()).cluster("silverjems-prod");
    String shop =
        ecs.register(
            "shop-api", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1a2b3c4", Map.of());
    String routes =
        ecs.register(
            "routes", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/routes:9f8e7d6", Map.of());
    ecs.service("silverjems-prod", "shop-api", shop, 0);
    ecs.service("silverjems-prod", "routes-email", routes, 2);
  }

  @AfterEach
  void close() {
    ecs.close();
  }

  @Test
  void listsEveryServiceOfTheClusterWithRevisionAndImageTagAndFailsWhenOneIsShortOfTasks() {
    Result result = CliRun.aws(moto.endpoint()).run("status");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FINDINGS);
    assertThat(result.out())
        .containsPattern("routes-email\\s+UNHEALTHY\\s+0\\s+2\\s+2\\s+routes:1\\s+routes:9f8e7d6")
        .containsPattern("shop-api\\s+OK\\s+0\\s+0\\s+0\\s+shop-api:1\\s+shop:1a2b3c4")
        .contains("problem: 0 of 2 tasks running")
        .contains("1 service(s) unhealthy");
  }

  @Test
  void healthyServicesExitZero() {
    Result result = CliRun.aws(moto.endpoint()).run("status", "shop-api");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("shop-api")
        .doesNotContain("routes-email")
        .contains("all services healthy");
  }

  @Test
  void jsonOutputIsTheWholeReportForScripts() throws Exception {
    Result result = CliRun.aws(moto.endpoint()).run("status", "--output", "json");

    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.path("healthy").asBoolean()).isFalse();
    assertThat(report.path("cluster").asText()).isEqualTo("silverjems-prod");
    assertThat(report.path("services")).hasSize(2);
    JsonNode routes = report.path("services").path(0);
    assertThat(routes.path("service").asText()).isEqualTo("routes-email");
    assertThat(routes.path("taskDefinition").asText()).isEqualTo("routes:1");
    assertThat(routes.path("images").path("app").asText()).isEqualTo("routes:9f8e7d6");
    assertThat(routes.path("problems").get(0).asText()).isEqualTo("0 of 2 tasks running");
    // moto cannot answer CloudWatch in CBOR: the only thing on stderr is the warning about it.
    assertThat(result.err().lines()).allMatch(l -> l.startsWith("warning: alarms in "));
  }

  @Test
  void anUnknownServiceIsNotFoundInOneLine() {
    Result result = CliRun.aws(moto.endpoint()).run("status", "shop-apj");

    assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err().strip())
        .isEqualTo(
            "opsctl status: service 'shop-apj' not found in cluster 'silverjems-prod' (MISSING); 'opsctl status' lists the services");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anUnknownClusterIsNotFound() {
    Result result = CliRun.aws(moto.endpoint()).run("status", "--cluster", "nope", "shop-api");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err())
        .startsWith(
            "opsctl status: ECS DescribeServices: not found (HTTP 400, ClusterNotFoundException")
        .doesNotContain("\tat ");
  }

  @Test
  void theClusterComesFromTheEnvironmentThenTheConfigFileAndTheCommandLineWins(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    ecs.cluster("from-config");
    ecs.service("from-config", "config-svc", ecs.register("cfg", "cfg:1", Map.of()), 0);
    ecs.cluster("from-env");
    ecs.service("from-env", "env-svc", ecs.register("env", "env:1", Map.of()), 0);
    java.nio.file.Path config = dir.resolve("config");
    java.nio.file.Files.writeString(config, "cluster = from-config\n");

    assertThat(CliRun.aws(moto.endpoint()).config(config).run("status").out())
        .contains("config-svc");
    assertThat(
            CliRun.aws(moto.endpoint())
                .config(config)
                .env("OPSCTL_CLUSTER", "from-env")
                .run("status")
                .out())
        .contains("env-svc");
    assertThat(
            CliRun.aws(moto.endpoint())
                .config(config)
                .env("OPSCTL_CLUSTER", "from-env")
                .run("--cluster", "silverjems-prod", "status", "shop-api")
                .out())
        .contains("cluster silverjems-prod (eu-west-1)");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    String escape = "\u001b[";
    assertThat(CliRun.aws(moto.endpoint()).terminal().run("status").out())
        .contains(escape + "32mOK");
    assertThat(CliRun.aws(moto.endpoint()).terminal().run("status", "--no-color").out())
        .doesNotContain(escape);
    assertThat(CliRun.aws(moto.endpoint()).terminal().env("NO_COLOR", "1").run("status").out())
        .doesNotContain(escape);
    assertThat(CliRun.aws(moto.endpoint()).run("status").out()).doesNotContain(escape);
  }
}
