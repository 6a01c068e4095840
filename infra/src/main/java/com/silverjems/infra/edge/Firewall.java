package com.silverjems.infra.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AllowActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.DefaultActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.constructs.Construct;

/** The CloudFront web ACL: a per-IP rate limit first, then AWS's managed rule groups. */
final class Firewall {

  /**
   * Requests one client address may make in any 5 minutes. Generous for people (a storefront visit
   * is tens of requests), low enough to stop credential stuffing and scraping at the edge; the
   * shop's own login rate limits still apply behind it.
   */
  static final int REQUESTS_PER_FIVE_MINUTES = 2000;

  private Firewall() {}

  static CfnWebACL create(Construct scope, String prefix) {
    List<RuleProperty> rules = new ArrayList<>();
    rules.add(
        RuleProperty.builder()
            .name("rate-limit-per-ip")
            .priority(0)
            .statement(
                StatementProperty.builder()
                    .rateBasedStatement(
                        RateBasedStatementProperty.builder()
                            .limit(REQUESTS_PER_FIVE_MINUTES)
                            .evaluationWindowSec(300)
                            .aggregateKeyType("IP")
                            .build())
                    .build())
            .action(
                RuleActionProperty.builder().block(BlockActionProperty.builder().build()).build())
            .visibilityConfig(visibility(prefix + "-rate-limit"))
            .build());
    rules.add(managed(prefix, 1, "AWSManagedRulesAmazonIpReputationList", List.of()));
    // Admin image uploads are bodies larger than the common rule set's 8 KB limit; the shop caps
    // upload sizes itself, so that one rule only counts.
    rules.add(managed(prefix, 2, "AWSManagedRulesCommonRuleSet", List.of("SizeRestrictions_BODY")));
    rules.add(managed(prefix, 3, "AWSManagedRulesKnownBadInputsRuleSet", List.of()));
    rules.add(managed(prefix, 4, "AWSManagedRulesSQLiRuleSet", List.of()));
    return CfnWebACL.Builder.create(scope, "Firewall")
        .name(prefix + "-cloudfront")
        .scope("CLOUDFRONT")
        .defaultAction(
            DefaultActionProperty.builder().allow(AllowActionProperty.builder().build()).build())
        .visibilityConfig(visibility(prefix + "-cloudfront"))
        .rules(List.copyOf(rules))
        .build();
  }

  private static RuleProperty managed(
      String prefix, int priority, String group, List<String> countOnly) {
    ManagedRuleGroupStatementProperty.Builder statement =
        ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(group);
    if (!countOnly.isEmpty()) {
      statement.ruleActionOverrides(
          countOnly.stream()
              .map(
                  rule ->
                      (Object)
                          RuleActionOverrideProperty.builder()
                              .name(rule)
                              .actionToUse(
                                  RuleActionProperty.builder()
                                      .count(CfnWebACL.CountActionProperty.builder().build())
                                      .build())
                              .build())
              .toList());
    }
    return RuleProperty.builder()
        .name(group)
        .priority(priority)
        .statement(StatementProperty.builder().managedRuleGroupStatement(statement.build()).build())
        .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
        .visibilityConfig(visibility(prefix + "-" + group))
        .build();
  }

  private static VisibilityConfigProperty visibility(String metricName) {
    return VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .metricName(metricName)
        .build();
  }
}
