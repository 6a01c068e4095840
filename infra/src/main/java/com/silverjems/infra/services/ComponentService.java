package com.silverjems.infra.services;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.ServiceSize;
import com.silverjems.infra.data.Database;
import com.silverjems.infra.data.DatabaseRole;
import com.silverjems.infra.data.PlatformData;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentAlarmConfig;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * One component as an ECS Fargate service. The task role grants exactly what the component uses:
 * the shop writes uploads under {@code incoming/}; the email group sends through its SES identity
 * and configuration set; the delivery-events group consumes its queue; the images group reads and
 * moves uploads and writes renditions. Every component reads the database credentials (through the
 * execution role, which injects them as secrets) and nothing else.
 */
final class ComponentService extends Construct {

  /** Namespace of the metrics derived from the services' JSON logs. */
  static final String LOG_METRICS_NAMESPACE = "SilverJems/Logs";

  private final SecurityGroup securityGroup;
  private final FargateService service;
  private final ScalableTaskCount scaling;

  ComponentService(
      Construct scope,
      Component component,
      DeploymentEnvironment env,
      ICluster cluster,
      SubnetSelection subnets,
      IRepository repository,
      String imageTag,
      PlatformData data,
      Alarm deploymentAlarm) {
    super(scope, component.serviceName());
    ServiceSize size = env.size(component);
    String region = Stack.of(this).getRegion();

    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/silverjems/" + env.name() + "/" + component.serviceName())
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    // Spring Boot's ECS JSON logs carry {"log": {"level": "ERROR"}}; the count of such lines is
    // the routes' deployment alarm (they have no load balancer whose 5xx could tell).
    MetricFilter.Builder.create(this, "ErrorLines")
        .logGroup(logs)
        .filterPattern(FilterPattern.stringValue("$.log.level", "=", "ERROR"))
        .metricNamespace(LOG_METRICS_NAMESPACE)
        .metricName(errorMetricName(env, component))
        .metricValue("1")
        .defaultValue(0)
        .build();

    Role taskRole =
        Role.Builder.create(this, "TaskRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description(env.prefix() + " " + component.serviceName() + " task role")
            .build();
    FargateTaskDefinition task =
        FargateTaskDefinition.Builder.create(this, "Task")
            .family(env.prefix() + "-" + component.serviceName())
            .cpu(size.cpu())
            .memoryLimitMiB(size.memoryMiB())
            .taskRole(taskRole)
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            .volumes(List.of(Volume.builder().name("tmp").build()))
            .build();

    Map<String, String> environment = new LinkedHashMap<>();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    environment.put("AWS_REGION", region);
    environment.put("SERVER_PORT", String.valueOf(component.containerPort()));
    environment.put(
        "SPRING_DATASOURCE_URL",
        "jdbc:postgresql://"
            + data.database().primary().getDbInstanceEndpointAddress()
            + ":"
            + data.database().primary().getDbInstanceEndpointPort()
            + "/"
            + Database.DATABASE_NAME
            + "?sslmode=require");
    // Each component connects as its own role (grants of migration V50); only the shop's Flyway
    // uses the master user, and then sets every role's password from its secret.
    ISecret ownRole =
        data.database()
            .secret(component == Component.SHOP_API ? DatabaseRole.SHOP : DatabaseRole.HUB);
    secrets.put("SPRING_DATASOURCE_USERNAME", Secret.fromSecretsManager(ownRole, "username"));
    secrets.put("SPRING_DATASOURCE_PASSWORD", Secret.fromSecretsManager(ownRole, "password"));
    if (component == Component.SHOP_API) {
      secrets.put(
          "SPRING_FLYWAY_USER",
          Secret.fromSecretsManager(data.database().masterSecret(), "username"));
      secrets.put(
          "SPRING_FLYWAY_PASSWORD",
          Secret.fromSecretsManager(data.database().masterSecret(), "password"));
      for (DatabaseRole role : DatabaseRole.values()) {
        secrets.put(
            role.passwordVariable(),
            Secret.fromSecretsManager(data.database().secret(role), "password"));
      }
    }
    component.routesGroup().ifPresent(group -> environment.put("ROUTES_GROUPS", group));
    if (component == Component.EMAIL || component == Component.DELIVERY_EVENTS) {
      // These groups serve the admin API the shop calls, signed with the same key.
      secrets.put(
          "SILVERJEMS_ADMINAPI_SIGNINGKEY",
          Secret.fromSecretsManager(data.secrets().adminApiSigningKey()));
    }
    switch (component) {
      case SHOP_API -> {
        environment.put(
            "SPRING_DATA_REDIS_HOST",
            data.cache().replicationGroup().getAttrPrimaryEndPointAddress());
        environment.put(
            "SPRING_DATA_REDIS_PORT", data.cache().replicationGroup().getAttrPrimaryEndPointPort());
        environment.put("SPRING_DATA_REDIS_SSL_ENABLED", "true");
        secrets.put(
            "SPRING_DATA_REDIS_PASSWORD", Secret.fromSecretsManager(data.cache().authToken()));
        secrets.put(
            "SILVERJEMS_PAYMENTS_WEBHOOK_SECRET",
            Secret.fromSecretsManager(data.secrets().paymentWebhook()));
        secrets.put("STRIPE_API_KEY", Secret.fromSecretsManager(data.secrets().stripeApiKey()));
        secrets.put(
            "GOOGLE_CLIENT_ID",
            Secret.fromSecretsManager(data.secrets().googleOAuthClient(), "clientId"));
        secrets.put(
            "GOOGLE_CLIENT_SECRET",
            Secret.fromSecretsManager(data.secrets().googleOAuthClient(), "clientSecret"));
        secrets.put(
            "SILVERJEMS_IDENTITY_MFA_ENCRYPTIONKEY",
            Secret.fromSecretsManager(data.secrets().mfaEncryptionKey()));
        // Renditions live under images/ in the public bucket, which CloudFront serves at the
        // site's root; emailed links (verification, reset) point at the storefront too.
        environment.put("IMAGES_BASE_URL", "https://" + env.siteDomain() + "/");
        environment.put("SILVERJEMS_IDENTITY_PUBLICBASEURL", "https://" + env.siteDomain());
        environment.put("SILVERJEMS_IMAGES_UPLOADBUCKET", data.buckets().uploads().getBucketName());
        // The admin's email page forwards to the hub (Cloud Map name, see ServicesStack).
        environment.put("SILVERJEMS_EMAILHUB_URL", ServicesStack.emailHubUrl(env));
        // ... and signs each call; the hub refuses unsigned ones (AdminApiAuthentication).
        secrets.put(
            "SILVERJEMS_EMAILHUB_SIGNINGKEY",
            Secret.fromSecretsManager(data.secrets().adminApiSigningKey()));
        // Admin uploads land under incoming/, where the images group picks them up.
        allow(
            taskRole,
            "UploadImages",
            List.of("s3:PutObject"),
            data.buckets().uploads(),
            "incoming/*");
      }
      case EMAIL -> {
        // Names as Spring Boot binds them from the environment (silverjems.email.from-address ->
        // SILVERJEMS_EMAIL_FROMADDRESS); the SES region is AWS_REGION. A name the code does not
        // bind fails DeployedConfigurationIT.
        environment.put(
            "SILVERJEMS_EMAIL_CONFIGURATIONSET",
            data.email().configurationSet().getConfigurationSetName());
        environment.put("SILVERJEMS_EMAIL_FROMADDRESS", "orders@" + env.hostedZoneName());
        environment.put("SILVERJEMS_EMAIL_BRAND_SHOPURL", "https://" + env.siteDomain());
        taskRole.addToPolicy(
            PolicyStatement.Builder.create()
                .sid("SendThroughOurIdentityOnly")
                .actions(List.of("ses:SendEmail", "ses:SendRawEmail"))
                .resources(
                    List.of(
                        data.email().identity().getEmailIdentityArn(),
                        Stack.of(this)
                            .formatArn(
                                software.amazon.awscdk.ArnComponents.builder()
                                    .service("ses")
                                    .resource("configuration-set")
                                    .resourceName(
                                        data.email().configurationSet().getConfigurationSetName())
                                    .build())))
                .build());
      }
      case DELIVERY_EVENTS -> {
        // DeliveryProperties: the queue by name, the topics whose notifications are genuine.
        environment.put("SILVERJEMS_DELIVERY_QUEUE", data.email().queue().getQueueName());
        // By URL: finding it by name needs sqs:ListQueues, which the task role does not have.
        environment.put("SILVERJEMS_DELIVERY_QUEUEURL", data.email().queue().getQueueUrl());
        environment.put("SILVERJEMS_DELIVERY_TOPICARNS", data.email().topic().getTopicArn());
        data.email().queue().grantConsumeMessages(taskRole);
      }
      case IMAGES -> {
        // The hub's ImagesProperties (images.*) read these two (application.yml placeholders).
        environment.put("IMAGES_UPLOAD_BUCKET", data.buckets().uploads().getBucketName());
        environment.put("IMAGES_PUBLIC_BUCKET", data.buckets().publicAssets().getBucketName());
        // Polls incoming/, moves originals to processed/ or rejected/ (copy, then delete).
        taskRole.addToPolicy(
            PolicyStatement.Builder.create()
                .sid("ListIncoming")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(data.buckets().uploads().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of("incoming/*"))))
                .build());
        allow(
            taskRole,
            "ReadAndRemoveIncoming",
            List.of("s3:GetObject", "s3:DeleteObject"),
            data.buckets().uploads(),
            "incoming/*");
        allow(
            taskRole,
            "FileOriginals",
            List.of("s3:PutObject"),
            data.buckets().uploads(),
            "processed/*",
            "rejected/*");
        // Renditions go under content-hashed immutable keys; never overwritten, never deleted.
        allow(
            taskRole,
            "WriteRenditions",
            List.of("s3:PutObject"),
            data.buckets().publicAssets(),
            "images/*");
      }
    }

