package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.observability.grafana.PromtoolRulesTest.Result;
import com.silverjems.testsupport.OsTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collector/prometheus-agent.yml}, the collector that feeds AMP, as Prometheus's agent mode
 * reads it once infra has filled in the namespace, endpoint, region and site: it scrapes the
 * services' {@code /actuator/prometheus}, every exporter the rules need and the blackbox probes,
 * and writes everything to AMP with SigV4.
 */
class CollectorConfigTest {

  @TempDir Path work;

  @Test
  void prometheusAgentAcceptsTheCollectorConfiguration() throws Exception {
    Path promtool = OsTool.require("promtool", "prometheus");
    String text = Files.readString(Provisioning.root().resolve("collector/prometheus-agent.yml"));
    for (String placeholder :
        List.of("${NAMESPACE}", "${REMOTE_WRITE_URL}", "${AWS_REGION}", "${SITE_URL}")) {
      assertThat(text).contains(placeholder);
    }
    Path config = work.resolve("prometheus-agent.yml");
    Files.writeString(
        config,
        text.replace("${NAMESPACE}", "prod.silverjems.internal")
            .replace(
                "${REMOTE_WRITE_URL}",
                "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write")
            .replace("${AWS_REGION}", "eu-west-1")
            .replace("${SITE_URL}", "https://www.silverjems.com"));
    Result result =
        PromtoolRulesTest.run(
            List.of(promtool.toString(), "check", "config", "--agent", config.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyMetricSourceOfTheRulesIsScrapedAndWrittenToAmp() {
    JsonNode config =
        Provisioning.yaml(Provisioning.root().resolve("collector/prometheus-agent.yml"));
    List<String> jobs = new ArrayList<>();
    config.path("scrape_configs").forEach(job -> jobs.add(job.path("job_name").asText()));
    // The sources README.md lists per metric prefix: the services, postgres_exporter,
    // redis_exporter, cloudwatch_exporter (both regions) and blackbox_exporter.
    assertThat(jobs)
        .containsExactlyInAnyOrder(
            "shop-api", "integration-routes", "postgres", "redis", "cloudwatch", "blackbox-https");
    assertThat(config.path("global").path("scrape_interval").asText()).isEqualTo("15s");
    JsonNode write = config.path("remote_write").get(0);
    assertThat(write.path("sigv4").path("region").asText()).isEqualTo("${AWS_REGION}");
    config
        .path("scrape_configs")
        .forEach(
            job -> {
              if (job.path("job_name").asText().matches("shop-api|integration-routes")) {
                assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
              }
            });
  }
}
