package com.silverjems.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * GitHub reaches AWS through OIDC only, with roles scoped to repository, branch and environment.
 */
class CiAccessStackTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();

  @Test
  void githubActionsIsTheAccountsOidcProvider() {
    platform
        .template(platform.prod().ciAccess())
        .hasResourceProperties(
            "AWS::IAM::OIDCProvider",
            Map.of(
                "Url",
                "https://token.actions.githubusercontent.com",
                "ClientIdList",
                List.of("sts.amazonaws.com")));
  }

  @Test
  void deployRolesTrustOnlyThisRepositoryOnTheEnvironmentsBranchAndEnvironment() {
    Map<String, String> subjects =
        Map.of(
            "prod", "repo:silverjems/silverjems-platform:environment:prod:ref:refs/heads/main",
            "test", "repo:silverjems/silverjems-platform:environment:test:ref:refs/heads/test");
    for (var env : platform.environments) {
      Template ciAccess = platform.template(env.ciAccess());
      String subject = subjects.get(env.environment().name());
      for (String role : List.of("-github-release", "-github-cdk")) {
        ciAccess.hasResourceProperties(
            "AWS::IAM::Role",
            Map.of(
                "RoleName",
                env.environment().prefix() + role,
                "AssumeRolePolicyDocument",
                Map.of(
                    "Statement",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                "sts:AssumeRoleWithWebIdentity",
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of(
                                        "token.actions.githubusercontent.com:aud",
                                        "sts.amazonaws.com",
                                        "token.actions.githubusercontent.com:sub",
                                        subject))))),
                    "Version",
                    "2012-10-17")));
      }
    }
  }

  @Test
  void theReleaseRoleUpdatesOnlyThisEnvironmentsServices() {
    Object statement =
        Match.objectLike(
            Map.of(
                "Action",
                Match.arrayWith(List.of("ecs:UpdateService")),
                "Resource",
                Match.arrayWith(
                    List.of(
                        "arn:aws:ecs:eu-west-1:123456789012:service/silverjems-prod/shop-api"))));
    platform
        .template(platform.prod().ciAccess())
        .hasResourceProperties(
            "AWS::IAM::Policy",
            Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement)))));
  }

  @Test
  void noStackCreatesLongLivedKeys() {
    for (var env : platform.environments) {
      for (var stack : NetworkAndExposureTest.allStacks(env)) {
        Template template = platform.template(stack);
        template.resourceCountIs("AWS::IAM::User", 0);
        template.resourceCountIs("AWS::IAM::AccessKey", 0);
      }
    }
  }
}
