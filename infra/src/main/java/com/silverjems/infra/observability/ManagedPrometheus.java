package com.silverjems.infra.observability;

import com.silverjems.infra.config.DeploymentEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.aps.CfnRuleGroupsNamespace;
import software.amazon.awscdk.services.aps.CfnWorkspace;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Amazon Managed Service for Prometheus: the workspace the collector writes to, its ruler loaded
 * with every {@code grafana-provisioning/rules/*.rules.yml} (one rule groups namespace per file,
 * the file's text unchanged) and its Alertmanager with {@code
 * grafana-provisioning/alertmanager/alertmanager.yml}, which notifies the environment's alarm
 * topic. So every alert the rule files define evaluates in AWS, the same ones promtool proves.
 */
public final class ManagedPrometheus extends Construct {

  /** Placeholder in the Alertmanager definition for the topic its receivers publish to. */
  public static final String TOPIC_PLACEHOLDER = "${ALARM_TOPIC_ARN}";

  /** Placeholder in the Alertmanager definition for the region of SNS's SigV4 signing. */
  public static final String REGION_PLACEHOLDER = "${AWS_REGION}";

  private final CfnWorkspace workspace;

  public ManagedPrometheus(
      Construct scope, String id, DeploymentEnvironment env, Topic alarms, String alarmTopicArn) {
    super(scope, id);
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/aws/prometheus/" + env.prefix())
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    workspace =
        CfnWorkspace.Builder.create(this, "Workspace")
            .alias(env.prefix())
            .alertManagerDefinition(alertManagerDefinition(env, alarmTopicArn))
            // Rule evaluation and Alertmanager errors (a rule AMP rejects, SNS refusing a publish).
            .loggingConfiguration(
                CfnWorkspace.LoggingConfigurationProperty.builder()
                    .logGroupArn(logs.getLogGroupArn() + ":*")
                    .build())
            .build();
    for (Path file : OpsFiles.ruleFiles()) {
      String name = file.getFileName().toString().replace(".rules.yml", "");
      CfnRuleGroupsNamespace.Builder.create(this, "Rules-" + name)
          .workspace(workspace.getAttrArn())
          .name(name)
          .data(OpsFiles.read(file))
          .build();
    }
    // AMP's Alertmanager publishes as the aps service, for this account's workspaces only.
    alarms.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("ManagedPrometheusAlertmanager")
            .effect(Effect.ALLOW)
            .principals(List.of(new ServicePrincipal("aps.amazonaws.com")))
            .actions(List.of("sns:Publish", "sns:GetTopicAttributes"))
            .resources(List.of(alarms.getTopicArn()))
            .conditions(
                Map.of(
                    "StringEquals", Map.of("aws:SourceAccount", env.account()),
                    "ArnEquals", Map.of("aws:SourceArn", workspace.getAttrArn())))
            .build());
  }

  /**
   * AMP's definition format: the Alertmanager configuration under {@code alertmanager_config}, with
   * the alarm topic and region filled in (they differ per environment; Alertmanager itself expands
   * no variables).
   */
  static String alertManagerDefinition(DeploymentEnvironment env, String alarmTopicArn) {
    String config =
        OpsFiles.read("alertmanager/alertmanager.yml")
            .replace(TOPIC_PLACEHOLDER, alarmTopicArn)
            .replace(REGION_PLACEHOLDER, env.region());
    StringBuilder definition = new StringBuilder("alertmanager_config: |\n");
    config.lines().forEach(line -> definition.append("  ").append(line).append('\n'));
    return definition.toString();
  }

  public CfnWorkspace workspace() {
    return workspace;
  }

  /** The workspace's remote-write endpoint, for the collector. */
  public String remoteWriteUrl() {
    return workspace.getAttrPrometheusEndpoint() + "api/v1/remote_write";
  }
}
