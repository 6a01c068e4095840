package com.silverjems.infra.observability;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.constructs.AlarmTopic;
import com.silverjems.infra.data.Cache;
import com.silverjems.infra.data.Database;
import com.silverjems.infra.services.ServicesStack;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmBase;
import software.amazon.awscdk.services.cloudwatch.AnomalyDetectionAlarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The regional alarms, as code: every alarm and event rule notifies one SNS topic, which mails the
 * on-call address and which Grafana/Alertmanager may subscribe to. Metrics that exist only in
 * us-east-1 (CloudFront, Route 53 health checks, ACM of CloudFront's certificate) are alarmed in
 * the edge stack.
 *
 * <p>Latency and error alarms use anomaly-detection bands over 3 consecutive 1-minute periods: a
 * 30-second spike never pages, a sustained shift from the learned daily pattern does.
 */
public final class ObservabilityStack extends Stack {

  private final Topic alarms;
  private final ManagedPrometheus prometheus;

  /**
   * @param env the environment
   * @param database PostgreSQL: connections, replication lag, the exporters' and Zabbix's access
   * @param cache Redis: memory, evictions, the exporter's and Zabbix's access
   * @param deliveryEventsDeadLetters the delivery events' dead-letter queue, watched for messages
   * @param services the cluster, load balancer and task security groups
   */
  public record Props(
      DeploymentEnvironment env,
      Database database,
      Cache cache,
      IQueue deliveryEventsDeadLetters,
      ServicesStack.Runtime services) {}

  public ObservabilityStack(Construct scope, String id, StackProps stackProps, Props props) {
    super(scope, id, stackProps);
    DeploymentEnvironment env = props.env();
    Database database = props.database();
    ServicesStack.Runtime services = props.services();
    // CloudWatch, EventBridge and AMP's Alertmanager publish to it.
    alarms =
        new AlarmTopic(
                this,
                "AlarmTopic",
                new AlarmTopic.Props(
                    "AlarmsKey",
                    env.prefix() + " alarm topic",
                    "Alarms",
                    CiAccessStack.alarmTopicName(env),
                    env.prefix() + " alarms",
                    env.alarmEmail(),
                    List.of(
                        "cloudwatch.amazonaws.com", "events.amazonaws.com", "aps.amazonaws.com")))
            .topic();

    // --- Prometheus rules in AWS: AMP's ruler and Alertmanager, fed by the collector ------------
    // The topic's ARN written out (its name is fixed): the Alertmanager definition is then a
    // plain string, which ManagedPrometheusTest compares with the repository's file.
    String alarmTopicArn =
        "arn:aws:sns:"
            + env.region()
            + ":"
            + env.account()
            + ":"
            + CiAccessStack.alarmTopicName(env);
    prometheus = new ManagedPrometheus(this, "Prometheus", env, alarms, alarmTopicArn);
    new MonitoringPlane(
        this, "Monitoring", env, database, props.cache(), services, prometheus, alarmTopicArn);
    new ZabbixHost(this, "Zabbix", env, services.cluster().getVpc(), database, props.cache());

    // --- ECS: tasks that stop on their own, rollouts the circuit breaker rolled back ------------
    Rule.Builder.create(this, "EcsTaskStopped")
        .ruleName(env.prefix() + "-ecs-task-stopped")
        .description("a task of the cluster stopped because it crashed or could not start")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.ecs"))
                .detailType(List.of("ECS Task State Change"))
                .detail(
                    Map.of(
                        "clusterArn", List.of(services.cluster().getClusterArn()),
                        "lastStatus", List.of("STOPPED"),
                        "stopCode", List.of("EssentialContainerExited", "TaskFailedToStart")))
                .build())
        .targets(List.of(new SnsTopic(alarms)))
        .build();
    Rule.Builder.create(this, "EcsDeploymentFailed")
        .ruleName(env.prefix() + "-ecs-deployment-failed")
        .description("a rollout failed and the circuit breaker or an alarm rolled it back")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.ecs"))
                .detailType(List.of("ECS Deployment State Change"))
                // Services of this cluster only: their ARNs start with the cluster's name.
                .resources(
                    software.amazon.awscdk.services.events.Match.prefix(
                        "arn:aws:ecs:"
                            + env.region()
                            + ":"
                            + env.account()
                            + ":service/"
                            + env.clusterName()
                            + "/"))
                .detail(Map.of("eventName", List.of("SERVICE_DEPLOYMENT_FAILED")))
                .build())
        .targets(List.of(new SnsTopic(alarms)))
        .build();

    // --- Load balancer / API: 5xx and latency, anomaly bands, 3 x 1 minute --------------------
    Map<String, String> targetDimensions =
        Map.of(
            "LoadBalancer", services.loadBalancer().getLoadBalancerFullName(),
            "TargetGroup", services.shopTargets().getTargetGroupFullName());
    anomaly(
        env,
        "api-5xx",
        "the shop API answers 5xx well above its usual rate",
        albMetric("HTTPCode_Target_5XX_Count", "Sum", targetDimensions),
        ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD);
    anomaly(
        env,
        "alb-5xx",
        "the load balancer itself answers 5xx (no healthy target, timeouts)",
        albMetric(
            "HTTPCode_ELB_5XX_Count",
            "Sum",
            Map.of("LoadBalancer", services.loadBalancer().getLoadBalancerFullName())),
        ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD);
    anomaly(
        env,
        "api-latency-p99",
        "the shop API's p99 latency is well above its usual band",
        albMetric("TargetResponseTime", "p99", targetDimensions),
        ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD);

    // --- SES reputation (AWS reviews an account at 5% bounces / 0.1% complaints) ----------------
    threshold(
        env,
        "ses-bounce-rate",
        "SES bounce rate approaches the 5% at which AWS puts the account under review",
        Metric.Builder.create()
            .namespace("AWS/SES")
            .metricName("Reputation.BounceRate")
            .statistic("Maximum")
            .period(Duration.minutes(5))
            .build(),
        0.04,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    threshold(
        env,
        "ses-complaint-rate",
        "SES complaint rate approaches the 0.1% at which AWS puts the account under review",
        Metric.Builder.create()
            .namespace("AWS/SES")
            .metricName("Reputation.ComplaintRate")
            .statistic("Maximum")
            .period(Duration.minutes(5))
            .build(),
        0.0008,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    threshold(
        env,
        "email-delivery-events-dead-letters",
        "SES delivery events could not be processed and wait in the dead-letter queue",
        props
            .deliveryEventsDeadLetters()
            .metricApproximateNumberOfMessagesVisible(
                software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                    .period(Duration.minutes(1))
                    .statistic("Maximum")
                    .build()),
        1,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);

    // --- RDS: connections and replication lag ---------------------------------------------------
    threshold(
        env,
        "rds-connections",
        "PostgreSQL connections above 80% of max_connections",
        rdsMetric("DatabaseConnections", database.primary().getInstanceIdentifier()),
        Math.floor(env.database().maxConnections() * 0.8),
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    threshold(
        env,
        "rds-replica-lag",
        "the read replica lags the primary by more than 60 seconds",
        rdsMetric("ReplicaLag", database.replica().getInstanceIdentifier()),
        60,
        ComparisonOperator.GREATER_THAN_THRESHOLD);

    // --- Redis: memory and evictions, per member of the replication group ----------------------
    for (String member : List.of("001", "002")) {
      String clusterId = Cache.replicationGroupId(env) + "-" + member;
      threshold(
          env,
          "redis-" + member + "-memory",
          "Redis " + clusterId + " uses more than 80% of its memory",
          redisMetric("DatabaseMemoryUsagePercentage", "Maximum", clusterId),
          80,
          ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
      // allkeys-lru evicts on purpose; only a sustained stream of evictions means the cache is
      // too small for its working set (and hit ratios are falling).
      threshold(
          env,
          "redis-" + member + "-evictions",
          "Redis " + clusterId + " evicts more than 100 keys a minute",
          redisMetric("Evictions", "Sum", clusterId),
          100,
          ComparisonOperator.GREATER_THAN_THRESHOLD);
    }
  }

  public Topic alarms() {
    return alarms;
  }

  public ManagedPrometheus prometheus() {
    return prometheus;
  }

  private AlarmBase anomaly(
      DeploymentEnvironment env,
      String name,
      String description,
      IMetric metric,
      ComparisonOperator direction) {
    AnomalyDetectionAlarm alarm =
        AnomalyDetectionAlarm.Builder.create(this, name)
            .alarmName(env.prefix() + "-" + name)
            .alarmDescription(description)
            .metric(metric)
            .stdDevs(3)
            .comparisonOperator(direction)
            .evaluationPeriods(3)
            .datapointsToAlarm(3)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    notify(alarm);
    return alarm;
  }

  private AlarmBase threshold(
      DeploymentEnvironment env,
      String name,
      String description,
      IMetric metric,
      double threshold,
      ComparisonOperator comparison) {
    Alarm alarm =
        Alarm.Builder.create(this, name)
            .alarmName(env.prefix() + "-" + name)
            .alarmDescription(description)
            .metric(metric)
            .threshold(threshold)
            .comparisonOperator(comparison)
            .evaluationPeriods(3)
            .datapointsToAlarm(3)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    notify(alarm);
    return alarm;
  }

  private void notify(AlarmBase alarm) {
    alarm.addAlarmAction(new SnsAction(alarms));
    alarm.addOkAction(new SnsAction(alarms));
  }

  private static Metric albMetric(String name, String statistic, Map<String, String> dimensions) {
    return Metric.Builder.create()
        .namespace("AWS/ApplicationELB")
        .metricName(name)
        .dimensionsMap(dimensions)
        .statistic(statistic)
        .period(Duration.minutes(1))
        .build();
  }

  private static Metric rdsMetric(String name, String instanceId) {
    return Metric.Builder.create()
        .namespace("AWS/RDS")
        .metricName(name)
        .dimensionsMap(Map.of("DBInstanceIdentifier", instanceId))
        .statistic("Maximum")
        .period(Duration.minutes(1))
        .build();
  }

  private static Metric redisMetric(String name, String statistic, String clusterId) {
    return Metric.Builder.create()
        .namespace("AWS/ElastiCache")
        .metricName(name)
        .dimensionsMap(Map.of("CacheClusterId", clusterId))
        .statistic(statistic)
        .period(Duration.minutes(1))
        .build();
  }
}
