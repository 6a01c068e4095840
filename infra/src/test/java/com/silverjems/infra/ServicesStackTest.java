package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.ServiceSize;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** One Fargate service per component, each deployed safely and scoped to what it uses. */
class ServicesStackTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final DeploymentEnvironment prod = platform.prod().environment();
  private static final Template services = platform.template(platform.prod().services());

  @Test
  void everyComponentRunsAsItsOwnServiceWithCircuitBreakerRollbackAndDeploymentAlarms() {
    for (Component component : Component.values()) {
      services.hasResourceProperties(
          "AWS::ECS::Service",
          Map.of(
              "ServiceName",
              component.serviceName(),
              "LaunchType",
              "FARGATE",
              "DeploymentConfiguration",
              Match.objectLike(
                  Map.of(
                      "DeploymentCircuitBreaker",
                      Map.of("Enable", true, "Rollback", true),
                      "Alarms",
                      Map.of("AlarmNames", Match.anyValue(), "Enable", true, "Rollback", true)))));
      services.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "AlarmName",
              prod.prefix() + "-" + component.serviceName() + "-deployment",
              "EvaluationPeriods",
              3));
    }
    services.resourceCountIs("AWS::ECS::Service", Component.values().length);
  }

  @Test
  void everyServiceHasItsOwnTaskRole() {
    Set<Object> taskRoles = new HashSet<>();
    for (Map<String, Object> task : services.findResources("AWS::ECS::TaskDefinition").values()) {
      taskRoles.add(NetworkAndExposureTest.properties(task).get("TaskRoleArn"));
    }
    assertThat(taskRoles).hasSize(Component.values().length).doesNotContainNull();
  }

  @Test
  void autoscalingBoundsComeFromTheEnvironmentsConfiguration() {
    for (Component component : Component.values()) {
      ServiceSize size = prod.size(component);
      services.hasResourceProperties(
          "AWS::ApplicationAutoScaling::ScalableTarget",
          Map.of(
              "MinCapacity",
              size.minTasks(),
              "MaxCapacity",
              size.maxTasks(),
              "ScalableDimension",
              "ecs:service:DesiredCount"));
      services.hasResourceProperties(
          "AWS::ECS::TaskDefinition",
          Map.of(
              "Family", prod.prefix() + "-" + component.serviceName(),
              "Cpu", String.valueOf(size.cpu()),
              "Memory", String.valueOf(size.memoryMiB())));
    }
  }

  @Test
  void containersHaveLivenessChecksAndTheLoadBalancerProbesReadiness() {
    for (Component component : Component.values()) {
      services.hasResourceProperties(
          "AWS::ECS::TaskDefinition",
          Map.of(
              "ContainerDefinitions",
              List.of(
                  Match.objectLike(
                      Map.of(
                          "Name",
                          component.serviceName(),
                          "ReadonlyRootFilesystem",
                          true,
                          "User",
                          "10001",
                          "PortMappings",
                          List.of(
                              Match.objectLike(Map.of("ContainerPort", component.containerPort()))),
                          "HealthCheck",
                          Match.objectLike(
                              Map.of(
                                  "Command",
                                  List.of(
                                      "CMD-SHELL",
                                      Match.stringLikeRegexp(
                                          ".*:"
                                              + component.containerPort()
                                              + "/actuator/health/liveness.*")))))))));
    }
    services.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        Map.of("HealthCheckPath", "/actuator/health/readiness", "Port", 8080, "TargetType", "ip"));
  }

  @Test
  void eachRouteGroupRunsTheSameImageWithItsOwnRoutesGroups() {
    for (Component component :
        List.of(Component.EMAIL, Component.DELIVERY_EVENTS, Component.IMAGES)) {
      services.hasResourceProperties(
          "AWS::ECS::TaskDefinition",
          Map.of(
              "ContainerDefinitions",
              List.of(
                  Match.objectLike(
                      Map.of(
                          "Name",
                          component.serviceName(),
                          "Environment",
                          Match.arrayWith(
                              List.of(
                                  Map.of(
                                      "Name",
                                      "ROUTES_GROUPS",
                                      "Value",
                                      component.routesGroup().orElseThrow()))))))));
    }
  }

  @Test
  void onlyTheEmailGroupMaySendMailAndOnlyThroughItsIdentity() {
    List<String> senders = rolesAllowed("ses:SendEmail");
    assertThat(senders).singleElement().asString().contains("routesemail");
  }

  @Test
  void onlyTheDeliveryEventsGroupConsumesTheDeliveryQueue() {
    assertThat(rolesAllowed("sqs:ReceiveMessage"))
        .singleElement()
        .asString()
        .contains("routesdeliveryevents");
  }

  @Test
  void onlyTheImagesGroupWritesRenditionsAndOnlyTheShopAndImagesTouchUploads() {
    assertThat(rolesAllowed("s3:DeleteObject")).singleElement().asString().contains("routesimages");
    assertThat(rolesAllowed("s3:PutObject"))
        .hasSize(2)
        .anySatisfy(role -> assertThat(role).contains("shopapi"))
        .anySatisfy(role -> assertThat(role).contains("routesimages"));
  }

  @Test
  void noTaskRoleHoldsAWildcardAction() {
    for (Map<String, Object> policy : services.findResources("AWS::IAM::Policy").values()) {
      String document =
          String.valueOf(NetworkAndExposureTest.properties(policy).get("PolicyDocument"));
      if (String.valueOf(NetworkAndExposureTest.properties(policy).get("Roles"))
          .contains("TaskRole")) {
        assertThat(document)
            .doesNotContain("Action=*")
            .doesNotContain("s3:*")
            .doesNotContain("sqs:*");
      }
    }
  }

  @Test
  void imageRepositoriesScanOnPushKeepTagsImmutableAndExpireOldImages() {
    Template ciAccess = platform.template(platform.prod().ciAccess());
    for (String repository : List.of("silverjems/shop", "silverjems/integration-routes")) {
      ciAccess.hasResourceProperties(
          "AWS::ECR::Repository",
          Map.of(
              "RepositoryName",
              repository,
              "ImageScanningConfiguration",
              Map.of("ScanOnPush", true),
              "ImageTagMutability",
              "IMMUTABLE",
              "LifecyclePolicy",
              Map.of("LifecyclePolicyText", Match.stringLikeRegexp(".*imageCountMoreThan.*"))));
    }
    ciAccess.resourceCountIs("AWS::ECR::Repository", 2);
  }

  /** The task roles (by their policy's role reference) whose policy grants {@code action}. */
  private static List<String> rolesAllowed(String action) {
    return services.findResources("AWS::IAM::Policy").values().stream()
        .map(NetworkAndExposureTest::properties)
        .filter(p -> String.valueOf(p.get("Roles")).contains("TaskRole"))
        .filter(p -> String.valueOf(p.get("PolicyDocument")).contains(action))
        .map(p -> String.valueOf(p.get("Roles")))
        .toList();
  }
}
