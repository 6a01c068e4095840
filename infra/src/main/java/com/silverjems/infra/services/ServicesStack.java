package com.silverjems.infra.services;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.data.PlatformData;
import com.silverjems.infra.network.NetworkStack;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.constructs.Construct;

/**
 * The running software: the ECS cluster, the internal load balancer in front of the shop API, and
 * one Fargate service per component, each with its own task role, health checks, a deployment
 * circuit breaker that rolls back, deployment alarms and autoscaling bounds.
 *
 * <p>The image tag comes from the {@code imageTag} context value: the release workflow passes the
 * git sha it deployed, so a {@code cdk deploy} never rolls a service back to an older image.
 */
public final class ServicesStack extends Stack {

  /** Context key of the image tag (a git sha) the task definitions point at. */
  public static final String IMAGE_TAG_CONTEXT = "imageTag";

  private final Cluster cluster;
  private final ApplicationLoadBalancer loadBalancer;
  private final ApplicationListener listener;
  private final ApplicationTargetGroup shopTargets;
  private final Map<Component, ComponentService> services = new EnumMap<>(Component.class);

  /**
   * @param env the environment
   * @param vpc the network's VPC (its app subnets hold the tasks and the load balancer)
   * @param data the databases, buckets, email pipeline and secrets the components use
   * @param imageRepositories the ECR repositories by name ({@link Component#imageRepository()})
   */
  public record Props(
      DeploymentEnvironment env,
      IVpc vpc,
      PlatformData data,
      Map<String, IRepository> imageRepositories) {}

  /** What the observability stack watches and the collector scrapes. */
  public record Runtime(
      Cluster cluster,
      ApplicationLoadBalancer loadBalancer,
      ApplicationTargetGroup shopTargets,
      Map<Component, SecurityGroup> securityGroups) {}

  public ServicesStack(Construct scope, String id, StackProps stackProps, Props props) {
    super(scope, id, stackProps);
    DeploymentEnvironment env = props.env();
    IVpc vpc = props.vpc();
    PlatformData data = props.data();
    String imageTag =
        String.valueOf(
            java.util.Objects.requireNonNullElse(
                getNode().tryGetContext(IMAGE_TAG_CONTEXT), "bootstrap"));
    SubnetSelection appSubnets =
        SubnetSelection.builder().subnetGroupName(NetworkStack.APP_SUBNETS).build();

    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName(env.clusterName())
            .vpc(vpc)
            .containerInsightsV2(ContainerInsights.ENHANCED)
            .build();
    // One A record per running task of every service: how the collector finds what to scrape.
    cluster.addDefaultCloudMapNamespace(
        software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions.builder()
            .name(serviceDiscoveryNamespace(env))
            .vpc(vpc)
            .build());

    SecurityGroup loadBalancerSecurityGroup =
        SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
            .vpc(vpc)
            .description("internal ALB: only CloudFront's origin-facing addresses (VPC origin)")
            .allowAllOutbound(false)
            .build();
    loadBalancerSecurityGroup.addIngressRule(
        Peer.prefixList(env.cloudFrontOriginPrefixListId()), Port.tcp(80), "CloudFront VPC origin");
    loadBalancer =
        ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
            .vpc(vpc)
            .internetFacing(false)
            .vpcSubnets(appSubnets)
            .securityGroup(loadBalancerSecurityGroup)
            .dropInvalidHeaderFields(true)
            .deletionProtection(env.protectData())
            .build();
    loadBalancer.logAccessLogs(data.buckets().accessLogs(), "alb");
    shopTargets =
        ApplicationTargetGroup.Builder.create(this, "ShopTargets")
            .vpc(vpc)
            .port(Component.SHOP_API.containerPort())
            .protocol(ApplicationProtocol.HTTP)
            .targetType(TargetType.IP)
            .deregistrationDelay(Duration.seconds(20))
            .healthCheck(
                HealthCheck.builder()
                    .path(Component.SHOP_API.readinessPath())
                    .healthyHttpCodes("200")
                    .interval(Duration.seconds(10))
                    .timeout(Duration.seconds(5))
                    .healthyThresholdCount(2)
                    .unhealthyThresholdCount(3)
                    .build())
            .build();
    // Plain HTTP inside the VPC: TLS ends at CloudFront, and the only way in is the VPC origin,
    // whose traffic never leaves AWS's network (see the security group above).
    listener =
        loadBalancer.addListener(
            "Http",
            software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps
                .builder()
                .port(80)
                .protocol(ApplicationProtocol.HTTP)
                .open(false)
                .defaultTargetGroups(List.of(shopTargets))
                .build());

    for (Component component : Component.values()) {
      ComponentService service =
          new ComponentService(
              this,
              component,
              env,
              cluster,
              appSubnets,
              props.imageRepositories().get(component.imageRepository()),
              imageTag,
              data,
              deploymentAlarm(env, component));
      services.put(component, service);
      data.database()
          .allowFrom(service.securityGroup(), component.serviceName() + " -> PostgreSQL");
    }
    ComponentService shop = services.get(Component.SHOP_API);
    shop.service().attachToApplicationTargetGroup(shopTargets);
    shop.securityGroup()
        .addIngressRule(
            loadBalancerSecurityGroup,
            Port.tcp(Component.SHOP_API.containerPort()),
            "ALB -> shop API");
    loadBalancerSecurityGroup.addEgressRule(
        shop.securityGroup(), Port.tcp(Component.SHOP_API.containerPort()), "ALB -> shop API");
    data.cache().allowFrom(shop.securityGroup(), "shop -> Redis");
    // The admin's email page: the shop forwards /api/admin/email/** to the hub's admin API.
    services
        .get(Component.EMAIL)
        .securityGroup()
        .addIngressRule(
            shop.securityGroup(),
            Port.tcp(Component.EMAIL.containerPort()),
            "shop -> email hub admin API");
    shop.scaling()
        .scaleOnRequestCount(
            "Requests",
            software.amazon.awscdk.services.ecs.RequestCountScalingProps.builder()
                .requestsPerTarget(1000)
                .targetGroup(shopTargets)
                .build());
  }

