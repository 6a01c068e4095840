package com.silverjems.opsctl.rollback;

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

/**
 * Rollback against moto_server's ECS: what it changes, and that it changes nothing unless meant.
 */
class RollbackTest {

  private MotoServer moto;
  private Ecs ecs;

  @BeforeEach
  void platform() throws Exception {
    moto = MotoServer.started();
    ecs = new Ecs(moto.endpoint()).cluster("silverjems-prod");
    ecs.register("shop-api", "registry/shop:aaa1111", Map.of("FEATURE_X", "off", "POOL", "10"));
    ecs.register("shop-api", "registry/shop:bbb2222", Map.of("FEATURE_X", "off", "POOL", "10"));
    String current =
        ecs.register(
            "shop-api",
            "registry/shop:ccc3333",
            Map.of("FEATURE_X", "on", "NEW", "1", "POOL", "10"));
    ecs.service("silverjems-prod", "shop-api", current, 0);
  }

  @AfterEach
  void close() {
    ecs.close();
  }

  private CliRun cli() {
    return CliRun.aws(moto.endpoint());
  }

  @Test
  void afterARollbackTheServicePointsAtThePreviousRevision() {
    Result result = cli().typing("shop-api\n").run("rollback", "shop-api", "--no-wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:2");
    assertThat(result.out())
        .contains("Roll back shop-api in cluster silverjems-prod: shop-api:3 -> shop-api:2")
        .containsPattern("app\\s+image\\s+registry/shop:ccc3333\\s+registry/shop:bbb2222")
        .containsPattern("app\\s+env FEATURE_X\\s+on\\s+off")
        .containsPattern("app\\s+env NEW\\s+1\\s+\\(none\\)")
        .doesNotContain("POOL");
    assertThat(result.err())
        .contains("To roll back shop-api to shop-api:2, type 'shop-api': ")
        .contains("rollback of shop-api to shop-api:2 started")
        .contains("not waiting (--no-wait)");
  }

  @Test
  void dryRunChangesNothing() {
    Result result = cli().typing("shop-api\n").run("rollback", "shop-api", "--dry-run");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("shop-api:3 -> shop-api:2");
    assertThat(result.err()).contains("dry run: nothing changed").doesNotContain("type 'shop-api'");
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:3");
  }

  @Test
  void refusingTheConfirmationChangesNothing() {
    Result result = cli().typing("y\n").run("rollback", "shop-api");

    assertThat(result.exitCode()).isEqualTo(ExitCode.ABORTED);
    assertThat(result.err()).contains("not confirmed (expected 'shop-api'), nothing changed");
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:3");
  }

  @Test
  void withoutATerminalItRefusesUnlessYes() {
    Result refused = cli().run("rollback", "shop-api");

    assertThat(refused.exitCode()).isEqualTo(ExitCode.ABORTED);
    assertThat(refused.err()).contains("no terminal to ask on; pass --yes");
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:3");

    Result done =
        cli().run("rollback", "shop-api", "--to", "1", "--yes", "--no-wait", "-o", "json");

    assertThat(done.exitCode()).as(done.toString()).isZero();
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:1");
    JsonNode json = readJson(done.out());
    assertThat(json.path("outcome").asText()).isEqualTo("started");
    assertThat(json.path("plan").path("from").asText()).isEqualTo("shop-api:3");
    assertThat(json.path("plan").path("to").asText()).isEqualTo("shop-api:1");
  }

  @Test
  void anotherFamilyOrAMissingRevisionIsRefused() {
    Result family = cli().run("rollback", "shop-api", "--to", "routes:1", "--yes");
    Result missing = cli().run("rollback", "shop-api", "--to", "9", "--yes");

    assertThat(family.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(family.err()).contains("is another family");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(missing.err()).contains("task definition shop-api:9 not found");
    assertThat(ecs.taskDefinitionOf("silverjems-prod", "shop-api")).isEqualTo("shop-api:3");
  }

  private static JsonNode readJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }
}
