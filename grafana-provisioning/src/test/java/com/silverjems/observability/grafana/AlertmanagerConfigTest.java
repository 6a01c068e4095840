package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.observability.grafana.PromtoolRulesTest.Result;
import com.silverjems.observability.grafana.Provisioning.Rule;
import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertmanager/alertmanager.yml}, the Alertmanager definition of the AMP workspace, as the
 * real Alertmanager reads it ({@code amtool check-config}) once infra has put the topic and region
 * in; {@code amtool config routes test} routes every alert the way Grafana's notification policies
 * do: page to the on-call pager, ticket to the team.
 */
class AlertmanagerConfigTest {

  private static final Map<String, String> RECEIVER_BY_SEVERITY =
      Map.of("page", "on-call-pager", "ticket", "team-email");

  @TempDir static Path work;
  private static Path config;
  private static Path amtool;

  @BeforeAll
  static void substitute() throws IOException {
    amtool = OsTool.require("amtool", "prometheus-alertmanager");
    String text = Files.readString(Provisioning.root().resolve("alertmanager/alertmanager.yml"));
    assertThat(text).contains("${ALARM_TOPIC_ARN}").contains("${AWS_REGION}");
    config = work.resolve("alertmanager.yml");
    Files.writeString(
        config,
        text.replace("${ALARM_TOPIC_ARN}", "arn:aws:sns:eu-west-1:123456789012:silverjems-alarms")
            .replace("${AWS_REGION}", "eu-west-1"));
  }

  @Test
  void alertmanagerAcceptsTheDefinition() throws Exception {
    Result result =
        PromtoolRulesTest.run(List.of(amtool.toString(), "check-config", config.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").contains("2 receivers");
  }

  @Test
  void everyAlertRoutesToTheReceiverItsSeverityCallsFor() throws Exception {
    List<Rule> alerts = Provisioning.rules().stream().filter(Rule::isAlert).toList();
    assertThat(alerts).isNotEmpty();
    for (Rule alert : alerts) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  amtool.toString(),
                  "config",
                  "routes",
                  "test",
                  "--config.file=" + config,
                  "alertname=" + alert.name(),
                  "severity=" + alert.label("severity"),
                  "component=" + alert.label("component")));
      Result result = PromtoolRulesTest.run(command);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output().lines().filter(l -> !l.startsWith("Warning")).toList())
          .as(alert.name())
          .containsExactly(RECEIVER_BY_SEVERITY.get(alert.label("severity")));
    }
  }
}