  /**
   * The alarm that rolls a deployment back while it is in progress. The shop: its targets answer
   * 5xx for 3 consecutive minutes. The route groups (no load balancer): ERROR lines in their logs
   * for 3 consecutive minutes.
   */
  private Alarm deploymentAlarm(DeploymentEnvironment env, Component component) {
    Metric metric =
        component == Component.SHOP_API
            ? Metric.Builder.create()
                .namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_Target_5XX_Count")
                .dimensionsMap(
                    Map.of(
                        "LoadBalancer", loadBalancer.getLoadBalancerFullName(),
                        "TargetGroup", shopTargets.getTargetGroupFullName()))
                .statistic("Sum")
                .period(Duration.minutes(1))
                .build()
            : ComponentService.errorLogMetric(env, component);
    return Alarm.Builder.create(this, "DeploymentAlarm-" + component.serviceName())
        .alarmName(env.prefix() + "-" + component.serviceName() + "-deployment")
        .alarmDescription(
            component.serviceName() + " fails during a rollout: ECS rolls the deployment back")
        .metric(metric)
        .threshold(component == Component.SHOP_API ? 10 : 5)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(3)
        .datapointsToAlarm(3)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * The private DNS namespace the services' tasks register in, e.g. {@code
   * prod.silverjems.internal}.
   */
  public static String serviceDiscoveryNamespace(DeploymentEnvironment env) {
    return env.name() + ".silverjems.internal";
  }

  /** The cluster, load balancer and task security groups, for the stacks that watch them. */
  public Runtime runtime() {
    Map<Component, SecurityGroup> groups = new EnumMap<>(Component.class);
    services.forEach((component, service) -> groups.put(component, service.securityGroup()));
    return new Runtime(cluster, loadBalancer, shopTargets, Map.copyOf(groups));
  }

  /** A component's task security group (the collector is admitted to its port). */
  public SecurityGroup securityGroup(Component component) {
    return services.get(component).securityGroup();
  }

  /** Where the shop reaches the email hub's admin API inside the VPC (Cloud Map). */
  static String emailHubUrl(DeploymentEnvironment env) {
    return "http://"
        + Component.EMAIL.serviceName()
        + "."
        + serviceDiscoveryNamespace(env)
        + ":"
        + Component.EMAIL.containerPort();
  }

  public Cluster cluster() {
    return cluster;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  public ApplicationTargetGroup shopTargets() {
    return shopTargets;
  }

  public FargateService service(Component component) {
    return services.get(component).service();
  }
}
