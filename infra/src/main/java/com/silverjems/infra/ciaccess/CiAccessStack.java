package com.silverjems.infra.ciaccess;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.Environments;
import com.silverjems.infra.config.SecretNames;
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
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.OidcProviderNative;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * What the release workflows need to reach the account: the GitHub OIDC provider, the image
 * repositories and two roles, each trusted only from this repository's jobs that run in this
 * environment on its deploy branch. No long-lived keys exist anywhere.
 *
 * <ul>
 *   <li>{@code <prefix>-github-release}: pushes images to ECR (test) or copies the images test
 *       verified from test's registry (prod), registers task definitions, updates the four ECS
 *       services and reads their state, raises an alarm when a rollout fails, publishes the
 *       storefront and the maintenance page (granted by those buckets' policies) and invalidates
 *       CloudFront, reads the edge stack's outputs and the site's health check, and records the
 *       deployed commit and digests in SSM under {@code /<prefix>/release/}.
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

    // The environments that promote this one's verified images copy them from here.
    for (DeploymentEnvironment target : Environments.promotedTo(env)) {
      for (Repository repository : repositories.values()) {
        repository.addToResourcePolicy(
            PolicyStatement.Builder.create()
                .sid("PromotionTo" + target.name())
                .principals(List.of(new ArnPrincipal(releaseRoleArn(target))))
                .actions(PROMOTION_PULL)
                .build());
      }
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

    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadImageDigests")
            .actions(List.of("ecr:DescribeImages"))
            .resources(repositories.values().stream().map(Repository::getRepositoryArn).toList())
            .build());
    Environments.promotesFrom(env)
        .ifPresent(
            source ->
                releaseRole.addToPolicy(
                    PolicyStatement.Builder.create()
                        .sid("PullImagesVerifiedIn" + source.name())
                        .actions(PROMOTION_PULL)
                        .resources(
                            repositories.keySet().stream()
                                .map(
                                    name ->
                                        "arn:aws:ecr:"
                                            + source.region()
                                            + ":"
                                            + source.account()
                                            + ":repository/silverjems/"
                                            + name)
                                .toList())
                        .build()));
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeploymentRecord")
            .actions(List.of("ssm:GetParameter", "ssm:PutParameter"))
            .resources(List.of(releaseRecordArn(env)))
            .build());
    // The edge stack deploys after this one: its stack, distribution and health check are named
    // by pattern, not by reference (which would be a dependency cycle).
    String edgeStack =
        "arn:aws:cloudformation:"
            + DeploymentEnvironment.EDGE_REGION
            + ":"
            + account
            + ":stack/"
            + env.prefix()
            + "-edge/*";
    String distributions = "arn:aws:cloudfront::" + account + ":distribution/*";
    String healthChecks = "arn:aws:route53:::healthcheck/*";
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("EdgeStackOutputs")
            .actions(List.of("cloudformation:DescribeStacks"))
            .resources(List.of(edgeStack))
            .build());
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("InvalidateChangedPages")
            .actions(List.of("cloudfront:CreateInvalidation"))
            .resources(List.of(distributions))
            .build());
    // The smoke checks sign in with the smoke accounts and sign a webhook as the payment provider
    // does. Named by pattern: the data stack owns them (Secrets Manager appends 6 characters).
    List<String> smokeSecrets =
        java.util.stream.Stream.of(SecretNames.smokeChecks(env), SecretNames.paymentWebhook(env))
            .map(
                name ->
                    "arn:aws:secretsmanager:"
                        + region
                        + ":"
                        + account
                        + ":secret:"
                        + name
                        + "-??????")
            .toList();
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SmokeCheckSecrets")
            .actions(List.of("secretsmanager:GetSecretValue"))
            .resources(smokeSecrets)
            .build());
    releaseRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SiteHealthGate")
            .actions(List.of("route53:GetHealthCheckStatus"))
            .resources(List.of(healthChecks))
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
                .build(),
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "The deployment record is the parameter path /<prefix>/release/ of this"
                        + " account. The distribution and the health check are created by the"
                        + " edge stack, which deploys after this one: naming them would be a"
                        + " dependency cycle; each account holds one environment's only ones."
                        + " The smoke checks' two secrets are named, their 6-character suffix"
                        + " (Secrets Manager's) is not known before they exist.")
                .appliesTo(
                    java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                releaseRecordArn(env), edgeStack, distributions, healthChecks),
                            smokeSecrets.stream())
                        .map(resource -> "Resource::" + resource)
                        .toList())
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

  /** What a promoting environment's release role may do in the source environment's registry. */
  private static final List<String> PROMOTION_PULL =
      List.of(
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchCheckLayerAvailability",
          "ecr:DescribeImages");

  /**
   * The release role's ARN, by name (other stacks and accounts grant to it without a reference).
   */
  public static String releaseRoleArn(DeploymentEnvironment env) {
    return "arn:aws:iam::" + env.account() + ":role/" + env.prefix() + "-github-release";
  }

  /**
   * The SSM parameters the release writes once an environment passed its smoke checks ({@code
   * deployed-commit}, {@code deployed-images}; see {@code .github/scripts/record-deployment.sh}).
   */
  public static String releaseRecordArn(DeploymentEnvironment env) {
    return "arn:aws:ssm:"
        + env.region()
        + ":"
        + env.account()
        + ":parameter/"
        + env.prefix()
        + "/release/*";
  }

  /**
   * Lets the release role upload a static site into {@code bucket} (the storefront, the maintenance
   * page): listing, to upload only what changed, and writing objects. A bucket policy rather than a
   * grant on the role, because the buckets live in stacks deployed after this one (or in
   * us-east-1), which must not reference it.
   */
  public static PolicyStatement releasePublishes(IBucket bucket, DeploymentEnvironment env) {
    return PolicyStatement.Builder.create()
        .sid("ReleasePublishesStaticSite")
        .principals(List.of(new ArnPrincipal(releaseRoleArn(env))))
        .actions(List.of("s3:ListBucket", "s3:GetObject", "s3:PutObject"))
        .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
        .build();
  }

  /** Name of the regional alarm topic; the release role may publish a failed rollout to it. */
  public static String alarmTopicName(DeploymentEnvironment env) {
    return env.prefix() + "-alarms";
  }

  /** The ECR repositories by name, e.g. {@code integration-routes}. */
  public Map<String, IRepository> repositories() {
    return java.util.Collections.unmodifiableMap(repositories);
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
