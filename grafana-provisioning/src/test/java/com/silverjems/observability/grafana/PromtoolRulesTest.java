package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.observability.grafana.Provisioning.Rule;
import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The alert rules as Prometheus sees them: {@code promtool check rules} accepts them, and {@code
 * promtool test rules} proves each alert fires on a sustained incident about 3 minutes in while a
 * 30-second spike and the usual daily variation stay quiet (see the header of each test file).
 */
class PromtoolRulesTest {

  /**
   * Alerts whose baseline is the monitored thing's own target rather than its history: the desired
   * task count, the service's own size, a certificate's fixed renewal horizon, a probe's success.
   */
  private static final Set<String> SELF_RELATIVE =
      Set.of(
          "EcsServiceBelowDesiredCount",
          "EcsTasksCrashLooping",
          "TlsCertificateExpiresSoon",
          "EndpointProbeFailing");

  private static Path promtool() {
    return OsTool.require("promtool", "prometheus");
  }

  @Test
  void promtoolAcceptsEveryRuleFile() throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool().toString(), "check", "rules"));
    Provisioning.ruleFiles().forEach(f -> command.add(f.toString()));
    Result result = run(command);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
    assertThat(Provisioning.ruleFiles()).hasSizeGreaterThanOrEqualTo(10);
  }

  @TestFactory
  Stream<DynamicTest> promtoolUnitTestsPass() throws Exception {
    Path promtool = promtool();
    List<Path> files = Provisioning.ruleTestFiles();
    // promtool steps through a day or a week of simulated time per file: two at once on two cores.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<Path, Future<Result>> results = new TreeMap<>();
    for (Path file : files) {
      results.put(
          file,
          pool.submit(() -> run(List.of(promtool.toString(), "test", "rules", file.toString()))));
    }
    pool.shutdown();
    return results.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey().getFileName().toString(),
                    () -> {
                      Result result = entry.getValue().get(10, TimeUnit.MINUTES);
                      assertThat(result.exitCode()).as(result.output()).isZero();
                      assertThat(result.output()).contains("SUCCESS");
                    }));
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() {
    Map<String, Set<String>> firingIn = new TreeMap<>();
    Map<String, Set<String>> quietIn = new TreeMap<>();
    for (Path file : Provisioning.ruleTestFiles()) {
      for (JsonNode group : Provisioning.yaml(file).path("tests")) {
        for (JsonNode check : group.path("alert_rule_test")) {
          String alert = check.path("alertname").asText();
          boolean firing = check.path("exp_alerts").size() > 0;
          (firing ? firingIn : quietIn)
              .computeIfAbsent(alert, a -> new TreeSet<>())
              .add(check.path("eval_time").asText());
        }
      }
    }
    for (Rule alert : alerts()) {
      assertThat(firingIn.get(alert.name()))
          .as("%s must be shown firing by a promtool test", alert.name())
          .isNotEmpty();
      assertThat(quietIn.get(alert.name()))
          .as("%s must be shown quiet (before the incident) by a promtool test", alert.name())
          .hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void everyTestFileSimulatesIncidentSpikeAndDailyVariationForEachAlert() {
    for (Path file : Provisioning.ruleTestFiles()) {
      String text = read(file);
      for (String scenario : List.of("-incident", "-spike", "-daily")) {
        assertThat(text).as("%s has %s series", file.getFileName(), scenario).contains(scenario);
      }
    }
  }

  @Test
  void everyAlertHoldsThreeMinutesAndComparesWithABaseline() {
    assertThat(alerts()).hasSizeGreaterThanOrEqualTo(25);
    for (Rule alert : alerts()) {
      assertThat(alert.node().path("for").asText()).as(alert.name()).isEqualTo("3m");
      if (!SELF_RELATIVE.contains(alert.name())) {
        assertThat(alert.expr())
            .as("%s compares with its baseline through a z-score", alert.name())
            .containsPattern(":zscore [<>] -?3");
      }
    }
  }

  /**
   * Cold start: a z-score needs its baseline window (a day, or a week for traffic) of history, so
   * at go-live, after a new label value or a long outage of the collector, it is silent. Each
   * baseline-relative alert therefore also fires on a fixed guard threshold while its baseline
   * window holds no data, and a promtool test group with no history at all shows it firing.
   */
  @Test
  void everyBaselineAlertFallsBackToAGuardUntilItsBaselineExists() {
    Map<String, Set<String>> firingWithoutHistory = new TreeMap<>();
    for (Path file : Provisioning.ruleTestFiles()) {
      for (JsonNode group : Provisioning.yaml(file).path("tests")) {
        int samples = 0;
        for (JsonNode series : group.path("input_series")) {
          samples = Math.max(samples, series.path("values").asText().split(" ").length);
        }
        // 30 s samples: less than an hour of data is less than any baseline window's offset.
        if (samples == 0 || samples * 30 >= 3600) {
          continue;
        }
        for (JsonNode check : group.path("alert_rule_test")) {
          if (check.path("exp_alerts").size() > 0) {
            firingWithoutHistory
                .computeIfAbsent(check.path("alertname").asText(), a -> new TreeSet<>())
                .add(file.getFileName().toString());
          }
        }
      }
    }
    List<Rule> baselineAlerts =
        alerts().stream().filter(a -> !SELF_RELATIVE.contains(a.name())).toList();
    assertThat(baselineAlerts).hasSizeGreaterThanOrEqualTo(20);
    for (Rule alert : baselineAlerts) {
      String signal = alert.expr().trim().substring(0, alert.expr().trim().indexOf(":zscore"));
      assertThat(alert.expr())
          .as(
              "%s falls back to a fixed guard on %s until its baseline exists",
              alert.name(), signal)
          .containsPattern(
              "or \\("
                  + java.util.regex.Pattern.quote(signal)
                  + " [<>] [0-9.]+ unless avg_over_time\\("
                  + java.util.regex.Pattern.quote(signal)
                  + "\\[\\w+\\] offset \\w+\\)\\)");
      assertThat(firingWithoutHistory.get(alert.name()))
          .as("%s is shown firing by a promtool test with no history", alert.name())
          .isNotEmpty();
    }
  }

  @Test
  void everyZScoreIsTakenAgainstTheSignalsOwnHistory() {
    List<Rule> zscores =
        Provisioning.rules().stream()
            .filter(r -> !r.isAlert() && r.name().endsWith(":zscore"))
            .toList();
    assertThat(zscores).isNotEmpty();
    for (Rule z : zscores) {
      String signal = z.name().substring(0, z.name().length() - ":zscore".length());
      assertThat(z.expr())
          .as(z.name())
          .contains("avg_over_time(" + signal + "[")
          .contains("stddev_over_time(" + signal + "[")
          .containsPattern("offset (23h|167h|1h)");
    }
  }

  @Test
  void everyAlertIsRoutableAndLinksToItsDashboardAndRunbook() {
    Set<String> dashboardUids =
        Provisioning.dashboards().values().stream()
            .map(d -> d.path("uid").asText())
            .collect(Collectors.toSet());
    String runbook = read(Provisioning.root().resolve("RUNBOOK.md"));
    for (Rule alert : alerts()) {
      assertThat(alert.label("severity")).as(alert.name()).isIn("page", "ticket");
      assertThat(alert.label("component")).as(alert.name()).isNotBlank();
      assertThat(alert.annotation("summary")).as(alert.name()).isNotBlank();
      assertThat(alert.annotation("description")).as(alert.name()).isNotBlank();
      assertThat(dashboardUids).as(alert.name()).contains(alert.annotation("dashboard"));
      assertThat(alert.annotation("runbook"))
          .as(alert.name())
          .isEqualTo("grafana-provisioning/RUNBOOK.md#" + alert.name().toLowerCase());
      assertThat(runbook).as(alert.name()).contains("## " + alert.name() + "\n");
    }
  }

  @Test
  void alertNamesAreUnique() {
    List<String> names = alerts().stream().map(Rule::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }

  private static List<Rule> alerts() {
    return Provisioning.rules().stream().filter(Rule::isAlert).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  record Result(int exitCode, String output) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(Provisioning.root().toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
