package com.silverjems.infra.observability;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.network.NetworkStack;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.amazon.awscdk.services.servicediscovery.INamespace;
import software.constructs.Construct;

/**
 * One piece of the monitoring plane (the collector, an exporter, Grafana) as a Fargate service of
 * the platform's cluster, registered in its Cloud Map namespace so the collector finds each task.
 * Task families are {@code <prefix>-monitoring-<name>} and containers run upstream images pinned by
 * version: they are not shop or hub components, and the release pipeline never redeploys them (a
 * version bump here is an infra change).
 *
 * <p>Upstream images read their configuration from files; the file's text comes in an environment
 * variable and the container's shell writes it to {@code /tmp} before starting the process.
 */
public final class MonitoringService extends Construct {

  /** Task definition family prefix of every monitoring task ({@code <env prefix>-monitoring-}). */
  public static String familyPrefix(DeploymentEnvironment env) {
    return env.prefix() + "-monitoring-";
  }

  /**
   * One container of the task.
   *
   * @param name container name
   * @param image an upstream image, pinned to a version (or null with {@code builtImage})
   * @param builtImage an image CDK builds from a Dockerfile of the repository
   * @param port the port it serves (metrics, probes or UI)
   * @param entryPoint null to keep the image's
   * @param command the command (arguments to the entry point)
   * @param environment non-secret settings, including configuration file texts
   * @param secrets credentials, injected by ECS from Secrets Manager
   */
  public record Container(
      String name,
      String image,
      ContainerImage builtImage,
      int port,
      List<String> entryPoint,
      List<String> command,
      Map<String, String> environment,
      Map<String, Secret> secrets) {

    public Container(
        String name,
        String image,
        int port,
        List<String> entryPoint,
        List<String> command,
        Map<String, String> environment,
        Map<String, Secret> secrets) {
      this(name, image, null, port, entryPoint, command, environment, secrets);
    }

    public Container {
      Objects.requireNonNull(name, "name");
      if ((image == null) == (builtImage == null)) {
        throw new IllegalArgumentException(name + ": an upstream image or a built one");
      }
      command = command == null ? List.of() : List.copyOf(command);
      environment = environment == null ? Map.of() : new LinkedHashMap<>(environment);
      secrets = secrets == null ? Map.of() : new LinkedHashMap<>(secrets);
    }

    /**
     * A container whose process reads {@code file} under {@code /tmp}: the shell writes the
     * variable {@code variable} (holding the file's text) there, then execs {@code process}.
     */
    public static Container withConfigFile(
        String name,
        String image,
        int port,
        String variable,
        String text,
        String file,
        String process,
        Map<String, String> environment,
        Map<String, Secret> secrets) {
      Map<String, String> env = new LinkedHashMap<>(environment);
      env.put(variable, text);
      return new Container(
          name,
          image,
          port,
          List.of("/bin/sh", "-c"),
          List.of("printf '%s' \"$" + variable + "\" > /tmp/" + file + " && exec " + process),
          env,
          secrets);
    }
  }

  private final FargateService service;
  private final SecurityGroup securityGroup;
  private final Role taskRole;

  public MonitoringService(
      Construct scope,
      String name,
      DeploymentEnvironment env,
      ICluster cluster,
      INamespace namespace,
      int cpu,
      int memoryMiB,
      List<Container> containers) {
    super(scope, name);
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/silverjems/" + env.name() + "/monitoring/" + name)
            .retention(env.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    taskRole =
        Role.Builder.create(this, "TaskRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description(env.prefix() + " monitoring " + name + " task role")
            .build();
    FargateTaskDefinition task =
        FargateTaskDefinition.Builder.create(this, "Task")
            .family(familyPrefix(env) + name)
            .cpu(cpu)
            .memoryLimitMiB(memoryMiB)
            .taskRole(taskRole)
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            .volumes(List.of(Volume.builder().name("tmp").build()))
            .build();
    for (Container c : containers) {
      ContainerDefinitionOptions.Builder options =
          ContainerDefinitionOptions.builder()
              .containerName(c.name())
              .image(
                  c.builtImage() != null ? c.builtImage() : ContainerImage.fromRegistry(c.image()))
              .essential(true)
              .readonlyRootFilesystem(true)
              .user("65534")
              .environment(c.environment())
              .secrets(c.secrets())
              .portMappings(List.of(PortMapping.builder().containerPort(c.port()).build()))
              .logging(
                  LogDriver.awsLogs(
                      AwsLogDriverProps.builder().logGroup(logs).streamPrefix(c.name()).build()));
      if (c.entryPoint() != null) {
        options.entryPoint(c.entryPoint());
      }
      if (!c.command().isEmpty()) {
        options.command(c.command());
      }
      ContainerDefinition container = task.addContainer(c.name(), options.build());
      container.addMountPoints(
          MountPoint.builder().containerPath("/tmp").sourceVolume("tmp").readOnly(false).build());
    }
    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(cluster.getVpc())
            .description("monitoring " + name + " tasks")
            .allowAllOutbound(true)
            .build();
    service =
        FargateService.Builder.create(this, "Service")
            .serviceName("monitoring-" + name)
            .cluster(cluster)
            .taskDefinition(task)
            .desiredCount(1)
            .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.APP_SUBNETS).build())
            .securityGroups(List.of(securityGroup))
            .assignPublicIp(false)
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .cloudMapOptions(
                CloudMapOptions.builder()
                    .cloudMapNamespace(namespace)
                    .name(name)
                    .dnsRecordType(DnsRecordType.A)
                    .dnsTtl(Duration.seconds(10))
                    .build())
            .enableExecuteCommand(false)
            .build();

    List<NagPackSuppression> taskSuppressions = new ArrayList<>();
    taskSuppressions.add(
        NagPackSuppression.builder()
            .id("AwsSolutions-ECS2")
            .reason(
                "Environment variables carry configuration files and endpoints only;"
                    + " credentials come in through ECS secrets.")
            .build());
    NagSuppressions.addResourceSuppressions(task, taskSuppressions, true);
    NagSuppressions.addResourceSuppressions(
        task.obtainExecutionRole(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "ecr:GetAuthorizationToken, which ECS needs to pull an image CDK built,"
                        + " supports no resource-level permission; the pull itself is scoped.")
                .appliesTo(List.of("Resource::*"))
                .build()),
        true);
  }

  public FargateService service() {
    return service;
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  public Role taskRole() {
    return taskRole;
  }
}
