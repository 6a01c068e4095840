package com.silverjems.infra.observability;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.data.Cache;
import com.silverjems.infra.data.Database;
import com.silverjems.infra.data.DatabaseRole;
import com.silverjems.infra.observability.MonitoringService.Container;
import com.silverjems.infra.services.ServicesStack;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.servicediscovery.INamespace;
import software.constructs.Construct;

/**
 * What makes the rule files evaluate in AWS: the exporters the rules query (postgres_exporter on
 * the primary and the replica as the read-only monitoring role, redis_exporter over TLS with the
 * AUTH token, blackbox_exporter, cloudwatch_exporter for eu-west-1 and us-east-1) and the collector
 * (Prometheus in agent mode) that scrapes them and every task of every service, writing to AMP.
 * Each exporter has its own security group, which alone the database or cache admits.
 */
public final class MonitoringPlane extends Construct {

  /** Upstream images, pinned: a bump is a reviewed infra change. */
  static final String PROMETHEUS_IMAGE = "quay.io/prometheus/prometheus:v2.53.2";

  static final String POSTGRES_EXPORTER_IMAGE =
      "quay.io/prometheuscommunity/postgres-exporter:v0.15.0";
  static final String REDIS_EXPORTER_IMAGE = "oliver006/redis_exporter:v1.62.0-alpine";
  static final String BLACKBOX_EXPORTER_IMAGE = "quay.io/prometheus/blackbox-exporter:v0.25.0";
  static final String CLOUDWATCH_EXPORTER_IMAGE = "quay.io/prometheus/cloudwatch-exporter:v0.16.0";

  /** Ports the collector scrapes; the same numbers as {@code collector/prometheus-agent.yml}. */
  static final int POSTGRES_PRIMARY_PORT = 9187;

  static final int POSTGRES_REPLICA_PORT = 9188;
  static final int REDIS_PORT = 9121;
  static final int BLACKBOX_PORT = 9115;
  static final int CLOUDWATCH_PORT = 9106;
  static final int CLOUDWATCH_EDGE_PORT = 9107;

  /** Grafana's port, reachable inside the VPC (Cloud Map name {@code grafana.<namespace>}). */
  static final int GRAFANA_PORT = 3000;

  private final DeploymentEnvironment env;
  private final software.amazon.awscdk.services.ecs.ICluster cluster;
  private final INamespace namespace;
  private final MonitoringService collector;
  private final MonitoringService grafana;

