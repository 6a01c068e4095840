package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * There is no Grafana server on the build machines, so the dashboards are checked for what makes
 * Grafana show an empty or broken panel: invalid JSON, clashing uids, datasources that are not
 * provisioned, panels without a query.
 */
class DashboardStructureTest {

  /** The list: API, ECS, email, images, PostgreSQL, Redis, CloudFront, TLS (+ routes). */
  private static final Set<String> REQUIRED =
      Set.of(
          "silverjems-api",
          "silverjems-ecs",
          "silverjems-email",
          "silverjems-images",
          "silverjems-postgres",
          "silverjems-redis",
          "silverjems-cloudfront",
          "silverjems-tls",
          "silverjems-routes");

  @Test
  void everyDashboardIsValidJsonWithAUniqueUid() {
    Map<String, Path> byUid = new HashMap<>();
    Map<String, Path> byTitle = new HashMap<>();
    Provisioning.dashboardFiles()
        .forEach(
            file -> {
              JsonNode dashboard = Provisioning.json(file);
              String uid = dashboard.path("uid").asText();
              assertThat(uid).as(file.toString()).matches("[a-z0-9-]{1,40}");
              assertThat(byUid.put(uid, file)).as("uid %s used twice", uid).isNull();
              String title = dashboard.path("title").asText();
              assertThat(byTitle.put(title, file)).as("title %s used twice", title).isNull();
              assertThat(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull())
                  .as("%s: provisioned dashboards carry no database id", file)
                  .isTrue();
              assertThat(dashboard.path("schemaVersion").asInt()).as(file.toString()).isPositive();
            });
    assertThat(byUid.keySet()).containsAll(REQUIRED);
  }

  @Test
  void panelIdsAreUniqueWithinADashboardAndPanelsDoNotOverlap() {
    Provisioning.dashboards()
        .forEach(
            (file, dashboard) -> {
              List<Integer> ids = new ArrayList<>();
              List<int[]> boxes = new ArrayList<>();
              for (JsonNode panel : Provisioning.panels(dashboard)) {
                ids.add(panel.path("id").asInt());
                JsonNode g = panel.path("gridPos");
                int[] box = {
                  g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
                };
                assertThat(box[0] + box[2])
                    .as("%s panel %s is wider than the grid", file, panel.path("title"))
                    .isLessThanOrEqualTo(24);
                for (int[] other : boxes) {
                  boolean overlap =
                      box[0] < other[0] + other[2]
                          && other[0] < box[0] + box[2]
                          && box[1] < other[1] + other[3]
                          && other[1] < box[1] + box[3];
                  assertThat(overlap)
                      .as("%s: panel %s overlaps another", file, panel.path("title"))
                      .isFalse();
                }
                boxes.add(box);
              }
              assertThat(ids).as(file.toString()).doesNotHaveDuplicates().doesNotContain(0);
            });
  }

  @Test
  void everyDatasourceReferenceResolvesToAProvisionedDatasource() {
    Map<String, String> provisioned = new HashMap<>();
    for (JsonNode ds :
        Provisioning.yaml(Provisioning.root().resolve("provisioning/datasources/datasources.yaml"))
            .path("datasources")) {
      provisioned.put(ds.path("uid").asText(), ds.path("type").asText());
    }
    assertThat(provisioned)
        .containsEntry("amp", "prometheus")
        .containsEntry("cloudwatch", "cloudwatch");
    Provisioning.dashboards()
        .forEach(
            (file, dashboard) -> {
              List<JsonNode> references = new ArrayList<>();
              for (JsonNode panel : Provisioning.panels(dashboard)) {
                if (panel.has("datasource")) {
                  references.add(panel.get("datasource"));
                }
                panel.path("targets").forEach(t -> references.add(t.path("datasource")));
              }
              dashboard
                  .path("templating")
                  .path("list")
                  .forEach(
                      v -> {
                        if (v.has("datasource")) {
                          references.add(v.get("datasource"));
                        }
                      });
              dashboard
                  .path("annotations")
                  .path("list")
                  .forEach(a -> references.add(a.path("datasource")));
              for (JsonNode ref : references) {
                assertThat(ref.isObject())
                    .as("%s: datasource given by uid and type: %s", file, ref)
                    .isTrue();
                String uid = ref.path("uid").asText();
                assertThat(provisioned)
                    .as("%s references datasource %s", file, ref)
                    .containsKey(uid);
                assertThat(ref.path("type").asText())
                    .as("%s: type of %s", file, uid)
                    .isEqualTo(provisioned.get(uid));
              }
            });
  }

  @Test
  void everyPanelHasAQuery() {
    Provisioning.dashboards()
        .forEach(
            (file, dashboard) -> {
              for (JsonNode panel : Provisioning.panels(dashboard)) {
                if (panel.path("type").asText().equals("row")) {
                  continue;
                }
                String title = panel.path("title").asText();
                assertThat(title).as("%s: panel without a title", file).isNotBlank();
                JsonNode targets = panel.path("targets");
                assertThat(targets.size())
                    .as("%s: panel %s has no query", file, title)
                    .isPositive();
                List<String> refIds = new ArrayList<>();
                for (JsonNode target : targets) {
                  refIds.add(target.path("refId").asText());
                  String type = target.path("datasource").path("type").asText();
                  if (type.equals("prometheus")) {
                    assertThat(target.path("expr").asText()).as("%s: %s", file, title).isNotBlank();
                    assertThat(PromQl.metricNames(target.path("expr").asText()))
                        .as("%s: %s queries no metric", file, title)
                        .isNotEmpty();
                  } else {
                    assertThat(target.path("namespace").asText())
                        .as("%s: %s", file, title)
                        .isNotBlank();
                    assertThat(target.path("metricName").asText())
                        .as("%s: %s", file, title)
                        .isNotBlank();
                    assertThat(target.path("statistic").asText())
                        .as("%s: %s", file, title)
                        .isNotBlank();
                  }
                }
                assertThat(refIds)
                    .as("%s: %s", file, title)
                    .doesNotHaveDuplicates()
                    .doesNotContain("");
              }
            });
  }

  @Test
  void theDashboardProviderLoadsTheDashboardsIntoOneReadOnlyFolder() {
    JsonNode provider =
        Provisioning.yaml(Provisioning.root().resolve("provisioning/dashboards/dashboards.yaml"))
            .path("providers")
            .get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("allowUiUpdates").asBoolean()).isFalse();
    assertThat(provider.path("options").path("path").asText()).isNotBlank();
  }
}