    ContainerDefinition container =
        task.addContainer(
            "App",
            ContainerDefinitionOptions.builder()
                .containerName(component.serviceName())
                .image(ContainerImage.fromEcrRepository(repository, imageTag))
                .essential(true)
                .readonlyRootFilesystem(true)
                .user("10001")
                .environment(environment)
                .secrets(secrets)
                .portMappings(
                    List.of(PortMapping.builder().containerPort(component.containerPort()).build()))
                // ECS ignores the image's HEALTHCHECK; this one restarts a wedged JVM.
                .healthCheck(
                    HealthCheck.builder()
                        .command(
                            List.of(
                                "CMD-SHELL",
                                "wget -q -O /dev/null http://127.0.0.1:"
                                    + component.containerPort()
                                    + component.livenessPath()
                                    + " || exit 1"))
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(90))
                        .build())
                .stopTimeout(Duration.seconds(30))
                .logging(
                    LogDriver.awsLogs(
                        AwsLogDriverProps.builder()
                            .logGroup(logs)
                            .streamPrefix(component.serviceName())
                            .build()))
                .build());
    container.addMountPoints(
        MountPoint.builder().containerPath("/tmp").sourceVolume("tmp").readOnly(false).build());

    NagSuppressions.addResourceSuppressions(
        taskRole,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Object keys are generated (content hashes, upload ids): access is scoped to"
                        + " the key prefix the component owns, never to a whole bucket.")
                .appliesTo(
                    List.of(
                        RegexAppliesTo.builder()
                            .regex(
                                "/^Resource::<(Uploads|PublicAssets)[A-F0-9]+\\.Arn>\\/[a-z]+\\/\\*$/g")
                            .build()))
                .build()),
        true);
    NagSuppressions.addResourceSuppressions(
        task.obtainExecutionRole(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "ecr:GetAuthorizationToken, which ECS needs to pull the image, supports no"
                        + " resource-level permission; the pull itself is scoped to the repository.")
                .appliesTo(List.of("Resource::*"))
                .build()),
        true);
    NagSuppressions.addResourceSuppressions(
        task,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-ECS2")
                .reason(
                    "Environment variables carry only non-secret settings (endpoints, bucket, queue"
                        + " and route group names); credentials come in through ECS secrets.")
                .build()));

    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(cluster.getVpc())
            .description(component.serviceName() + " tasks")
            .allowAllOutbound(true)
            .build();
    service =
        FargateService.Builder.create(this, "Service")
            .serviceName(component.serviceName())
            .cluster(cluster)
            .taskDefinition(task)
            .desiredCount(size.minTasks())
            .vpcSubnets(subnets)
            .securityGroups(List.of(securityGroup))
            .assignPublicIp(false)
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .deploymentAlarms(
                DeploymentAlarmConfig.builder()
                    .alarmNames(List.of(deploymentAlarm.getAlarmName()))
                    .behavior(AlarmBehavior.ROLLBACK_ON_ALARM)
                    .build())
            .healthCheckGracePeriod(component == Component.SHOP_API ? Duration.seconds(90) : null)
            .enableExecuteCommand(false)
            // Registered in the cluster's namespace: the collector scrapes every task by DNS.
            .cloudMapOptions(
                software.amazon.awscdk.services.ecs.CloudMapOptions.builder()
                    .name(component.serviceName())
                    .dnsRecordType(software.amazon.awscdk.services.servicediscovery.DnsRecordType.A)
                    .dnsTtl(Duration.seconds(10))
                    .build())
            .build();
    scaling =
        service.autoScaleTaskCount(
            EnableScalingProps.builder()
                .minCapacity(size.minTasks())
                .maxCapacity(size.maxTasks())
                .build());
    scaling.scaleOnCpuUtilization(
        "Cpu",
        CpuUtilizationScalingProps.builder()
            .targetUtilizationPercent(60)
            .scaleInCooldown(Duration.minutes(5))
            .scaleOutCooldown(Duration.minutes(1))
            .build());
  }

  private static void allow(
      Role role, String sid, List<String> actions, IBucket bucket, String... keyPatterns) {
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid(sid)
            .actions(actions)
            .resources(Arrays.stream(keyPatterns).map(bucket::arnForObjects).toList())
            .build());
  }

  static String errorMetricName(DeploymentEnvironment env, Component component) {
    return env.name() + "-" + component.serviceName() + "-error-lines";
  }

  /** ERROR lines per minute in a component's logs. */
  static Metric errorLogMetric(DeploymentEnvironment env, Component component) {
    return Metric.Builder.create()
        .namespace(LOG_METRICS_NAMESPACE)
        .metricName(errorMetricName(env, component))
        .statistic("Sum")
        .period(Duration.minutes(1))
        .build();
  }

  SecurityGroup securityGroup() {
    return securityGroup;
  }

  FargateService service() {
    return service;
  }

  ScalableTaskCount scaling() {
    return scaling;
  }
}
