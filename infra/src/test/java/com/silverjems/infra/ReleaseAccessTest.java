package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Environments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What the release workflow does, the synthesised templates allow, and what it reads, they output:
 * the edge stack's outputs by the names deploy.yml reads, the buckets' grants to the release role,
 * the promotion pull from test's registry, and the deployment record in SSM.
 */
class ReleaseAccessTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void theEdgeStackOutputsEveryValueTheWorkflowReads() throws Exception {
    String deploy = Files.readString(Path.of("..", ".github", "workflows", "deploy.yml"));
    Matcher matcher = Pattern.compile("steps\\.edge\\.outputs\\.(\\w+)").matcher(deploy);
    Set<String> read = new TreeSet<>();
    while (matcher.find()) {
      read.add(matcher.group(1));
    }
    assertThat(read)
        .containsExactlyInAnyOrder(
            "StorefrontBucket", "MaintenanceBucket", "DistributionId", "SiteHealthCheckId");
    for (var env : platform.environments) {
      Map<String, Map<String, Object>> outputs =
          platform.template(env.edge()).findOutputs("*", Match.anyValue());
      assertThat(outputs.keySet()).as(env.environment().name()).containsAll(read);
      assertThat(outputs.get("DistributionId").get("Value").toString()).contains("Distribution");
      assertThat(outputs.get("MaintenanceBucket").get("Value").toString()).contains("Maintenance");
      assertThat(outputs.get("SiteHealthCheckId").get("Value").toString())
          .contains("SiteHealthCheck");
    }
    assertThat(deploy).contains(".github/scripts/edge-outputs.sh \"$PREFIX-edge\"");
  }

  @Test
  void theReleaseRoleMayPublishTheStorefrontAndTheMaintenancePage() {
    for (var env : platform.environments) {
      String role =
          "arn:aws:iam::"
              + env.environment().account()
              + ":role/"
              + env.environment().prefix()
              + "-github-release";
      Object publish =
          Match.objectLike(
              Map.of(
                  "Sid",
                  "ReleasePublishesStaticSite",
                  "Principal",
                  Map.of("AWS", role),
                  "Action",
                  List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject")));
      Map<String, Object> policy =
          Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(publish))));
      platform.template(env.data()).hasResourceProperties("AWS::S3::BucketPolicy", policy);
      platform.template(env.edge()).hasResourceProperties("AWS::S3::BucketPolicy", policy);
    }
  }

  @Test
  void productionsReleaseRolePullsOnlyWhatTestsRegistryLetsItPull() {
    String prodRole = "arn:aws:iam::123456789012:role/silverjems-prod-github-release";
    Template testAccess = platform.template(platform.test().ciAccess());
    for (String repository : List.of("shop", "integration-routes")) {
      testAccess.hasResourceProperties(
          "AWS::ECR::Repository",
          Map.of(
              "RepositoryName",
              "silverjems/" + repository,
              "RepositoryPolicyText",
              Map.of(
                  "Statement",
                  List.of(
                      Match.objectLike(
                          Map.of(
                              "Sid",
                              "PromotionToprod",
                              "Principal",
                              Map.of("AWS", prodRole),
                              "Action",
                              Match.arrayWith(
                                  List.of("ecr:BatchGetImage", "ecr:DescribeImages"))))),
                  "Version",
                  "2012-10-17")));
    }
    // Production's own repositories are nobody's promotion source.
    assertThat(
            platform
                .template(platform.prod().ciAccess())
                .findResources(
                    "AWS::ECR::Repository",
                    Map.of("Properties", Map.of("RepositoryPolicyText", Match.anyValue()))))
        .isEmpty();
    String testAccount = Environments.test().account();
    releaseRoleAllows(
        platform.template(platform.prod().ciAccess()),
        "PullImagesVerifiedIntest",
        Match.arrayWith(
            List.of(
                "arn:aws:ecr:eu-west-1:"
                    + testAccount
                    + ":repository/silverjems/integration-routes",
                "arn:aws:ecr:eu-west-1:" + testAccount + ":repository/silverjems/shop")));
    assertThat(
            platform
                .template(platform.test().ciAccess())
                .findResources(
                    "AWS::IAM::Policy",
                    Map.of(
                        "Properties",
                        Map.of(
                            "PolicyDocument",
                            Map.of(
                                "Statement",
                                Match.arrayWith(
                                    List.of(
                                        Match.objectLike(
                                            Map.of(
                                                "Sid",
                                                Match.stringLikeRegexp(
                                                    "PullImagesVerifiedIn.*"))))))))))
        .as("test builds its own images")
        .isEmpty();
  }

  @Test
  void theReleaseRoleKeepsTheDeploymentRecordAndReadsWhatItGates() {
    for (var env : platform.environments) {
      Template ciAccess = platform.template(env.ciAccess());
      String prefix = env.environment().prefix();
      String account = env.environment().account();
      releaseRoleAllows(
          ciAccess,
          "DeploymentRecord",
          "arn:aws:ssm:eu-west-1:" + account + ":parameter/" + prefix + "/release/*");
      releaseRoleAllows(
          ciAccess,
          "EdgeStackOutputs",
          "arn:aws:cloudformation:us-east-1:" + account + ":stack/" + prefix + "-edge/*");
      releaseRoleAllows(ciAccess, "SiteHealthGate", "arn:aws:route53:::healthcheck/*");
      releaseRoleAllows(
          ciAccess, "InvalidateChangedPages", "arn:aws:cloudfront::" + account + ":distribution/*");
      // The smoke checks read their accounts and the webhook's signing key, and nothing else.
      String secrets = "arn:aws:secretsmanager:eu-west-1:" + account + ":secret:" + prefix;
      releaseRoleAllows(
          ciAccess,
          "SmokeCheckSecrets",
          // (CDK sorts a statement's resources.)
          List.of(
              secrets + "/payment-webhook-signing-key-??????", secrets + "/smoke-checks-??????"));
    }
  }

  @Test
  void theSmokeChecksReadTheSecretsTheDataStackDefines() throws Exception {
    String deploy = Files.readString(Path.of("..", ".github", "workflows", "deploy.yml"));
    assertThat(deploy).contains(".github/scripts/smoke-secrets.sh \"$PREFIX\"");
    String script = Files.readString(Path.of("..", ".github", "scripts", "smoke-secrets.sh"));
    assertThat(script)
        .contains("\"$prefix/smoke-checks\"", "\"$prefix/payment-webhook-signing-key\"");
    for (var env : platform.environments) {
      Template data = platform.template(env.data());
      for (String name : List.of("/smoke-checks", "/payment-webhook-signing-key")) {
        data.hasResourceProperties(
            "AWS::SecretsManager::Secret", Map.of("Name", env.environment().prefix() + name));
      }
    }
  }

  private static void releaseRoleAllows(Template template, String sid, Object resource) {
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(Match.objectLike(Map.of("Sid", sid, "Resource", resource)))))));
  }
}
