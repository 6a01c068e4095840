package com.silverjems.infra.ciaccess;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.OidcProviderNative;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.constructs.Construct;

/**
 * What the release workflows need to reach the account: the GitHub OIDC provider, the image
 * repositories and two roles, each trusted only from this repository's jobs that run in this
 * environment on its deploy branch. No long-lived keys exist anywhere.
 *
 * <ul>
 *   <li>{@code <prefix>-github-release}: pushes images to ECR, registers task definitions, updates
 *       the four ECS services and reads their state, and raises an alarm when a rollout fails.
 *   <li>{@code <prefix>-github-cdk}: may only assume the CDK bootstrap roles of this account, which
 *       is how {@code cdk deploy} changes the infrastructure.
 * </ul>
 */
public final class CiAccessStack extends Stack {

  /** GitHub's OIDC issuer for Actions. */
  public static final String GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";

  private final Map<String, Repository> repositories = new LinkedHashMap<>();
  private final Role releaseRole;
  private final Role cdkRole;

  public CiAccessStack(Construct scope, String id, StackProps props, DeploymentEnvironment env) {
    super(scope, id, props);
    for (String name :
        Arrays.stream(Component.values()).map(Component::imageRepository).distinct().toList()) {
      repositories.put(
          name,
          Repository.Builder.create(this, "Repository-" + name)
              .repositoryName("silverjems/" + name)
              .imageScanOnPush(true)
              // Images are tagged with the git sha they were built from: a tag never moves.
              .imageTagMutability(TagMutability.IMMUTABLE)
              .lifecycleRules(
                  List.of(
                      LifecycleRule.builder()
                          .description("untagged layers of failed pushes")
                          .rulePriority(1)
                          .tagStatus(TagStatus.UNTAGGED)
                          .maxImageAge(Duration.days(7))
                          .build(),
                      LifecycleRule.builder()
                          .description("keep the last 50 releases for rollbacks")
                          .rulePriority(2)
                          .tagStatus(TagStatus.ANY)
                          .maxImageCount(50)
                          .build()))
              .removalPolicy(env.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
              .emptyOnDelete(!env.protectData())
              .build());
    }

    OidcProviderNative github =
        OidcProviderNative.Builder.create(this, "GitHubOidc")
            .url("https://" + GITHUB_OIDC_ISSUER)
            .clientIds(List.of("sts.amazonaws.com"))
            .build();
    WebIdentityPrincipal workflowsOfThisEnvironment =
        new WebIdentityPrincipal(
            github.getOidcProviderArn(),
            Map.of(
                "StringEquals",
                Map.of(
                    GITHUB_OIDC_ISSUER + ":aud",
                    "sts.amazonaws.com",
                    GITHUB_OIDC_ISSUER + ":sub",
                    env.github().subject(env.name(), env.deployBranch()))));

    releaseRole =
        Role.Builder.create(this, "ReleaseRole")
            .roleName(env.prefix() + "-github-release")
            .description(
                "GitHub Actions release of "
                    + env.name()
                    + ": push images, roll out task definitions")
            .assumedBy(workflowsOfThisEnvironment)
            .maxSessionDuration(Duration.hours(1))
            .build();
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("EcrLogin")
            .actions(List.of("ecr:GetAuthorizationToken"))
            // GetAuthorizationToken has no resource-level permissions.
            .resources(List.of("*"))
            .build());
    for (Repository repository : repositories.values()) {
      repository.grantPullPush(releaseRole);
    }
    String account = env.account();
    String region = env.region();
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("RollOutServices")
            .actions(List.of("ecs:UpdateService", "ecs:DescribeServices"))
            .resources(
                Arrays.stream(Component.values())
                    .map(
                        c ->
                            "arn:aws:ecs:"
                                + region
                                + ":"
                                + account
                                + ":service/"
                                + env.clusterName()
                                + "/"
                                + c.serviceName())
                    .toList())
            .build());
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("TaskDefinitions")
            // Register and Describe of task definitions have no resource-level permissions.
            .actions(List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"))
            .resources(List.of("*"))
            .build());
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("PassOnlyServiceRoles")
            .actions(List.of("iam:PassRole"))
            .resources(List.of("arn:aws:iam::" + account + ":role/" + env.prefix() + "-services-*"))
            .conditions(
                Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
            .build());
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("AlertOnFailedRollout")
            .effect(Effect.ALLOW)
            .actions(List.of("sns:Publish"))
            .resources(List.of("arn:aws:sns:" + region + ":" + account + ":" + alarmTopicName(env)))
            .build());

    cdkRole =
        Role.Builder.create(this, "CdkDeployRole")
            .roleName(env.prefix() + "-github-cdk")
            .description(
                "GitHub Actions cdk deploy of " + env.name() + ": CDK bootstrap roles only")
            .assumedBy(workflowsOfThisEnvironment)
            .maxSessionDuration(Duration.hours(2))
            .build();
    cdkRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("AssumeCdkBootstrapRoles")
            .actions(List.of("sts:AssumeRole"))
            .resources(List.of("arn:aws:iam::" + account + ":role/cdk-hnb659fds-*"))
            .build());

    NagSuppressions.addResourceSuppressions(
        releaseRole,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "ecr:GetAuthorizationToken, ecs:RegisterTaskDefinition and"
                        + " ecs:DescribeTaskDefinition support no resource-level permission."
                        + " iam:PassRole is limited to the services stack's roles and to ECS tasks.")
                .appliesTo(
                    List.of(
                        "Resource::*",
                        "Resource::arn:aws:iam::"
                            + account
                            + ":role/"
                            + env.prefix()
                            + "-services-*"))
                .build()),
        true);
    NagSuppressions.addResourceSuppressions(
        cdkRole,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "The CDK bootstrap roles (deploy, file and image publishing, lookup) of this"
                        + " account; what each may do is set by the bootstrap template.")
                .appliesTo(List.of("Resource::arn:aws:iam::" + account + ":role/cdk-hnb659fds-*"))
                .build()),
        true);
  }

  /** Name of the regional alarm topic; the release role may publish a failed rollout to it. */
  public static String alarmTopicName(DeploymentEnvironment env) {
    return env.prefix() + "-alarms";
  }

  /** The ECR repository of an image, e.g. {@code integration-routes}. */
  public IRepository repository(String imageRepository) {
    return repositories.get(imageRepository);
  }

  public Role releaseRole() {
    return releaseRole;
  }

  public Role cdkRole() {
    return cdkRole;
  }
}