  public MonitoringPlane(
      Construct scope,
      String id,
      DeploymentEnvironment env,
      Database database,
      Cache cache,
      ServicesStack.Runtime services,
      ManagedPrometheus prometheus,
      String alarmTopicArn) {
    super(scope, id);
    this.env = env;
    this.cluster = services.cluster();
    this.namespace = cluster.getDefaultCloudMapNamespace();

    // --- postgres_exporter: primary and replica, as silverjems_monitoring (pg_monitor only) ----
    var monitoringRole = database.secret(DatabaseRole.MONITORING);
    Map<String, Secret> pgCredentials =
        Map.of(
            "DATA_SOURCE_USER", Secret.fromSecretsManager(monitoringRole, "username"),
            "DATA_SOURCE_PASS", Secret.fromSecretsManager(monitoringRole, "password"));
    String queries = OpsFiles.read("exporters/postgres-queries.yaml");
    MonitoringService postgres =
        service(
            "postgres-exporter",
            256,
            512,
            List.of(
                postgresExporter(
                    "primary",
                    POSTGRES_PRIMARY_PORT,
                    database.primary().getDbInstanceEndpointAddress(),
                    database.primary().getDbInstanceEndpointPort(),
                    queries,
                    pgCredentials),
                postgresExporter(
                    "replica",
                    POSTGRES_REPLICA_PORT,
                    database.replica().getDbInstanceEndpointAddress(),
                    database.replica().getDbInstanceEndpointPort(),
                    queries,
                    pgCredentials)));
    database.allowFrom(postgres.securityGroup(), "postgres_exporter -> PostgreSQL");

    // --- redis_exporter: TLS (rediss://) with the AUTH token, as ElastiCache enforces --------
    MonitoringService redis =
        service(
            "redis-exporter",
            256,
            512,
            List.of(
                new Container(
                    "redis-exporter",
                    REDIS_EXPORTER_IMAGE,
                    REDIS_PORT,
                    null,
                    List.of(),
                    Map.of(
                        "REDIS_ADDR",
                        "rediss://"
                            + cache.replicationGroup().getAttrPrimaryEndPointAddress()
                            + ":"
                            + cache.replicationGroup().getAttrPrimaryEndPointPort(),
                        "REDIS_EXPORTER_WEB_LISTEN_ADDRESS",
                        ":" + REDIS_PORT),
                    Map.of("REDIS_PASSWORD", Secret.fromSecretsManager(cache.authToken())))));
    cache.allowFrom(redis.securityGroup(), "redis_exporter -> Redis");

    // --- blackbox_exporter: the public HTTPS endpoints and their certificates -----------------
    MonitoringService blackbox =
        service(
            "blackbox-exporter",
            256,
            512,
            List.of(
                Container.withConfigFile(
                    "blackbox-exporter",
                    BLACKBOX_EXPORTER_IMAGE,
                    BLACKBOX_PORT,
                    "BLACKBOX_CONFIG",
                    OpsFiles.read("exporters/blackbox.yaml"),
                    "blackbox.yml",
                    "/bin/blackbox_exporter --config.file=/tmp/blackbox.yml",
                    Map.of(),
                    Map.of())));

    // --- cloudwatch_exporter: the deployment region and us-east-1 (CloudFront) ----------------
    MonitoringService cloudwatch =
        service(
            "cloudwatch-exporter",
            512,
            1024,
            List.of(
                cloudwatchExporter(
                    "regional",
                    CLOUDWATCH_PORT,
                    OpsFiles.read("exporters/cloudwatch-exporter.yaml")),
                cloudwatchExporter(
                    "us-east-1",
                    CLOUDWATCH_EDGE_PORT,
                    OpsFiles.read("exporters/cloudwatch-exporter-us-east-1.yaml"))));
    cloudwatch
        .taskRole()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .sid("ReadMetrics")
                .actions(
                    List.of(
                        "cloudwatch:GetMetricData",
                        "cloudwatch:GetMetricStatistics",
                        "cloudwatch:ListMetrics",
                        "tag:GetResources"))
                .resources(List.of("*"))
                .build());
    NagSuppressions.addResourceSuppressions(
        cloudwatch.taskRole(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "CloudWatch's read APIs and the tagging API support no resource-level"
                        + " permissions; the role can only read metrics.")
                .appliesTo(List.of("Resource::*"))
                .build()),
        true);

    // --- the collector: Prometheus agent -> AMP ---------------------------------------------
    String config =
        OpsFiles.read("collector/prometheus-agent.yml")
            .replace("${NAMESPACE}", ServicesStack.serviceDiscoveryNamespace(env))
            .replace("${REMOTE_WRITE_URL}", prometheus.remoteWriteUrl())
            .replace("${AWS_REGION}", env.region())
            .replace("${SITE_URL}", "https://" + env.siteDomain());
    collector =
        service(
            "collector",
            512,
            1024,
            List.of(
                Container.withConfigFile(
                    "collector",
                    PROMETHEUS_IMAGE,
                    9090,
                    "PROMETHEUS_CONFIG",
                    config,
                    "prometheus.yml",
                    "/bin/prometheus --config.file=/tmp/prometheus.yml --enable-feature=agent"
                        + " --storage.agent.path=/tmp/agent",
                    Map.of(),
                    Map.of())));
    collector
        .taskRole()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .sid("WriteToOurWorkspace")
                .actions(List.of("aps:RemoteWrite"))
                .resources(List.of(prometheus.workspace().getAttrArn()))
                .build());

    // --- Grafana: the image built from grafana-provisioning/ (Dockerfile), by cdk deploy ------
    grafana = grafana(prometheus, alarmTopicArn);

    // The collector reaches every target's port, and nothing else is admitted there.
    admit(postgres, POSTGRES_PRIMARY_PORT, POSTGRES_REPLICA_PORT);
    admit(redis, REDIS_PORT, REDIS_PORT);
    admit(blackbox, BLACKBOX_PORT, BLACKBOX_PORT);
    admit(cloudwatch, CLOUDWATCH_PORT, CLOUDWATCH_EDGE_PORT);
    for (Component component : Component.values()) {
      CfnSecurityGroupIngress.Builder.create(this, "CollectorTo-" + component.serviceName())
          .groupId(services.securityGroups().get(component).getSecurityGroupId())
          .sourceSecurityGroupId(collector.securityGroup().getSecurityGroupId())
          .ipProtocol("tcp")
          .fromPort(component.containerPort())
          .toPort(component.containerPort())
          .description("collector scrapes " + component.serviceName() + " /actuator/prometheus")
          .build();
    }
  }

  private MonitoringService grafana(ManagedPrometheus prometheus, String alarmTopicArn) {
    var adminPassword =
        software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "GrafanaAdmin")
            .secretName(env.prefix() + "/grafana-admin-password")
            .description("Grafana's admin password")
            .generateSecretString(
                software.amazon.awscdk.services.secretsmanager.SecretStringGenerator.builder()
                    .passwordLength(32)
                    .excludePunctuation(true)
                    .build())
            .build();
    NagSuppressions.addResourceSuppressions(
        adminPassword,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason(
                    "Grafana reads its admin password at first start into its own database;"
                        + " rotating means a new task, a manual break-glass step.")
                .build()));
    Map<String, String> environment = new java.util.LinkedHashMap<>();
    // The variables grafana-provisioning/provisioning/*.yaml reference (GrafanaTaskTest).
    environment.put("AMP_QUERY_URL", prometheus.workspace().getAttrPrometheusEndpoint());
    environment.put("AWS_REGION", env.region());
    environment.put("ONCALL_SNS_TOPIC_ARN", alarmTopicArn);
    environment.put("TEAM_EMAIL", env.alarmEmail());
    // The root file system is read-only: Grafana's database, logs and plugins go to /tmp (the
    // provisioning is code, so nothing of value lives there).
    environment.put("GF_PATHS_DATA", "/tmp/grafana");
    environment.put("GF_PATHS_LOGS", "/tmp/grafana-logs");
    environment.put("GF_PATHS_PLUGINS", "/tmp/grafana-plugins");
    MonitoringService service =
        service(
            "grafana",
            512,
            1024,
            List.of(
                new Container(
                    "grafana",
                    null,
                    software.amazon.awscdk.services.ecs.ContainerImage.fromAsset(
                        OpsFiles.grafanaProvisioning().toString(),
                        software.amazon.awscdk.services.ecs.AssetImageProps.builder()
                            .exclude(List.of("src", "target", "rules", "collector", "*.md"))
                            .build()),
                    GRAFANA_PORT,
                    null,
                    List.of(),
                    environment,
                    Map.of(
                        "GF_SECURITY_ADMIN_PASSWORD", Secret.fromSecretsManager(adminPassword)))));
    service
        .taskRole()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .sid("QueryOurWorkspace")
                .actions(
                    List.of(
                        "aps:QueryMetrics",
                        "aps:GetSeries",
                        "aps:GetLabels",
                        "aps:GetMetricMetadata"))
                .resources(List.of(prometheus.workspace().getAttrArn()))
                .build());
    service
        .taskRole()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .sid("ReadCloudWatch")
                .actions(
                    List.of(
                        "cloudwatch:GetMetricData",
                        "cloudwatch:ListMetrics",
                        "cloudwatch:DescribeAlarms",
                        "logs:DescribeLogGroups",
                        "tag:GetResources"))
                .resources(List.of("*"))
                .build());
    service
        .taskRole()
        .addToPolicy(
            PolicyStatement.Builder.create()
                .sid("PageThroughTheAlarmTopic")
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarmTopicArn))
                .build());
    NagSuppressions.addResourceSuppressions(
        service.taskRole(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "CloudWatch's and the tagging API's read actions support no resource-level"
                        + " permissions; the role can only read metrics.")
                .appliesTo(List.of("Resource::*"))
                .build()),
        true);
    return service;
  }

  /** A monitoring service of this environment's cluster, registered in its namespace. */
  private MonitoringService service(
      String name, int cpu, int memoryMiB, List<Container> containers) {
    return new MonitoringService(this, name, env, cluster, namespace, cpu, memoryMiB, containers);
  }

  private void admit(MonitoringService target, int fromPort, int toPort) {
    target
        .securityGroup()
        .addIngressRule(
            collector.securityGroup(),
            Port.tcpRange(fromPort, toPort),
            "collector scrapes " + target.getNode().getId());
  }

  private static Container postgresExporter(
      String role,
      int port,
      String host,
      String dbPort,
      String queries,
      Map<String, Secret> credentials) {
    return Container.withConfigFile(
        "postgres-exporter-" + role,
        POSTGRES_EXPORTER_IMAGE,
        port,
        "PG_QUERIES",
        queries,
        "queries-" + role + ".yaml",
        "/bin/postgres_exporter --extend.query-path=/tmp/queries-"
            + role
            + ".yaml --web.listen-address=:"
            + port,
        Map.of(
            "DATA_SOURCE_URI",
            host + ":" + dbPort + "/" + Database.DATABASE_NAME + "?sslmode=require"),
        credentials);
  }

  private static Container cloudwatchExporter(String name, int port, String config) {
    String file = "cloudwatch-" + name + ".yml";
    return Container.withConfigFile(
        "cloudwatch-exporter-" + name,
        CLOUDWATCH_EXPORTER_IMAGE,
        port,
        "CLOUDWATCH_CONFIG",
        config,
        file,
        "java -jar /cloudwatch_exporter.jar " + port + " /tmp/" + file,
        Map.of(),
        Map.of());
  }

  public MonitoringService collector() {
    return collector;
  }

  public MonitoringService grafana() {
    return grafana;
  }
}
